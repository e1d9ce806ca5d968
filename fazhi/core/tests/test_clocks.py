"""Clocks: start, pause, resume, restart, extend — and the due date moving by itself."""

import datetime

from fazhi.core import clocks
from fazhi.core.models import Clock, ClockState

from .factories import item

D = datetime.date


def test_a_20_working_day_clock_is_due_on_the_20th_working_day(people, tree):
    clock = clocks.start(item(tree["own"], people["supervisor"]), "test.reply", D(2026, 3, 2))
    assert clock.due_on == D(2026, 3, 30)
    assert clock.rule_since == D(2019, 5, 15)


def test_time_spent_consulting_a_third_party_is_not_counted(people, tree):
    clock = clocks.start(item(tree["own"], people["supervisor"]), "test.reply", D(2026, 3, 2))
    clocks.pause(clock, D(2026, 3, 9), "征求第三方意见")  # 5 working days spent, 15 left
    assert clock.state == ClockState.PAUSED and clock.due_on is None and clock.remaining == 15
    clocks.resume(clock, D(2026, 3, 23))
    assert clock.due_on == D(2026, 4, 14)  # 15 working days after 03-23 (04-04..06 清明)


def test_a_correction_restarts_the_whole_period(people, tree):
    clock = clocks.start(item(tree["own"], people["supervisor"]), "test.reply", D(2026, 3, 2))
    clocks.restart(clock, D(2026, 3, 16))
    assert clock.due_on == D(2026, 4, 14)


def test_an_extension_adds_working_days_after_the_old_due_date(people, tree):
    clock = clocks.start(item(tree["own"], people["supervisor"]), "test.reply", D(2026, 3, 2))
    clocks.extend(clock, 20)
    assert clock.due_on == D(2026, 4, 28) and clock.extended == 20


def test_lights_are_computed_by_the_database(people, tree):
    record = item(tree["own"], people["supervisor"])
    today = D(2026, 3, 30)
    red = clocks.start(record, "test.reply", D(2026, 2, 2))
    due_today = clocks.start(record, "test.reply", D(2026, 3, 2))
    stopped = clocks.stop(clocks.start(record, "test.reply", D(2026, 2, 2)), D(2026, 3, 1))
    lights = dict(Clock.objects.with_light(today, clocks.yellow_line(today)).values_list("pk", "light"))
    assert lights == {red.pk: "red", due_today.pk: "yellow", stopped.pk: "done"}
    assert list(Clock.objects.red(today)) == [red]


def test_the_yellow_line_is_three_working_days_ahead(db):
    assert clocks.yellow_line(D(2026, 9, 30)) == D(2026, 10, 10)  # 10-08, 10-09, 10-10 调休
