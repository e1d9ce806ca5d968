"""Reads of the annual reports: their dates (national or local), their lights, their status."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from fazhi.core import engine, worklist
from fazhi.core.clocks import yellow_line
from fazhi.core.models import Clock, ClockState, Org
from fazhi.core.models.clocks import light_expression

from .models import LawReport, ReportDates
from .procedure import (
    PROCEDURE,
    PUBLICATION,
    PUBLISH_BEFORE,
    SUBMISSION,
    SUBMIT_BEFORE,
    State,
    last_day_before,
    said,
)


@dataclass(frozen=True)
class Dates:
    submit_by: datetime.date
    publish_by: datetime.date
    basis: str  # the 督察规定, or the jurisdiction's own document


def dates_for(org: Org, year: int) -> Dates:
    """The nearest jurisdiction's own dates (the org's or an ancestor's), else the national."""
    local = (
        ReportDates.objects.filter(org__in=org.ancestors(), since_year__lte=year)
        .select_related("org")
        .order_by("-org__path", "-since_year")
        .first()
    )
    if local is None:
        return national_dates(year)
    return Dates(
        _clamped(year + 1, local.submit_month, local.submit_day),
        _clamped(year + 1, local.publish_month, local.publish_day),
        f"{local.basis}（{local.org.name}）",
    )


def national_dates(year: int) -> Dates:
    basis = f"{SUBMISSION.cite.law}（{said(SUBMIT_BEFORE)}报送、{said(PUBLISH_BEFORE)}公开）"
    return Dates(last_day_before(year, SUBMIT_BEFORE), last_day_before(year, PUBLISH_BEFORE), basis)


def _clamped(year: int, month: int, day: int) -> datetime.date:
    """29 February in a year without it is the 28th."""
    while True:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            day -= 1


def with_lights(reports, today: datetime.date):
    """Each report with `submit_due`/`submit_light` and `publish_due`/`publish_light`: its two
    clocks' latest due dates and lights, compared in SQL."""
    line = yellow_line(today)
    for name, rule in (("submit", SUBMISSION), ("publish", PUBLICATION)):
        latest = Clock.objects.filter(
            subject_type=LawReport._meta.label_lower, subject_id=OuterRef("pk"), rule_key=rule.key
        ).order_by("-pk")
        reports = reports.annotate(
            **{f"{name}_due": Subquery(latest.values("due_on")[:1])},
            **{f"{name}_state": Subquery(latest.values("state")[:1])},
        ).annotate(**{f"{name}_light": light_expression(today, line, prefix=f"{name}_", due=f"{name}_due")})
    return reports


def for_year(user, year: int):
    return LawReport.objects.visible_to(user).filter(year=year).select_related("org")


def worklist_rows(user, today: datetime.date) -> list:
    """Unpublished reports for the home page, with the light of the clock that still runs
    (submission until submitted, then publication); `todo` where the next step is the user's."""
    reports = with_lights(LawReport.objects.visible_to(user).exclude(state=State.PUBLISHED), today)
    todo = set(reports.filter(engine.todo_filter(PROCEDURE, user)).values_list("pk", flat=True))
    rows = []
    for r in reports.select_related("org").order_by("-year", "org__path")[:200]:
        running = r.submit_state != ClockState.STOPPED
        light, due = (r.submit_light, r.submit_due) if running else (r.publish_light, r.publish_due)
        url = reverse("reports:detail", args=[r.pk])
        rows.append(
            worklist.Row(
                "年度报告", r.title, url, r.org.name, r.get_state_display(), light, due, r.pk in todo
            )
        )
    return rows
