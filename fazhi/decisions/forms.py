"""Forms of the 重大行政决策 screens; what they collect goes to services.py unchanged."""

from django import forms
from django.utils import timezone

from fazhi.core import access
from fazhi.core.models import Org

from . import materials
from .procedure import (
    WAIVERS,
    Category,
    EvaluationGround,
    Kind,
    LegalityConclusion,
    MeetingKind,
    RiskLevel,
)

TEXT = {"rows": 3}


class DateInput(forms.DateInput):
    input_type = "date"


def date_field(label, **kwargs):
    return forms.DateField(
        label=label, widget=DateInput, error_messages={"invalid": "请填写有效日期。"}, **kwargs
    )


class CatalogueForm(forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="决策机关", empty_label="请选择")
    year = forms.IntegerField(label="年度", min_value=2019, max_value=2100)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = access.orgs_with_role(user, {"clerk", "head"}).order_by("path")
        self.fields["year"].initial = timezone.localdate().year


class DecisionForm(forms.Form):
    title = forms.CharField(label="决策事项", max_length=200)
    undertaker = forms.CharField(label="决策承办单位", max_length=100)
    category = forms.ChoiceField(label="事项类型", choices=Category.choices)
    planned = forms.CharField(label="计划完成时间", max_length=40, required=False)
    reason = forms.CharField(label="目录调整理由（目录公布后增列的须填写）", max_length=300, required=False)
    market_related = forms.BooleanField(label="涉及市场主体经济活动（须进行公平竞争审查）", required=False)


class MarketForm(forms.Form):
    market_related = forms.BooleanField(label="决策草案涉及市场主体经济活动", required=False)


class PublishCatalogueForm(forms.Form):
    party_agreed_on = date_field("同级党委同意日期")


