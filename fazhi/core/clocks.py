"""Starting and moving deadline clocks. Only the engine and the services call these.

A running clock counts `remaining` units after `base_on`; `due_on` is stored so that
lights are a date comparison. Pausing keeps what is left (征求意见期间不计入), resuming
counts it again from the day the pause ends, restarting counts the full period again
(补正后重新起算), extending adds to what is left.
"""

import datetime

from django.conf import settings
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from . import workdays
from .models import CalendarDay, Clock, ClockState, Light, RuleOverride, Unit
from .models.clocks import light_expression
from .rules import RULES, Deadline


def start(
    subject,
    rule_key: str,
    on: datetime.date,
    *,
    amount: int | None = None,
    due_on: datetime.date | None = None,
) -> Clock:
    """Bind a clock to the rule version in force on `on` — a local version where the org's
    jurisdiction has one — and start counting; `due_on` for a date set by hand."""
    rule: Deadline = RULES.in_force(rule_key, on)
    local = local_rule(rule_key, on, subject.org)
    full = amount if amount is not None else (local.amount if local else rule.amount) or 0
    clock = Clock(
        org_id=subject.org_id,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        rule_key=rule.key,
        rule_since=rule.since,
        unit=rule.unit,
        started_on=on,
        base_on=on,
        remaining=full,
        amount=full,
        override=local,
    )
    if rule.unit == Unit.DATE:
        clock.target_on = clock.due_on = due_on
    else:
        _recompute(clock)
    clock.save()
    return clock


def local_rule(rule_key: str, on: datetime.date, org) -> RuleOverride | None:
    """The local version in force on `on` for `org`: the nearest jurisdiction above wins."""
    ancestors = [code for code in org.path.split("/") if code]
    candidates = RuleOverride.objects.filter(
        rule_key=rule_key, since__lte=on, org__code__in=ancestors
    ).select_related("org")
    return max(candidates, key=lambda o: (len(o.org.path), o.since), default=None)


def _recompute(clock: Clock) -> None:
    """Set `due_on` from `base_on` and `remaining`. Where the period runs into a year whose
    holidays are not yet in the calendar, the due date stays unknown — shown as such and
    computed when that year is imported — rather than guessed."""
    if clock.unit == Unit.DATE:
        return
    remaining = max(clock.remaining, 0)
    clock.target_on = workdays.nominal_end(clock.base_on, remaining, clock.unit) or clock.base_on
    try:
        clock.due_on = (
            workdays.due_date(clock.base_on, remaining, clock.unit)
            if remaining
            else workdays.next_workday_on_or_after(clock.base_on)
        )
    except workdays.CalendarUnknown as unknown:
        clock.due_on, clock.note = None, f"到期日待{unknown.year}年放假安排导入后计算"


def pause(clock: Clock, on: datetime.date, reason: str) -> Clock:
    """Keep what is left of the period on `on` (the days up to `on` have been spent)."""
    if clock.unit == Unit.WORKDAYS:
        clock.remaining -= workdays.workdays_between(clock.base_on, on)
    else:  # calendar periods keep the days left to their nominal end
        clock.remaining, clock.unit = (clock.target_on - on).days, Unit.DAYS
    clock.state, clock.paused_on, clock.base_on, clock.due_on = ClockState.PAUSED, on, None, None
    clock.note = reason
    clock.save()
    return clock


def resume(clock: Clock, on: datetime.date) -> Clock:
    clock.state, clock.base_on, clock.paused_on, clock.note = ClockState.RUNNING, on, None, ""
    _recompute(clock)
    clock.save()
    return clock


def restart(clock: Clock, on: datetime.date) -> Clock:
    """Count the whole period again from `on` (e.g. 补正后重新起算)."""
    rule = RULES.version(clock.rule_key, clock.rule_since)
    clock.state, clock.base_on, clock.paused_on = ClockState.RUNNING, on, None
    clock.unit, clock.remaining = rule.unit, clock.amount
    _recompute(clock)
    clock.save()
    return clock


def extend(clock: Clock, amount: int) -> Clock:
    clock.remaining += amount
    clock.extended += amount
    _recompute(clock)
    clock.save()
    return clock


def set_due(clock: Clock, due_on: datetime.date) -> Clock:
    """A new date chosen by the deciding body (only for clocks whose date is set by hand)."""
    clock.state, clock.target_on, clock.due_on = ClockState.RUNNING, due_on, due_on
    clock.save()
    return clock


