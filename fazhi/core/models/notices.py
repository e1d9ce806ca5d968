"""Notices: who should look at what — a step taken, a deadline near, a deadline missed."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .clocks import Clock
from .org import Org


class NoticeKind(models.TextChoices):
    STEP = "step", "办理环节"
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已超期"
    ESCALATED = "escalated", "下级超期"
    REMINDER = "reminder", "到期提示"  # contributed by a system (e.g. 有效期将届满), once per date


class Notice(models.Model):
    """Addressed to an org: every staff member of that org sees it until they mark it read."""

    org = models.ForeignKey(Org, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    subject_type = models.CharField(max_length=60)
    subject_id = models.BigIntegerField()
    clock = models.ForeignKey(Clock, null=True, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=300)
    # The date a system's reminder is about (e.g. the last day of a 有效期): told once per date.
    due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "提醒"
        indexes = [models.Index(fields=["org", "created_at"], name="notice_org_created")]
        constraints = [
            # `fazhi remind` may run twice a day: one notice per clock, kind and addressee.
            models.UniqueConstraint(
                fields=["clock", "kind", "org"], condition=Q(clock__isnull=False), name="notice_once"
            ),
            # …and a system's reminder once per record, date and addressee.
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "due_on", "kind", "org"],
                condition=Q(clock__isnull=True, due_on__isnull=False),
                name="notice_once_per_date",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class NoticeRead(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="noticeread_once")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.notice_id}"
