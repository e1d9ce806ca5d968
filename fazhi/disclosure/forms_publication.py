"""主动公开 forms: the item, each step of the procedure, and a jurisdiction's review stages."""

from django import forms
from django.utils import timezone

from fazhi.core import access
from fazhi.core.models import Org, Role

from .models import Category
from .procedure import MAX_REVIEW_STAGES, PUBLICATION, PUBLISHERS, REVIEW_ROLES, SINCE, Toward


class DateInput(forms.DateInput):
    input_type = "date"


class ItemForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    category = forms.ChoiceField(label="类别", choices=Category.choices)
    document_number = forms.CharField(
        label="文号", max_length=60, required=False, help_text="如 示教〔2026〕12号；没有文号的可不填。"
    )
    formed_on = forms.DateField(
        label="形成或变更日期",
        widget=DateInput,
        help_text=f"自该日起{PUBLICATION.amount}个{PUBLICATION.unit.label}内公开（{PUBLICATION.cite}），当日不计入。",
    )
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formed_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_formed_on(self):
        day = self.cleaned_data["formed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("形成或变更日期不能晚于今天。")
        if day < SINCE:
            raise forms.ValidationError("形成日期早于《条例》2019年5月15日修订施行之日，本期限不适用。")
        return day


class CreateForm(ItemForm):
    """The item, and the unit it belongs to when the user publishes for more than one."""

    org = forms.ModelChoiceField(Org.objects.none(), label="公开单位", empty_label=None)
    field_order = ("org", "title", "category", "document_number", "formed_on", "body")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = access.orgs_with_role(user, set(PUBLISHERS)).order_by("path")


class StageForm(forms.Form):
    stage = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ApproveForm(StageForm):
    opinion = forms.CharField(
        label="审查意见",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": "经审查，不涉及国家秘密、商业秘密和个人隐私，同意公开。"}
        ),
    )


class SendBackForm(StageForm):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea(attrs={"rows": 3}))


STEP_FORMS = {
    "submit": forms.Form,
    "approve": ApproveForm,
    "send_back": SendBackForm,
    "publish": forms.Form,
    "withdraw": WithdrawForm,
}


# --- a jurisdiction's review stages ---------------------------------------------------------

ROLE_CHOICES = [(r.value, r.label) for r in REVIEW_ROLES]


class ConfigForm(forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="适用机关", empty_label=None)
    name = forms.CharField(label="配置名称", max_length=60, help_text="如：和平镇三审制")
    basis = forms.CharField(
        label="依据", max_length=200, required=False, help_text="本地保密审查制度的名称和文号。"
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = access.orgs_with_role(user, {Role.ADMIN}).order_by("path")


class StageRowForm(forms.Form):
    """One stage; a row without a name is not used."""

    name = forms.CharField(label="环节名称", max_length=40, required=False)
    role = forms.ChoiceField(label="审查岗位", choices=ROLE_CHOICES, required=False)
    toward = forms.ChoiceField(label="所在机关", choices=Toward.choices, required=False)

    def clean(self):
        data = super().clean()
        for field in ("role", "toward") if data.get("name") else ():
            if not data.get(field):
                self.add_error(field, "请选择。")
        return data


class BaseStageFormSet(forms.BaseFormSet):
    def clean(self):
        if not any(self.errors) and not self.stages():
            raise forms.ValidationError("至少设置一个审查环节。")

    def stages(self) -> list[dict]:
        rows = (f.cleaned_data for f in self.forms if f.cleaned_data.get("name"))
        return [{"name": r["name"], "role": r["role"], "toward": r["toward"]} for r in rows]


StageFormSet = forms.formset_factory(
    StageRowForm, formset=BaseStageFormSet, extra=MAX_REVIEW_STAGES, max_num=MAX_REVIEW_STAGES
)
