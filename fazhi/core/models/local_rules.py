"""Local versions of statutory periods: a province or city sets its own number, with its citation.

LAW.md: every number is a national default that a jurisdiction may override with its own
rule; where LAW.md marks a number "likely" or "unsure" it must be configurable.
"""

from django.conf import settings
from django.db import models

from .org import Org


class RuleOverride(models.Model):
    org = models.ForeignKey(
        Org, verbose_name="适用地区（含下级）", on_delete=models.PROTECT, related_name="+"
    )
    rule_key = models.CharField("规则", max_length=80)
    amount = models.PositiveIntegerField("期限")
    basis = models.CharField("地方依据", max_length=200)
    since = models.DateField("施行日期")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "地方期限规则"
        constraints = [
            models.UniqueConstraint(fields=["org", "rule_key", "since"], name="ruleoverride_unique")
        ]

    def __str__(self) -> str:
        return f"{self.org} {self.rule_key} {self.amount}"
