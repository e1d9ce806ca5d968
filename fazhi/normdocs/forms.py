from django import forms
from django.db.models import Case, When

from fazhi.core import access, files, reading
from fazhi.core.models import Org, Role

from .procedure import CleanupDecision, ReviewOutcome

MAX_UPLOAD = 10 * 1024 * 1024
UPLOAD_KINDS = (".txt", ".docx", ".pdf")


class DateInput(forms.DateInput):
    input_type = "date"


class DocumentForm(forms.Form):
    title = forms.CharField(label="文件名称", max_length=200)
    legal_basis = forms.CharField(
        label="制定依据",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="写明所依据的法律、法规、规章或上级文件（必填）。",
        error_messages={"required": "制定依据不能为空：规范性文件须写明所依据的法律、法规、规章或上级文件。"},
    )
    text = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 14}), required=False)
    upload = forms.FileField(
        label="或上传正文（.txt / .docx / .pdf，不超过10MB）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_KINDS)}),
    )
    market_related = forms.BooleanField(
        label="涉及市场主体经济活动（须经公平竞争审查）", required=False, initial=True
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        return read_upload(upload)

    def clean(self):
        data = super().clean()
        if data.get("upload"):
            data["text"] = data["upload"]
        return data


def read_upload(upload) -> str:
    """The text of an uploaded .txt, .docx or .pdf (its text layer), checked for size and
    for what it really is."""
    try:
        files.check(upload.name, upload.size, UPLOAD_KINDS, MAX_UPLOAD)
        data = upload.read()
        files.content_type(upload.name, data, UPLOAD_KINDS, MAX_UPLOAD)
        return reading.read_bytes(data, files.suffix_of(upload.name))
    except (files.FileRefused, reading.Unreadable) as error:
        raise forms.ValidationError(str(error)) from None


class DraftForm(DocumentForm):
    org = forms.ModelChoiceField(Org.objects.none(), label="制定机关", empty_label=None)

    field_order = ["org", "title", "legal_basis", "text", "upload", "market_related"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = access.orgs_with_role(user, {Role.CLERK, Role.HEAD}).order_by("path")


class ConsultForm(forms.Form):
    opens_on = forms.DateField(label="征求意见开始日期", widget=DateInput)
    closes_on = forms.DateField(label="征求意见截止日期", widget=DateInput)

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] <= data["opens_on"]:
            raise forms.ValidationError("截止日期须晚于开始日期。")
        return data


class SubmitReviewForm(forms.Form):
    review_org = forms.ModelChoiceField(Org.objects.none(), label="审核机构", empty_label=None)
    feedback = forms.CharField(
        label="意见采纳情况",
        help_text="征求意见结束，公布于征求意见页面：收到多少意见、采纳多少、不予采纳的理由；未收到意见的写明。",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # required by the service while the portal consultation is open
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        order = Case(*[When(pk=o.pk, then=i) for i, o in enumerate(choices)], default=len(choices))
        self.fields["review_org"].queryset = Org.objects.filter(pk__in=[o.pk for o in choices]).order_by(
            order
        )


class FairForm(forms.Form):
    conclusion = forms.CharField(label="审查结论", widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(forms.Form):
    meeting = forms.CharField(label="会议名称及日期", max_length=200)


class PublishForm(forms.Form):
    effective_on = forms.DateField(label="施行日期", widget=DateInput)
    interpretation = forms.CharField(label="政策解读", widget=forms.Textarea(attrs={"rows": 5}))


class FileForm(forms.Form):
    filed_with = forms.CharField(label="备案机关", max_length=100)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))


STEP_FORMS = {
    "draft": forms.Form,
    "consult": ConsultForm,
    "submit_review": SubmitReviewForm,
    "fair_competition": FairForm,
    "revise": forms.Form,
    "decide": DecideForm,
    "issue": forms.Form,
    "publish": PublishForm,
    "file": FileForm,
    "amend": ReasonForm,
    "repeal": ReasonForm,
    "expire": forms.Form,
    "withdraw": ReasonForm,
}


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label="审核结论", choices=ReviewOutcome.choices)
    opinion = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 5}))
    must_change = forms.MultipleChoiceField(
        label="文本检查发现中须修改的", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, findings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.findings = list(findings)
        self.fields["must_change"].choices = [
            (str(i), f"{f.kind_label}「{f.phrase}」（第{f.start}–{f.end}字）")
            for i, f in enumerate(self.findings)
        ]

    def rulings(self) -> list[dict]:
        chosen = set(self.cleaned_data.get("must_change") or [])
        return [
            f.as_json() | {"ruling": "须修改" if str(i) in chosen else "可保留"}
            for i, f in enumerate(self.findings)
        ]


class CleanupForm(forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="清理范围（本机关及下级）", empty_label=None)
    title = forms.CharField(label="清理名称", max_length=200)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = access.orgs_with_role(user, {Role.HEAD, Role.SUPERVISOR}).order_by(
            "path"
        )


class CleanupEntryForm(forms.Form):
    decision = forms.ChoiceField(label="清理结果", choices=[c for c in CleanupDecision.choices if c[0]])
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", max_length=100, required=False)
    org = forms.CharField(required=False, max_length=32)
    year = forms.IntegerField(required=False, min_value=1949, max_value=2100)
    status = forms.CharField(required=False, max_length=16)
    on = forms.DateField(required=False, widget=DateInput)
