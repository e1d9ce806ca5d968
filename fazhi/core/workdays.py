"""Working-day arithmetic on the stored calendar.

Counting rules (LAW.md §0.1): the day on which a period starts is not counted
(民法典第二百零一条); "N working days after D" is the N-th working day after D; a
calendar-day period whose last day is a rest day ends on the next working day
(民事诉讼法第八十五条); 调休 weekend days are working days. A computation that needs a
year whose holiday arrangement is not in the calendar refuses instead of guessing.
"""

import calendar as stdcalendar
import datetime
from dataclasses import dataclass

from .models import CalendarDay, CalendarYear, Unit


class CalendarUnknown(Exception):
    """The answer needs a year whose holiday arrangement has not been entered."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"{year}年的节假日安排尚未录入工作日历，无法计算期限。"
            f"请管理员在国务院办公厅公布放假安排后导入该年度（fazhi calendar import）。"
        )


def day(date: datetime.date) -> CalendarDay:
    try:
        return CalendarDay.objects.get(date=date)
    except CalendarDay.DoesNotExist:
        raise CalendarUnknown(date.year) from None


def is_workday(date: datetime.date) -> bool:
    return day(date).is_workday


def add_workdays(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `start` (start itself not counted)."""
    if n < 1:
        raise ValueError("工作日数必须是正整数。")
    target = CalendarDay.objects.filter(ordinal=day(start).ordinal + n, is_workday=True).first()
    if target is None:
        raise CalendarUnknown(_first_unknown_year())
    return target.date


def next_workday_on_or_after(date: datetime.date) -> datetime.date:
    day(date)  # refuses an unknown year
    found = CalendarDay.objects.filter(date__gte=date, is_workday=True).order_by("date").first()
    if found is None:
        raise CalendarUnknown(_first_unknown_year())
    return found.date


def add_days(start: datetime.date, n: int) -> datetime.date:
    """start + n calendar days, moved to the next working day if that day is a rest day."""
    return next_workday_on_or_after(start + datetime.timedelta(days=n))


def add_months_nominal(start: datetime.date, n: int) -> datetime.date:
    """The same day n months later; the last day of the month where that day does not exist."""
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = stdcalendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(start.day, last))


def nominal_end(start: datetime.date, n: int, unit: str) -> datetime.date | None:
    """The end of a calendar-day or month period before any move off a rest day."""
    if unit == Unit.DAYS:
        return start + datetime.timedelta(days=n)
    if unit == Unit.MONTHS:
        return add_months_nominal(start, n)
    return None


def due_date(start: datetime.date, n: int, unit: str) -> datetime.date:
    if unit == Unit.WORKDAYS:
        return add_workdays(start, n)
    return next_workday_on_or_after(nominal_end(start, n, unit))


def workdays_between(earlier: datetime.date, later: datetime.date) -> int:
    """Working days after `earlier` up to and including `later` (negative if reversed)."""
    return day(later).ordinal - day(earlier).ordinal


@dataclass(frozen=True)
class CountedDay:
    date: datetime.date
    is_workday: bool
    note: str
    count: int | None  # the n-th working day, or None for a rest day


def explain(start: datetime.date, due: datetime.date) -> list[CountedDay]:
    """Every day after `start` up to `due`, with the working days numbered: how a date came about."""
    days = CalendarDay.objects.filter(date__gt=start, date__lte=due).order_by("date")
    base = day(start).ordinal
    return [
        CountedDay(d.date, d.is_workday, d.note, d.ordinal - base if d.is_workday else None) for d in days
    ]


def known_years() -> list[int]:
    return list(CalendarYear.objects.values_list("year", flat=True))


def _first_unknown_year() -> int:
    last = CalendarYear.objects.order_by("-year").values_list("year", flat=True).first()
    return (last or datetime.date.today().year - 1) + 1
