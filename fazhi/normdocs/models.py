import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.models import Org, OrgRecord
from fazhi.core.models.base import OrgRecordQuerySet

from .procedure import PUBLISHED_STATES, CleanupDecision, ReviewOutcome, ReviewState, State

PUBLISHED = Q(state__in=PUBLISHED_STATES)  # what the public may read


class DocumentQuerySet(OrgRecordQuerySet):
    def published(self):
        """What the public may read: documents that were published, in force or not."""
        return self.filter(PUBLISHED)

    def in_force_on(self, day: datetime.date):
        """The register's answer to "what was in force on `day`": published, in effect by
        then, not ended (修改/废止/失效) on or before it, and not past its 有效期."""
        still = Q(state=State.IN_FORCE, ended_on__isnull=True) | Q(
            ended_on__gt=day
        )  # an unknown end: not counted
        return self.published().filter(
            still,
            Q(effective_on__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class Document(OrgRecord):
    """行政规范性文件. `org` is the issuing body (制定机关)."""

    title = models.CharField("文件名称", max_length=200)
    number = models.CharField("文号", max_length=60, blank=True, db_index=True)
    register_number = models.CharField("登记号", max_length=60, blank=True)
    legal_basis = models.TextField("制定依据", blank=True)
    text = models.TextField("正文", blank=True)
    market_related = models.BooleanField("涉及市场主体经济活动", default=True)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.PROPOSED)
    consult_opens_on = models.DateField("征求意见开始日期", null=True, blank=True)
    consult_closes_on = models.DateField("征求意见截止日期", null=True, blank=True)
    fair_conclusion = models.TextField("公平竞争审查结论", blank=True)
    fair_reviewed_on = models.DateField("公平竞争审查日期", null=True, blank=True)
    meeting = models.CharField("集体讨论会议", max_length=200, blank=True)
    decided_on = models.DateField("集体讨论日期", null=True, blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    interpretation = models.TextField("政策解读", blank=True)
    filing_org = models.ForeignKey(
        Org, verbose_name="备案机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_with = models.CharField("报送备案机关", max_length=100, blank=True)
    filed_on = models.DateField("备案报送日期", null=True, blank=True)
    ended_on = models.DateField("终止日期", null=True, blank=True)
    end_reason = models.TextField("修改/废止理由", blank=True)
    replaces = models.ForeignKey(
        "self", verbose_name="修改的文件", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported = models.BooleanField("导入", default=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "行政规范性文件"
        indexes = [
            models.Index(fields=["org", "state"], name="normdocs_org_state"),
            models.Index(fields=["state", "published_on"], name="normdocs_state_published"),
            # the library's newest-first page: read backwards, LIMIT 20 (no sort of the register)
            models.Index(fields=["published_on", "id"], name="normdocs_published_id"),
            # the published register's last change, per state, read by every kept library
            # page (views_public.py): a draft saved does not touch it
            models.Index(fields=["state", "updated_at"], name="normdocs_state_updated"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "number"], condition=~Q(number=""), name="normdocs_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_provisional(self) -> bool:
        return any(word in self.title for word in ("暂行", "试行"))


class Version(models.Model):
    """Every text of a document, as saved: drafts, the text published, each amendment."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveIntegerField("版本")
    title = models.CharField("文件名称", max_length=200)
    legal_basis = models.TextField("制定依据", blank=True)
    text = models.TextField("正文", blank=True)
    reason = models.CharField("说明", max_length=100)
    saved_at = models.DateTimeField(auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "文件版本"
        ordering = ["document", "seq"]
        constraints = [models.UniqueConstraint(fields=["document", "seq"], name="normdocs_version_unique")]

    def __str__(self) -> str:
        return f"{self.title}（第{self.seq}版）"


class LegalityReview(OrgRecord):
    """合法性审核. `org` is the reviewing body (司法行政部门 / 法制审核机构)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="reviews")
    document_org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        "状态", max_length=16, choices=ReviewState.choices, default=ReviewState.SUBMITTED
    )
    outcome = models.CharField("审核结论", max_length=16, choices=ReviewOutcome.choices, blank=True)
    opinion = models.TextField("审核意见", blank=True)
    submitted_on = models.DateField("送审日期")
    concluded_on = models.DateField("出具意见日期", null=True, blank=True)
    # The reviewer's ruling on each finding of the text check: [{start, end, phrase, kind, ruling}]
    rulings = models.JSONField("文本检查处理意见", default=list, blank=True)

    class Meta:
        verbose_name = "合法性审核"
        indexes = [models.Index(fields=["org", "state"], name="normdocs_review_org_state")]

    def __str__(self) -> str:
        return f"合法性审核：{self.document.title}"


class SearchEntry(models.Model):
    """The document's words for full-text search, cut by jieba (search.py). On SQLite an
    FTS5 table mirrors `tokens` through triggers; on PostgreSQL a GIN index over the stored
    to_tsvector('simple', tokens) serves it (migrations 0002 and 0004)."""

    document = models.OneToOneField(Document, primary_key=True, on_delete=models.CASCADE, related_name="+")
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    tokens = models.TextField()

    def __str__(self) -> str:
        return self.tokens[:60]


class CleanupCampaign(OrgRecord):
    """清理: every document in force in `org`'s subtree on `started_on`, each decided."""

    title = models.CharField("清理名称", max_length=200)
    started_on = models.DateField("开始日期")
    closed_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "规范性文件清理"

    def __str__(self) -> str:
        return self.title


class CleanupEntry(OrgRecord):
    """One document in a cleanup; `org` is the document's issuing body."""

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="entries")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField("清理结果", max_length=8, choices=CleanupDecision.choices, blank=True)
    reason = models.TextField("理由", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)

    class Meta:
        verbose_name = "清理结果"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="normdocs_cleanup_unique")
        ]
