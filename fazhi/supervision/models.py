from django.db import models

from fazhi.core.models import Org, OrgRecord

from .procedure import SOURCES, State


class SupervisionItem(OrgRecord):
    """督办事项. `org` is the unit that handles it (承办单位)."""

    assigner_org = models.ForeignKey(Org, verbose_name="交办单位", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("督办文号", max_length=60, blank=True)
    title = models.CharField("事项名称", max_length=200)
    source = models.CharField("来源", max_length=20, choices=SOURCES, default="inspection")
    requirement = models.TextField("督办要求")
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFT)
    feedback = models.TextField("办理情况", blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    opinion = models.TextField("办结意见", blank=True)
    # The days of 交办 and 办结, set by the services on the day the step is taken: the
    # indicators count over them (indicators.py).
    assigned_on = models.DateField("交办日期", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)

    class Meta:
        verbose_name = "督办事项"
        indexes = [
            models.Index(fields=["org", "state"], name="supervision_org_state"),
            # closed_on too, so the indicators' `within` is read from the index alone: a plain
            # (org, assigned_on) made the city-wide count slower on SQLite (measured, bench/indicators.py)
            models.Index(fields=["org", "assigned_on", "closed_on"], name="supervision_org_dates"),
        ]

    def __str__(self) -> str:
        return self.title
