"""What the public portal keeps of its own: request counts per address, and a record of
each online application (its one-time form key and the request it registered)."""

from django.db import models

from fazhi.core.models import Org
from fazhi.disclosure.models import DisclosureRequest


class Throttle(models.Model):
    """One row per (scope, address): how many requests it made in each of the last 60
    minutes. Workers lock the row while they count, so two of them never both take the
    last place (see throttle.py)."""

    scope = models.CharField(max_length=16)
    address = models.CharField(max_length=64)  # an IPv4 address or an IPv6 /64 prefix
    minutes = models.JSONField(default=dict)  # {"minute since the epoch": count}
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = "访问频率"
        constraints = [models.UniqueConstraint(fields=["scope", "address"], name="throttle_scope_address")]

    def __str__(self) -> str:
        return f"{self.scope} {self.address}"


class Submission(models.Model):
    """An application made on the portal; `key` makes a repeated POST of the same form a no-op."""

    key = models.CharField(max_length=64, unique=True)
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField("收到日期")  # 第三十一条第（三）项: the day both sides confirm
    tracking_code = models.CharField("查询码", max_length=12, unique=True)
    ip = models.CharField(max_length=64, blank=True)
    request = models.OneToOneField(
        DisclosureRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "网上申请"

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.received_on}"
