"""What a jurisdiction sets for itself: local versions of statutory periods."""

import datetime

from django.db import transaction

from . import accounts, audit
from .models import EventKind, Org, RuleOverride, Unit
from .rules import RULES


class NotAllowed(Exception):
    pass


def overridable() -> list:
    """Rules with a number of days or months (not a date set case by case), latest versions."""
    latest = {rule.key: rule for rule in RULES.all()}
    return [rule for rule in latest.values() if rule.unit != Unit.DATE and rule.amount]


@transaction.atomic
def set_local_rule(
    admin, *, org: Org, rule_key: str, amount: int, basis: str, since: datetime.date, request=None
) -> RuleOverride:
    """Record a local period for `org` and below; clocks that start from `since` use it
    (clocks already running keep the version they started under)."""
    if not accounts.manageable_orgs(admin).filter(pk=org.pk).exists():
        raise NotAllowed(f"您不是{org.name}或其上级机构的管理员，不能设定其地方规则。")
    override = RuleOverride.objects.create(
        org=org, rule_key=rule_key, amount=amount, basis=basis, since=since, created_by=admin
    )
    national = RULES.in_force(rule_key, since)
    audit.record(
        EventKind.EDITED,
        f"设定地方期限：{national.name} {amount}{national.unit.label}（{basis}）",
        actor=audit.Actor.of(admin, request),
        chain=org.pk,
        data={
            "rule": rule_key,
            "amount": amount,
            "national": national.amount,
            "basis": basis,
            "since": since,
        },
    )
    return override