class ConsultationForm(forms.Form):
    title = forms.CharField(label="征求意见稿标题", max_length=200)
    text = forms.CharField(label="征求意见稿正文（向社会公布）", widget=forms.Textarea(attrs={"rows": 8}))
    opens_on = date_field("开始日期")
    closes_on = date_field("截止日期")
    shortened_reason = forms.CharField(
        label="期限少于规定期限的理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FeedbackForm(forms.Form):
    feedback = forms.CharField(label="意见采纳情况（向社会公布）", widget=forms.Textarea(attrs={"rows": 5}))


class ExpertsForm(forms.Form):
    assessor = forms.CharField(label="论证单位", max_length=100)
    experts = forms.CharField(label="参加论证的专家", widget=forms.Textarea(attrs={"rows": 2}))
    summary = forms.CharField(label="论证意见", widget=forms.Textarea(attrs=TEXT))
    signed = forms.BooleanField(label="书面论证意见已由专家签字或者单位盖章", required=False)


class RiskForm(forms.Form):
    assessor = forms.CharField(label="评估单位", max_length=100)
    risk_level = forms.ChoiceField(label="风险等级", choices=RiskLevel.choices)
    controllable = forms.BooleanField(label="风险可控", required=False)
    summary = forms.CharField(label="风险评估结论", widget=forms.Textarea(attrs=TEXT))


class LegalityForm(forms.Form):
    reviewer = forms.CharField(label="审查人", max_length=60)
    reviewer_org = forms.CharField(label="审查机构", max_length=100)
    sent_on = date_field("送审日期")
    concluded_on = date_field("出具审查意见日期")
    conclusion = forms.ChoiceField(label="审查结论", choices=LegalityConclusion.choices)
    summary = forms.CharField(label="审查意见", widget=forms.Textarea(attrs=TEXT))
    shortened_reason = forms.CharField(
        label="审查时间少于规定时间的理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FairCompetitionForm(forms.Form):
    reviewer_org = forms.CharField(label="审查机构", max_length=100)
    concluded_on = date_field("审查日期")
    summary = forms.CharField(label="公平竞争审查结论", widget=forms.Textarea(attrs=TEXT))


RECORD_FORMS = {
    Kind.EXPERTS: ExpertsForm,
    Kind.RISK: RiskForm,
    Kind.LEGALITY: LegalityForm,
    Kind.FAIR_COMPETITION: FairCompetitionForm,
}


class HearingPlanForm(forms.Form):
    held_on = date_field("听证会日期")
    place = forms.CharField(label="听证会地点", max_length=200)


class HearingHeldForm(forms.Form):
    held_on = date_field("听证会日期")
    materials_delivered_on = date_field("材料送达听证参加人日期")
    list_published_on = date_field("听证参加人名单公布日期")
    participants = forms.CharField(
        label="听证参加人（每行一人：姓名，所在单位，联系电话；电话不公开）",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    transcript = forms.CharField(label="听证笔录摘要", widget=forms.Textarea(attrs=TEXT))

    def clean_participants(self):
        return [_participant(n, line) for n, line in enumerate(_lines(self.cleaned_data["participants"]), 1)]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _participant(n: int, line: str) -> dict:
    parts = [p.strip() for p in line.replace("，", ",").split(",")]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise forms.ValidationError(f"第{n}行须写明姓名和所在单位，以逗号分隔。")
    return {"name": parts[0], "organisation": parts[1], "contact": ",".join(parts[2:])}


class HearingCancelForm(forms.Form):
    reason = forms.CharField(label="取消的理由", widget=forms.Textarea(attrs={"rows": 2}))


class MaterialForm(forms.Form):
    upload = forms.FileField(
        label="文件",
        error_messages={"required": "请选择要上传的文件。", "empty": "文件是空的。"},
    )
    title = forms.CharField(label="材料名称（不填则用文件名）", max_length=200, required=False)
    record = forms.ModelChoiceField(
        queryset=None, label="所属过程记录（可不选）", required=False, empty_label="决策本身"
    )

    def __init__(self, decision, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].queryset = decision.records.order_by("kind", "pk")
        limit = materials.megabytes(materials.max_bytes())
        self.fields["upload"].help_text = f"可上传 {materials.ALLOWED} 文件，不超过{limit}。"

    def clean_upload(self):
        """The type by the file's first bytes, the size before reading it."""
        upload = self.cleaned_data["upload"]
        try:
            materials.check(upload.name, upload.size)
            data = upload.read()
            materials.content_type(upload.name, data)
        except materials.MaterialError as error:
            raise forms.ValidationError(str(error)) from None
        return {"name": upload.name, "data": data}


class WaiverForm(forms.Form):
    ground = forms.ChoiceField(label="不适用的情形")
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, kind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = [(key, label) for key, label, _ in WAIVERS.get(kind, ())]


class MeetingForm(forms.Form):
    meeting_on = date_field("会议日期")
    meeting_kind = forms.ChoiceField(label="会议类型", choices=MeetingKind.choices)
    minutes = forms.CharField(label="讨论情况（含不同意见）", widget=forms.Textarea(attrs=TEXT))


class PublishForm(forms.Form):
    party_report = forms.CharField(label="向同级党委请示报告情况", widget=forms.Textarea(attrs={"rows": 2}))
    explanation = forms.CharField(
        label="公众意见、专家论证意见的采纳情况说明", widget=forms.Textarea(attrs=TEXT)
    )


class ArchiveForm(forms.Form):
    archive_number = forms.CharField(label="档案号", max_length=60)


STEP_FORMS = {
    "table": forms.Form,
    "decide": MeetingForm,
    "defer": MeetingForm,
    "reject": MeetingForm,
    "publish": PublishForm,
    "archive": ArchiveForm,
}


class EvaluationForm(forms.Form):
    ground = forms.ChoiceField(label="评估原因", choices=EvaluationGround.choices)
    due_on = date_field("评估完成期限")


class EvaluationDoneForm(forms.Form):
    evaluator = forms.CharField(label="评估主体", max_length=100)
    conclusion = forms.CharField(label="评估结论", widget=forms.Textarea(attrs=TEXT))
