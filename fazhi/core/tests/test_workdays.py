"""Working-day arithmetic: named legal situations, then properties over every known day."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.core import workdays
from fazhi.core.workdays import CalendarUnknown

D = datetime.date

# Each row: a situation a clerk meets, the start date, the count, and the answer.
WORKDAY_CASES = [
    ("request received on a Monday, 20 working days, no holiday", D(2026, 3, 2), 20, D(2026, 3, 30)),
    (
        "request received the day before 国庆 2026 (holiday 10-01..10-07, 10-10 调休上班)",
        D(2026, 9, 30),
        3,
        D(2026, 10, 10),
    ),
    ("调休 Sunday 2026-09-20 is itself a working day, counted", D(2026, 9, 18), 1, D(2026, 9, 20)),
    (
        "received during 春节 2026 (02-15..02-23): counting starts after the holiday",
        D(2026, 2, 16),
        1,
        D(2026, 2, 24),
    ),
    ("received on a Saturday: the first working day after it is Monday", D(2026, 3, 7), 1, D(2026, 3, 9)),
    (
        "补正 notice within 7 working days of 2025-09-26: 09-28 and 10-11 are 调休 working days",
        D(2025, 9, 26),
        7,
        D(2025, 10, 13),
    ),
    ("across the year end into a known year", D(2025, 12, 30), 3, D(2026, 1, 5)),
]


@pytest.mark.parametrize(("situation", "start", "n", "due"), WORKDAY_CASES, ids=[c[0] for c in WORKDAY_CASES])
def test_add_workdays_in_legal_situations(db, situation, start, n, due):
    assert workdays.add_workdays(start, n) == due


CALENDAR_DAY_CASES = [
    ("60 days ending on a weekday", D(2026, 3, 2), 60, D(2026, 5, 6)),  # 05-01..05 holiday
    ("15 days ending on a Saturday moves to Monday", D(2026, 3, 6), 15, D(2026, 3, 23)),
    ("30 days ending inside 国庆 moves to the first working day after it", D(2026, 9, 5), 30, D(2026, 10, 8)),
    ("a period ending on a 调休 Saturday (2026-10-10) ends that day", D(2026, 9, 10), 30, D(2026, 10, 10)),
]


@pytest.mark.parametrize(
    ("situation", "start", "n", "due"), CALENDAR_DAY_CASES, ids=[c[0] for c in CALENDAR_DAY_CASES]
)
def test_add_days_moves_off_rest_days(db, situation, start, n, due):
    assert workdays.add_days(start, n) == due


def test_the_2026_arrangement_matches_the_state_council_notice(db):
    # LAW.md §0.4: 2026 holidays and 调休 working days.
    for day in (
        D(2026, 1, 1),
        D(2026, 2, 15),
        D(2026, 2, 23),
        D(2026, 5, 5),
        D(2026, 6, 19),
        D(2026, 9, 25),
        D(2026, 10, 7),
    ):
        assert not workdays.is_workday(day), day
    for day in (
        D(2026, 1, 4),
        D(2026, 2, 14),
        D(2026, 2, 28),
        D(2026, 5, 9),
        D(2026, 9, 20),
        D(2026, 10, 10),
    ):
        assert workdays.is_workday(day), day


def test_it_refuses_a_day_in_a_year_not_in_the_calendar(db):
    with pytest.raises(CalendarUnknown) as refused:
        workdays.is_workday(D(2027, 1, 5))
    assert "2027年" in str(refused.value)


def test_it_refuses_a_count_that_runs_into_an_unknown_year(db):
    with pytest.raises(CalendarUnknown) as refused:
        workdays.add_workdays(D(2026, 12, 20), 10)
    assert refused.value.year == 2027


def test_it_refuses_a_calendar_period_ending_in_an_unknown_year(db):
    with pytest.raises(CalendarUnknown):
        workdays.add_days(D(2026, 12, 1), 45)


def test_months_keep_the_day_or_take_the_last_day_of_a_short_month(db):
    assert workdays.add_months_nominal(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert workdays.due_date(D(2026, 3, 9), 3, "months") == D(2026, 6, 9)


def test_the_explanation_numbers_each_working_day(db):
    days = workdays.explain(D(2026, 9, 30), D(2026, 10, 10))
    assert [d.date for d in days if d.count] == [D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 10)]
    assert days[0].note == "国庆节" and days[0].count is None


known_days = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 10, 31))
# The calendar is only read here, so sharing one test database across examples is safe.
read_only = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@read_only
@given(start=known_days, n=st.integers(min_value=1, max_value=40))
def test_the_nth_working_day_has_exactly_n_working_days_after_start(db, start, n):
    due = workdays.add_workdays(start, n)
    assert workdays.is_workday(due) and due > start
    assert sum(1 for d in workdays.explain(start, due) if d.is_workday) == n


@read_only
@given(start=known_days, n=st.integers(min_value=1, max_value=60))
def test_a_calendar_period_ends_on_the_first_working_day_on_or_after_its_last_day(db, start, n):
    due = workdays.add_days(start, n)
    nominal = start + datetime.timedelta(days=n)
    assert due >= nominal and workdays.is_workday(due)
    skipped = [d for d in workdays.explain(start, due) if nominal <= d.date < due]
    assert not any(d.is_workday for d in skipped)


@read_only
@given(start=known_days, a=st.integers(1, 20), b=st.integers(1, 20))
def test_counting_in_two_steps_is_counting_once(db, start, a, b):
    once = workdays.add_workdays(start, a + b)
    assert workdays.add_workdays(workdays.add_workdays(start, a), b) == once