def stop(clock: Clock, on: datetime.date) -> Clock:
    clock.state, clock.stopped_on = ClockState.STOPPED, on
    clock.save()
    return clock


def clocks_of(subject):
    return Clock.objects.filter(subject_type=subject._meta.label_lower, subject_id=subject.pk)


LISTED = (
    "pk",
    "org__name",
    "org__code",
    "subject_type",
    "subject_id",
    "rule_key",
    "rule_since",
    "state",
    "due_on",
)


def listing(orgs, light: str, today: datetime.date):
    """The clocks of `orgs` (a queryset the access module gave) showing `light`, earliest
    due first: what a light count on a dashboard opens onto. Count this queryset as it is
    (no join); read a page of it with `rows()`."""
    line = yellow_line(today) if light in (Light.YELLOW, Light.GREEN) else today
    return Clock.objects.filter(org__in=orgs.values("pk")).lit(light, today, line).order_by("due_on", "pk")


def rows(clocks) -> list[dict]:
    """Plain rows of a (page of) `listing`, with the org's name and code."""
    return list(clocks.values(*LISTED))


def with_clock_light(records, today: datetime.date, rule_key: str = "", line: datetime.date | None = None):
    """Annotate each record with its latest clock (of `rule_key`, or of any rule): `due_on`,
    `clock_state` and `light` — a date comparison the database does."""
    latest = Clock.objects.filter(
        subject_type=records.model._meta.label_lower, subject_id=OuterRef("pk")
    ).order_by("-pk")
    if rule_key:
        latest = latest.filter(rule_key=rule_key)
    line = line or yellow_line(today)
    return records.annotate(
        due_on=Subquery(latest.values("due_on")[:1]),
        clock_state=Subquery(latest.values("state")[:1]),
    ).annotate(light=light_expression(today, line, prefix="clock_", due="due_on"))


def yellow_line(today: datetime.date) -> datetime.date:
    """The last due date that shows yellow today: N working days ahead (a local setting)."""
    try:
        return workdays.add_workdays(today, settings.FAZHI_YELLOW_WORKDAYS)
    except workdays.CalendarUnknown:
        # Late December before next year's notice: a week per five working days is close
        # enough for a warning colour (it never moves a due date).
        return today + datetime.timedelta(days=settings.FAZHI_YELLOW_WORKDAYS * 7 // 5)


def recompute_after_calendar_change(since: datetime.date) -> dict[int, list]:
    """Recompute, in SQL, every running clock whose period reaches `since`.

    Returns {clock id: [old due, new due]} of the clocks whose due date moved.
    """
    reaches = Q(due_on__gte=since) | Q(due_on__isnull=True, base_on__isnull=False)  # or was unknown
    affected = Clock.objects.filter(reaches, state=ClockState.RUNNING).exclude(unit=Unit.DATE)
    workday_due = _workday_due_subquery()
    rest_due = _next_workday_subquery()
    moved_workdays = affected.filter(unit=Unit.WORKDAYS).exclude(due_on=Subquery(workday_due))
    moved_rest = affected.filter(unit__in=[Unit.DAYS, Unit.MONTHS]).exclude(due_on=Subquery(rest_due))
    before = {c.pk: c.due_on for c in (moved_workdays | moved_rest).only("pk", "due_on")}
    # Where the new date would fall in a year not yet entered, the old date stays.
    affected.filter(unit=Unit.WORKDAYS).update(due_on=Coalesce(Subquery(workday_due), F("due_on")))
    affected.filter(unit__in=[Unit.DAYS, Unit.MONTHS]).update(
        due_on=Coalesce(Subquery(rest_due), F("due_on"))
    )
    affected.filter(due_on__isnull=False, note__startswith="到期日待").update(note="")
    after = Clock.objects.in_bulk(list(before))  # in_bulk batches under SQLite's limit
    return {pk: [old, after[pk].due_on] for pk, old in before.items() if after[pk].due_on != old}


def _workday_due_subquery():
    base_ordinal = CalendarDay.objects.filter(date=OuterRef(OuterRef("base_on"))).values("ordinal")
    return CalendarDay.objects.filter(
        is_workday=True, ordinal=Subquery(base_ordinal) + OuterRef("remaining")
    ).values("date")[:1]


def _next_workday_subquery():
    return (
        CalendarDay.objects.filter(is_workday=True, date__gte=OuterRef("target_on"))
        .order_by("date")
        .values("date")[:1]
    )
