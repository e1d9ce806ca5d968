from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone

from fazhi.core import accounts
from fazhi.core.models import Org

from .models import ReportDates
from .procedure import PARTS
from .services import NARRATIVE_LIMIT


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")  # what <input type=date> reads


class NarrativeForm(forms.Form):
    """The unit's own text of each of the five parts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for part in PARTS:
            self.fields[part.key] = forms.CharField(
                label=f"{part.number}、{part.title}",
                required=False,
                max_length=NARRATIVE_LIMIT,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=f"督察规定要求报告：{part.mandate}。每段一行。",
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="意见", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class PublishForm(forms.Form):
    published_on = forms.DateField(label="公开日期", widget=DateInput, initial=timezone.localdate)

    def clean_published_on(self):
        day = self.cleaned_data["published_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("公开日期不能晚于今天。")
        return day


STEP_FORMS = {
    "propose": forms.Form,
    "approve": forms.Form,
    "submit": forms.Form,
    "accept": forms.Form,
    "revise": ReasonForm,
    "return": ReasonForm,
    "publish": PublishForm,
}


class OpenForm(forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="单位", empty_label=None)
    year = forms.IntegerField(label="报告年度", min_value=2000)

    def __init__(self, orgs, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["year"].validators.append(MaxValueValidator(timezone.localdate().year))


class DatesForm(forms.ModelForm):
    class Meta:
        model = ReportDates
        fields = ("org", "since_year", "submit_month", "submit_day", "publish_month", "publish_day", "basis")

    def __init__(self, admin, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = accounts.manageable_orgs(admin).order_by("path")

    def clean(self):
        data = super().clean()
        for kind in ("submit", "publish"):
            month, day = data.get(f"{kind}_month"), data.get(f"{kind}_day")
            if month and day and day > (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
                self.add_error(f"{kind}_day", f"{month}月没有{day}日。")
        return data
