"""公开征求意见: a draft shown to the public for a period, the comments it receives, and the
published 采纳情况 (how the comments were used). Generic by subject: a 重大行政决策 or a
规范性文件 opens one through `fazhi.core.consultation`, the only code that changes these rows.

Comment authors' names and contacts are kept for the staff only: no public page, export
or API shows them (see `Comment.masked_name`).
"""

from django.db import models

from .base import OrgRecord
from .org import Org


class ConsultationState(models.TextChoices):
    OPEN = "open", "征求意见中"
    CLOSED = "closed", "已结束"


class Consultation(OrgRecord):
    subject_type = models.CharField("事项类型", max_length=60)  # the subject's label_lower
    subject_id = models.BigIntegerField("事项")
    title = models.CharField("征求意见稿标题", max_length=200)
    text = models.TextField("征求意见稿")
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")
    state = models.CharField("状态", max_length=10, choices=ConsultationState.choices, default="open")
    feedback = models.TextField("采纳情况", blank=True)  # published when closed
    closed_on = models.DateField("结束日期", null=True, blank=True)

    class Meta:
        verbose_name = "公开征求意见"
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="consultation_subject"),
            models.Index(fields=["org", "state", "closes_on"], name="consultation_org_state"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.state == ConsultationState.OPEN and self.opens_on <= day <= self.closes_on

    @property
    def days(self) -> int:
        """The period in calendar days; the opening day is not counted (LAW.md §0.1)."""
        return (self.closes_on - self.opens_on).days

    def counts(self) -> dict:
        shown = self.comments.filter(hidden=False)
        return {
            "received": shown.count(),
            "adopted": shown.filter(adopted=True).count(),
            "undecided": shown.filter(adopted__isnull=True).count(),
        }


class Comment(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="comments")
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")  # Citus: org on every row
    body = models.TextField("意见内容", max_length=2000)  # plain text: always shown escaped
    name = models.CharField("姓名", max_length=100, blank=True)  # never shown publicly
    contact = models.CharField("联系方式", max_length=100, blank=True)  # never shown publicly
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    adopted = models.BooleanField("是否采纳", null=True)  # None until decided
    reply = models.TextField("答复", blank=True)
    hidden = models.BooleanField("已屏蔽", default=False)  # spam

    class Meta:
        verbose_name = "公众意见"
        indexes = [models.Index(fields=["org", "consultation"], name="comment_org_consultation")]

    def __str__(self) -> str:
        return self.body[:30]

    @property
    def masked_name(self) -> str:
        """For exports: the first character and a mask (张**), or 匿名."""
        return f"{self.name[0]}{'*' * max(len(self.name) - 1, 1)}" if self.name else "匿名"
