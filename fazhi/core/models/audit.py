"""The append-only, hash-chained audit trail (全过程记录、可回溯).

Each org has its own chain (chain = org id, 0 for the system). Every event carries the
hash of the one before it; the chain's head (count and last hash) is kept outside the
event table and updated in the same transaction, so deleting the newest events is seen too.
"""

from django.db import models


class EventKind(models.TextChoices):
    CREATED = "created", "创建"
    EDITED = "edited", "修改"
    TRANSITION = "transition", "办理环节"
    REFUSED = "refused", "操作被拒绝"
    CLOCK = "clock", "期限变化"
    NUMBER_ISSUED = "number_issued", "编发文号"
    CALENDAR = "calendar", "日历更正"
    ORGS_IMPORTED = "orgs_imported", "机构导入"
    ACCOUNT = "account", "账号与岗位"
    TOKEN = "token", "接口令牌"
    DEMO = "demo", "示例数据"


class AuditEvent(models.Model):
    chain = models.BigIntegerField()
    seq = models.BigIntegerField()
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_name = models.CharField(max_length=150, blank=True)
    ip = models.GenericIPAddressField(null=True)
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.BigIntegerField(null=True)
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "审计事件"
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq")]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="audit_subject")]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.summary}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("审计记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计记录不能删除。")


class AuditHead(models.Model):
    chain = models.BigIntegerField(primary_key=True)
    count = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "审计链头"

    def __str__(self) -> str:
        return f"{self.chain}: {self.count}"
