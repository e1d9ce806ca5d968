from django import forms
from django.utils import timezone

from fazhi.core import access
from fazhi.core.models import Org

from .procedure import SOURCES


class EditForm(forms.Form):
    title = forms.CharField(label="事项名称", max_length=200)
    source = forms.ChoiceField(label="来源", choices=SOURCES)
    requirement = forms.CharField(label="督办要求", widget=forms.Textarea(attrs={"rows": 5}))


class DateInput(forms.DateInput):
    input_type = "date"


class DraftForm(forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="承办单位", empty_label="请选择")
    title = forms.CharField(label="事项名称", max_length=200)
    source = forms.ChoiceField(label="来源", choices=SOURCES)
    requirement = forms.CharField(label="督办要求", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        supervised = access.orgs_with_role(user, {"supervisor"})
        own = [m.org_id for m in access.memberships(user) if m.role == "supervisor"]
        self.fields["org"].queryset = supervised.exclude(pk__in=own).order_by("path")


class DueForm(forms.Form):
    due_on = forms.DateField(label="办理期限", widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].widget.attrs["min"] = timezone.localdate().isoformat()

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due < timezone.localdate():
            raise forms.ValidationError("办理期限不能早于今天。")
        return due


class ExtendForm(DueForm):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))


class FeedbackForm(forms.Form):
    feedback = forms.CharField(label="办理情况", widget=forms.Textarea(attrs={"rows": 6}))


class OpinionForm(forms.Form):
    opinion = forms.CharField(label="办结意见", widget=forms.Textarea(attrs={"rows": 3}))


STEP_FORMS = {
    "assign": DueForm,
    "extend": ExtendForm,
    "return": ExtendForm,
    "report": FeedbackForm,
    "close": OpinionForm,
    "accept": forms.Form,
}
