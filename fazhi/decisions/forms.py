"""Forms of the 重大行政决策 screens; what they collect goes to services.py unchanged."""

from django import forms
from django.utils import timezone

from fazhi.core import access
from fazhi.core.models import Org

from .procedure import (
    REVIEW_TIME,
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


class PublishCatalogueForm(forms.Form):
    party_agreed_on = date_field("同级党委同意日期")


class ConsultationForm(forms.Form):
    title = forms.CharField(label="征求意见稿标题", max_length=200)
    text = forms.CharField(label="征求意见稿正文（向社会公布）", widget=forms.Textarea(attrs={"rows": 8}))
    opens_on = date_field("开始日期")
    closes_on = date_field("截止日期")
    shortened_reason = forms.CharField(
        label="期限少于30日的理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
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
        label=f"审查时间不足{REVIEW_TIME.amount}个工作日的理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


RECORD_FORMS = {Kind.EXPERTS: ExpertsForm, Kind.RISK: RiskForm, Kind.LEGALITY: LegalityForm}


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


class CommentDecisionForm(forms.Form):
    adopted = forms.TypedChoiceField(
        label="是否采纳", choices=(("1", "采纳"), ("0", "不予采纳")), coerce=lambda v: v == "1"
    )
    reply = forms.CharField(label="答复", required=False, widget=forms.Textarea(attrs={"rows": 2}))
