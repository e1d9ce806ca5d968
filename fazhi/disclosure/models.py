"""The registries of 政务公开: requests (依申请公开) and published items (主动公开)."""

import secrets

from django.conf import settings
from django.db import models

from fazhi.core.models import Org, OrgRecord, OrgRecordQuerySet, Role

from .procedure import (
    DELIVERY_METHODS,
    OUTCOME_CHOICES,
    REVIEW_ROLES,
    ApplicantType,
    Channel,
    DeliveryForm,
    FeeMethod,
    PublicationState,
    ReviewScheme,
    ReviewStage,
    ReviewState,
    State,
    fee_basis,
    stage_title,
)

# Tracking codes avoid look-alike characters (0/O, 1/I/L) so they can be read out by phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))


class DisclosureRequest(OrgRecord):
    """政府信息公开申请. `org` is the agency the request is made to."""

    number = models.CharField("申请编号", max_length=60)
    tracking_code = models.CharField("查询码", max_length=12, unique=True, default=new_tracking_code)
    channel = models.CharField("申请方式", max_length=12, choices=Channel.choices)
    applicant_type = models.CharField("申请人类型", max_length=16, choices=ApplicantType.choices)
    # Personal data: shown to the agency's staff only, masked everywhere else.
    applicant_name = models.CharField("申请人", max_length=100)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    description = models.TextField("申请内容")
    delivery_form = models.CharField(
        "获取信息的方式", max_length=12, choices=DeliveryForm.choices, default=DeliveryForm.ELECTRONIC
    )
    received_on = models.DateField("收到日期")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.REGISTERED)
    correction_note = models.TextField("需要补正的事项", blank=True)
    correction_due_on = models.DateField("补正期限", null=True, blank=True)
    consulted_party = models.CharField("征求意见对象", max_length=200, blank=True)
    # 信息处理费 (109号): one method per request; the amount is computed, never typed.
    fee_method = models.CharField("计收方式", max_length=12, choices=FeeMethod.choices, blank=True)
    fee_quantity = models.PositiveIntegerField("计费数量", null=True, blank=True)
    fee_amount = models.DecimalField(
        "信息处理费（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    extended = models.BooleanField("已延期", default=False)
    extension_reason = models.TextField("延期理由", blank=True)
    outcome = models.CharField("处理结果", max_length=24, choices=OUTCOME_CHOICES, blank=True)
    letter = models.TextField("答复书", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    delivery_method = models.CharField("送达方式", max_length=12, choices=DELIVERY_METHODS, blank=True)
    # Table 四 of the annual report, recorded when known.
    review_result = models.CharField("行政复议结果", max_length=12, blank=True)
    litigation_kind = models.CharField("行政诉讼类型", max_length=12, blank=True)
    litigation_result = models.CharField("行政诉讼结果", max_length=12, blank=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        constraints = [models.UniqueConstraint(fields=["org", "number"], name="disclosurerequest_number")]
        indexes = [
            models.Index(fields=["org", "received_on"], name="disclosure_org_received"),
            models.Index(fields=["org", "replied_on"], name="disclosure_org_replied"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description[:30]}"

    @property
    def fee_basis(self) -> str:
        return fee_basis(self.fee_method, self.fee_quantity)


class Category(models.TextChoices):  # 政府信息公开目录的类别
    NORMATIVE_DOCUMENT = "normative_document", "规范性文件"
    POLICY_INTERPRETATION = "policy_interpretation", "政策解读"
    ANNOUNCEMENT = "announcement", "公告公示"
    FINANCE = "finance", "财政信息"
    KEY_AREAS = "key_areas", "重点领域信息"
    PLANNING = "planning", "规划计划"
    ORGANIZATION = "organization", "机构职能"
    PERSONNEL = "personnel", "人事信息"
    OTHER = "other", "其他"


class PublicationQuerySet(OrgRecordQuerySet):
    def published(self):
        """What the public may read: published and not withdrawn."""
        return self.filter(state=PublicationState.PUBLISHED)


class PublicationItem(OrgRecord):
    """主动公开的政府信息: nothing reaches the portal before its confidentiality review passes."""

    title = models.CharField("标题", max_length=200)
    category = models.CharField("类别", max_length=24, choices=Category.choices)
    document_number = models.CharField("文号", max_length=60, blank=True)
    body = models.TextField("正文")
    formed_on = models.DateField("形成或变更日期")
    # The calendar rows of `formed_on` and `published_on` (no columns of their own): the
    # 20-working-day check of indicators.py compares their ordinals in the same scan.
    formed_day = models.ForeignObject(
        "core.CalendarDay",
        on_delete=models.DO_NOTHING,
        from_fields=["formed_on"],
        to_fields=["date"],
        null=True,
        related_name="+",
    )
    state = models.CharField(
        "状态", max_length=12, choices=PublicationState.choices, default=PublicationState.DRAFT
    )
    # 一事一审: each submission opens a round; `review_stage` counts its stages passed.
    review_round = models.PositiveSmallIntegerField("审查轮次", default=0)
    review_stage = models.PositiveSmallIntegerField("已通过的审查环节", default=0)
    review_scheme = models.CharField("适用的审查配置", max_length=300, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    published_day = models.ForeignObject(
        "core.CalendarDay",
        on_delete=models.DO_NOTHING,
        from_fields=["published_on"],
        to_fields=["date"],
        null=True,
        related_name="+",
    )
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawn_reason = models.TextField("撤回理由", blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = "主动公开信息"
        indexes = [models.Index(fields=["org", "state", "published_on"], name="publication_org_state")]

    def __str__(self) -> str:
        return self.title

    def current_reviews(self):
        return self.reviews.filter(round=self.review_round).order_by("stage")

    def review_passed(self) -> bool:
        """Every stage of the current round passed (先审查、后公开)."""
        stages = self.current_reviews()
        return stages.exists() and not stages.exclude(state=ReviewState.APPROVED).exists()


class PublicationReview(OrgRecord):
    """One stage of one round of an item's 保密审查. `org` is the org whose post acts at this
    stage (for 分管领导, the government above the department), so the engine checks the
    reviewer's role there and the decision enters that org's audit chain."""

    item = models.ForeignKey(PublicationItem, on_delete=models.PROTECT, related_name="reviews")
    round = models.PositiveSmallIntegerField("审查轮次")
    stage = models.PositiveSmallIntegerField("审查环节")
    name = models.CharField("环节名称", max_length=40)
    role = models.CharField("审查岗位", max_length=16, choices=Role.choices)
    state = models.CharField("审查状态", max_length=10, choices=ReviewState.choices)
    opinion = models.TextField("审查意见", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审查人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField("审查日期", null=True)

    class Meta:
        verbose_name = "保密审查记录"
        constraints = [
            models.UniqueConstraint(fields=["item", "round", "stage"], name="publicationreview_once")
        ]
        indexes = [models.Index(fields=["org", "state"], name="publicationreview_org_state")]

    def __str__(self) -> str:
        return f"{self.item} 第{self.round}轮{self.title}"

    @property
    def title(self) -> str:
        return stage_title(self.stage, self.name)


class ReviewConfig(models.Model):
    """A jurisdiction's own 保密审查 stages: they apply to its org and to every org below it
    that has none of its own. Without any, procedure.DEFAULT_REVIEW applies."""

    org = models.OneToOneField(Org, verbose_name="适用机关", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("配置名称", max_length=60)
    basis = models.CharField("依据", max_length=200, blank=True)
    stages = models.JSONField("审查环节")  # [{"name": "分管领导", "role": "head", "toward": "parent"}]
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="更新人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "保密审查配置"

    def __str__(self) -> str:
        return f"{self.org.name}：{self.name}"

    def scheme(self) -> ReviewScheme:
        stages = (ReviewStage(s["name"], s["role"], s["toward"]) for s in self.stages)
        return ReviewScheme(self.name, tuple(s for s in stages if s.role in REVIEW_ROLES), self.basis)


class AnnualReport(OrgRecord):
    """One org's 政府信息公开工作年度报告 for one year: what its publication clock is about."""

    year = models.PositiveSmallIntegerField("报告年度")
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="annualreport_once")]

    def __str__(self) -> str:
        return f"{self.org.name}{self.year}年政府信息公开工作年度报告"
