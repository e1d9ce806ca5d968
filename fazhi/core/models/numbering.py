"""Document numbers (文号) such as 示府办函〔2026〕3号: per org, series and year, gapless."""

from django.conf import settings
from django.db import models

from .org import Org


class NumberSeries(models.Model):
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    series = models.CharField("文种代字", max_length=20, blank=True)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已编至", default=0)

    class Meta:
        verbose_name = "文号序列"
        constraints = [models.UniqueConstraint(fields=["org", "series", "year"], name="numberseries_unique")]

    def __str__(self) -> str:
        return f"{self.org_id} {self.series} {self.year}: {self.last}"


class IssuedNumber(models.Model):
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    series = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    text = models.CharField("文号", max_length=60, unique=True)
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.BigIntegerField(null=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "已编文号"
        constraints = [
            models.UniqueConstraint(fields=["org", "series", "year", "number"], name="issuednumber_unique")
        ]

    def __str__(self) -> str:
        return self.text
