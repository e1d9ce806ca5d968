"""Deadline clocks: a stored, indexed due date per running statutory period."""

import datetime

from django.db import models
from django.db.models import Case, Q, Value, When

from .org import Org


class Unit(models.TextChoices):
    WORKDAYS = "workdays", "工作日"
    DAYS = "days", "日"
    MONTHS = "months", "月"
    DATE = "date", "指定日期"


class ClockState(models.TextChoices):
    RUNNING = "running", "计时中"
    PAUSED = "paused", "暂停"
    STOPPED = "stopped", "已结束"


class Light(models.TextChoices):
    GREEN = "green", "正常"
    YELLOW = "yellow", "临期"
    RED = "red", "超期"
    PAUSED = "paused", "暂停计时"
    DONE = "done", "计时结束"
    NONE = "none", "未计时"
    PENDING = "pending", "到期日待定"  # runs into a year whose holidays are not yet known


class ClockQuerySet(models.QuerySet):
    def running(self):
        return self.filter(state=ClockState.RUNNING)

    def red(self, today: datetime.date):
        return self.filter(state=ClockState.RUNNING, due_on__lt=today)

    def lit(self, light: str, today: datetime.date, yellow_line: datetime.date):
        """Clocks showing `light`, as conditions the (org, state, due_on) index can serve.

        Filter with this, not on the `with_light` annotation, which the database must
        compute for every clock before it can compare it."""
        return self.filter(light_condition(light, today, yellow_line))

    def with_light(self, today: datetime.date, yellow_line: datetime.date):
        """Annotate `light` for display; a date comparison the database does."""
        return self.annotate(light=light_expression(today, yellow_line))


def light_condition(light: str, today, yellow_line) -> Q:
    running = Q(state=ClockState.RUNNING)
    return {
        Light.RED: running & Q(due_on__lt=today),
        Light.YELLOW: running & Q(due_on__gte=today, due_on__lte=yellow_line),
        Light.GREEN: running & Q(due_on__gt=yellow_line),
        Light.PAUSED: Q(state=ClockState.PAUSED),
        Light.PENDING: running & Q(due_on__isnull=True),
        Light.DONE: Q(state=ClockState.STOPPED),
    }.get(light, Q(pk__in=[]))


def light_expression(today, yellow_line, prefix="", due=None):
    """CASE over a clock's state and due date; `prefix`/`due` name annotated columns."""
    state, due = f"{prefix}state", due or f"{prefix}due_on"
    return Case(
        When(**{f"{state}__isnull": True}, then=Value(Light.NONE)),
        When(**{state: ClockState.STOPPED}, then=Value(Light.DONE)),
        When(**{state: ClockState.PAUSED}, then=Value(Light.PAUSED)),
        When(**{f"{due}__isnull": True}, then=Value(Light.PENDING)),
        When(Q(**{f"{due}__lt": today}), then=Value(Light.RED)),
        When(Q(**{f"{due}__lte": yellow_line}), then=Value(Light.YELLOW)),
        default=Value(Light.GREEN),
        output_field=models.CharField(),
    )


class Clock(models.Model):
    """One statutory period of one record, bound to the rule version in force at its start.

    `due_on` is stored and changed only when the clock starts, pauses, resumes, restarts
    or is extended, or when the calendar is corrected; lights are computed from it in SQL.
    """

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    subject_type = models.CharField(max_length=60)
    subject_id = models.BigIntegerField()
    rule_key = models.CharField(max_length=80)
    rule_since = models.DateField()
    unit = models.CharField(max_length=10, choices=Unit.choices)
    state = models.CharField(max_length=10, choices=ClockState.choices, default=ClockState.RUNNING)
    started_on = models.DateField()
    # Counting runs `remaining` units from `base_on` (the day itself not counted).
    base_on = models.DateField(null=True)
    remaining = models.IntegerField(default=0)
    # For calendar-day and month periods: the nominal last day before moving off a rest day.
    target_on = models.DateField(null=True)
    due_on = models.DateField(null=True)
    paused_on = models.DateField(null=True)
    stopped_on = models.DateField(null=True)
    extended = models.IntegerField(default=0)
    # The full period when it started: the rule's amount, or the local rule's where one applies.
    amount = models.IntegerField(default=0)
    override = models.ForeignKey(
        "core.RuleOverride", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)

    objects = ClockQuerySet.as_manager()

    class Meta:
        verbose_name = "期限"
        indexes = [
            models.Index(fields=["org", "state", "due_on"], name="clock_org_state_due"),
            models.Index(fields=["subject_type", "subject_id"], name="clock_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_key} → {self.due_on}"

    @property
    def rule(self):
        """The version of the rule this clock started under (its name, amount, citation)."""
        from fazhi.core.rules import RULES  # the rules import the models

        return RULES.version(self.rule_key, self.rule_since)
