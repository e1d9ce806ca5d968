"""The registry of 重大行政决策: the yearly catalogue, each decision, its process records
(过程记录), its hearings, the materials of its process and its post-implementation
evaluations. `org` is the deciding body (决策机关)."""

from django.db import models

from fazhi.core import consultation as consultations
from fazhi.core import workdays
from fazhi.core.models import OrgRecord

from .procedure import (
    REVIEW_TIME,
    CatalogueState,
    Category,
    EvaluationGround,
    EvaluationState,
    HearingState,
    Kind,
    LegalityConclusion,
    MeetingKind,
    RecordStatus,
    RiskLevel,
    State,
    minimum,
)


class Catalogue(OrgRecord):
    """重大行政决策事项目录 of one deciding body for one year (第三条第三款)."""

    year = models.PositiveSmallIntegerField("年度")
    state = models.CharField("状态", max_length=12, choices=CatalogueState.choices, default="draft")
    party_agreed_on = models.DateField("同级党委同意日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "重大行政决策事项目录"
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="decisions_catalogue_org_year")]

    def __str__(self) -> str:
        return f"{self.org.name}{self.year}年度重大行政决策事项目录"


class Decision(OrgRecord):
    catalogue = models.ForeignKey(
        Catalogue, verbose_name="目录", on_delete=models.PROTECT, related_name="decisions"
    )
    title = models.CharField("决策事项", max_length=200)
    category = models.CharField("事项类型", max_length=12, choices=Category.choices, default="policy")
    undertaker = models.CharField("决策承办单位", max_length=100)
    planned = models.CharField("计划完成时间", max_length=40, blank=True)
    summary = models.TextField("决策草案要点", blank=True)
    market_related = models.BooleanField("涉及市场主体经济活动", default=False)  # 第二十九条第一项
    added_reason = models.CharField("目录调整理由", max_length=300, blank=True)  # added after publication
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.DRAFTING)
    meeting_on = models.DateField("会议日期", null=True, blank=True)
    meeting_kind = models.CharField("会议类型", max_length=12, choices=MeetingKind.choices, blank=True)
    minutes = models.TextField("讨论情况", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    party_report = models.TextField("向同级党委请示报告情况", blank=True)
    explanation = models.TextField("意见采纳情况说明", blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    archive_number = models.CharField("档案号", max_length=60, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)

    class Meta:
        verbose_name = "重大行政决策"
        indexes = [
            models.Index(fields=["org", "state"], name="decisions_org_state"),
            models.Index(fields=["org", "decided_on"], name="decisions_org_decided"),
        ]

    def __str__(self) -> str:
        return self.title

    def latest_record(self, kind):
        """The process record of `kind` in force: the latest one (earlier ones stay as history)."""
        cache = getattr(self, "_latest_records", None)
        if cache is None:
            cache = {}
            for found in self.records.order_by("pk"):
                cache[found.kind] = found
            self._latest_records = cache
        return cache.get(kind)

    def consultation(self):
        return consultations.of(self)

    def pre_decision_assessors(self) -> set[str]:
        """The units that did the main argument and assessment (第三十六条)."""
        names = set()
        for kind in (Kind.EXPERTS, Kind.RISK):
            found = self.latest_record(kind)
            if found is not None and found.status == RecordStatus.DONE and found.assessor:
                names.add("".join(found.assessor.split()))
        return names


class ProcessRecord(OrgRecord):
    """One procedure's record (过程记录): done, with what it found, or lawfully not applied."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="records")
    kind = models.CharField("程序", max_length=16, choices=Kind.choices)
    status = models.CharField("情况", max_length=8, choices=RecordStatus.choices)
    recorded_on = models.DateField("记录日期")
    summary = models.TextField("意见或结论", blank=True)
    waiver_ground = models.CharField("不适用的依据", max_length=20, blank=True)
    waiver_reason = models.TextField("不适用的理由", blank=True)
    # 专家论证 / 风险评估
    assessor = models.CharField("论证或评估单位", max_length=100, blank=True)
    experts = models.TextField("参加论证的专家", blank=True)
    signed = models.BooleanField("论证意见已签字或盖章", default=False)
    risk_level = models.CharField("风险等级", max_length=8, choices=RiskLevel.choices, blank=True)
    risk_controllable = models.BooleanField("风险可控", default=False)
    # 合法性审查
    reviewer = models.CharField("审查人", max_length=60, blank=True)
    reviewer_org = models.CharField("审查机构", max_length=100, blank=True)
    sent_on = models.DateField("送审日期", null=True, blank=True)
    concluded_on = models.DateField("出具审查意见日期", null=True, blank=True)
    conclusion = models.CharField("审查结论", max_length=10, choices=LegalityConclusion.choices, blank=True)
    shortened_reason = models.TextField("审查时间少于规定时间的理由", blank=True)

    class Meta:
        verbose_name = "决策过程记录"
        indexes = [models.Index(fields=["org", "decision", "kind"], name="decisions_record_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.get_status_display()}"

    def review_days(self) -> int | None:
        """Working days from sending to the opinion (the sending day not counted)."""
        if self.sent_on is None or self.concluded_on is None:
            return None
        try:
            return workdays.workdays_between(self.sent_on, self.concluded_on)
        except workdays.CalendarUnknown:
            return None

    def review_minimum(self) -> int:
        """The working days the review should have had, by the rule in force for this body."""
        return minimum(REVIEW_TIME, self.concluded_on or self.recorded_on, self.org)

    def review_time_kept(self) -> bool:
        days = self.review_days()
        return bool(self.shortened_reason.strip()) or (days is not None and days >= self.review_minimum())


class Hearing(OrgRecord):
    """听证会 of 公众参与 (第十六条): announced with its date and place, then held with its
    participants and 听证笔录, or called off with a reason. `participants` is a list of
    {"name", "organisation", "contact"}; only the count and the organisations are public."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="hearings")
    state = models.CharField("状态", max_length=10, choices=HearingState.choices, default="planned")
    held_on = models.DateField("听证会日期")
    place = models.CharField("听证会地点", max_length=200)
    materials_delivered_on = models.DateField("材料送达听证参加人日期", null=True, blank=True)
    list_published_on = models.DateField("听证参加人名单公布日期", null=True, blank=True)
    participants = models.JSONField("听证参加人", default=list, blank=True)
    transcript = models.TextField("听证笔录摘要", blank=True)
    cancel_reason = models.TextField("取消的理由", blank=True)

    class Meta:
        verbose_name = "听证会"

    def __str__(self) -> str:
        return f"{self.held_on}听证会（{self.place}）"

    def organisations(self) -> list[str]:
        """The participants' organisations, each once, in the order first listed."""
        return list(dict.fromkeys(p["organisation"] for p in self.participants if p.get("organisation")))


class Material(OrgRecord):
    """A file of the decision's process (第三十三条), kept in the database with the record
    it belongs to, so the two are written in one transaction. `created_by` / `created_at`
    are the uploader and the upload time."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="materials")
    record = models.ForeignKey(
        ProcessRecord,
        verbose_name="所属过程记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="materials",
    )
    title = models.CharField("材料名称", max_length=200)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    data = models.BinaryField("文件内容")

    class Meta:
        verbose_name = "决策过程材料"
        constraints = [models.UniqueConstraint(fields=["decision", "sha256"], name="decisions_material_once")]

    def __str__(self) -> str:
        return self.title

    @property
    def uploader(self):
        return self.created_by

    @property
    def uploaded_at(self):
        return self.created_at


class Evaluation(OrgRecord):
    """决策后评估 (第三十六条), with its completion date tracked by a clock."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="evaluations")
    ground = models.CharField("评估原因", max_length=12, choices=EvaluationGround.choices)
    state = models.CharField("状态", max_length=10, choices=EvaluationState.choices, default="planned")
    evaluator = models.CharField("评估主体", max_length=100, blank=True)
    conclusion = models.TextField("评估结论", blank=True)
    done_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "决策后评估"

    def __str__(self) -> str:
        return f"{self.decision.title}决策后评估"
