"""The report's deadline: a clock per org and year on the supervisor's board."""

import datetime

from django.db import transaction

from fazhi.core import audit, clocks
from fazhi.core.models import Clock, ClockState, EventKind, Level, Org

from ..models import AnnualReport
from ..procedure import ANNUAL_REPORT, annual_report_due


def due_on(org: Org, year: int) -> datetime.date:
    return annual_report_due(org.level == Level.DEPARTMENT, year)


def report_clock(org: Org, year: int) -> Clock | None:
    report = AnnualReport.objects.filter(org=org, year=year).first()
    return clocks.clocks_of(report).first() if report is not None else None


@transaction.atomic
def start_clocks(year: int, orgs=None, actor: audit.Actor = audit.SYSTEM) -> int:
    """Start the report clock of every active org that has none for `year` (idempotent)."""
    orgs = orgs if orgs is not None else Org.objects.filter(is_active=True)
    started = [org for org in orgs if report_clock(org, year) is None]
    for org in started:
        report, _ = AnnualReport.objects.get_or_create(org=org, year=year)
        clocks.start(report, ANNUAL_REPORT.key, datetime.date(year + 1, 1, 1), due_on=due_on(org, year))
    summary = f"开始计算{year}年度政府信息公开工作年度报告公布期限：{len(started)}个单位"
    audit.record(
        EventKind.CLOCK, summary, actor=actor, data={"year": year, "orgs": [o.code for o in started]}
    )
    return len(started)


@transaction.atomic
def mark_published(org: Org, year: int, on: datetime.date, actor: audit.Actor) -> Clock:
    """The report was submitted and published on `on`: its clock stops."""
    clock = report_clock(org, year)
    if clock is None or clock.state == ClockState.STOPPED:
        raise ValueError(f"{org.name}{year}年度报告没有正在计算的公布期限。")
    clocks.stop(clock, on)
    subject = AnnualReport.objects.get(org=org, year=year)
    AnnualReport.objects.filter(pk=subject.pk).update(published_on=on)
    audit.record(
        EventKind.CLOCK,
        f"{year}年度政府信息公开工作年度报告已公布（{on.isoformat()}）",
        actor=actor,
        chain=org.pk,
        subject=subject,
        data={"year": year, "on": on, "due_on": clock.due_on},
    )
    return clock
