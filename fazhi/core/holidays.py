"""Filling and correcting the working-day calendar.

The calendar ships the years chinese-calendar knows (2004–2026); each autumn the State
Council publishes the next year's arrangement (国务院办公厅关于部分节假日安排的通知) and an
administrator imports it from a small CSV:

    日期,类型,说明
    2027-01-01,休,元旦
    2027-02-07,班,春节调休上班

类型 is 休 (a day off on a weekday) or 班 (a 调休 working weekend day); dates not listed
follow the week (Monday–Friday work). Importing a year replaces that year's arrangement.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db import transaction

from . import audit, clocks
from .models import CalendarDay, CalendarYear, EventKind

FIRST_YEAR = 2004
KINDS = {"休": False, "放假": False, "休息": False, "班": True, "上班": True, "调休上班": True}
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


class CalendarFileError(ValueError):
    pass


def year_days(year: int, exceptions: dict[datetime.date, tuple[bool, str]]):
    """(date, is_workday, note) for every day of `year`, weekends off unless listed."""
    d = datetime.date(year, 1, 1)
    while d.year == year:
        is_workday, note = exceptions.get(d, (d.weekday() < 5, ""))
        yield d, is_workday, note
        d += datetime.timedelta(days=1)


def chinese_calendar_exceptions(year: int) -> dict[datetime.date, tuple[bool, str]]:
    import chinese_calendar

    found = {}
    for d, _, _ in year_days(year, {}):
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
        workday = chinese_calendar.is_workday(d)
        if workday != (d.weekday() < 5) or (on_holiday and name):
            label = HOLIDAY_NAMES.get(name, name or "")
            found[d] = (workday, "调休上班" if workday else label)
    return found


def write_years(years: dict[int, dict], source: str, day_model=CalendarDay, year_model=CalendarYear) -> None:
    """Replace the given years' days and renumber the ordinals from the first of them."""
    for year, exceptions in sorted(years.items()):
        day_model.objects.filter(date__year=year).delete()
        day_model.objects.bulk_create(
            [day_model(date=d, is_workday=w, note=n, ordinal=0) for d, w, n in year_days(year, exceptions)],
            batch_size=500,
        )
        year_model.objects.update_or_create(year=year, defaults={"source": source})
    renumber(datetime.date(min(years), 1, 1), day_model)


def renumber(since: datetime.date, day_model=CalendarDay) -> None:
    before = day_model.objects.filter(date__lt=since).order_by("-date").first()
    ordinal = before.ordinal if before else 0
    days = list(day_model.objects.filter(date__gte=since).order_by("date"))
    for d in days:
        ordinal += d.is_workday
        d.ordinal = ordinal
    day_model.objects.bulk_update(days, ["ordinal"], batch_size=500)


def seed(day_model=CalendarDay, year_model=CalendarYear, last_year: int = 2026) -> None:
    import chinese_calendar

    years = {y: chinese_calendar_exceptions(y) for y in range(FIRST_YEAR, last_year + 1)}
    write_years(years, f"chinese-calendar {chinese_calendar.__version__}", day_model, year_model)


@dataclass(frozen=True)
class ImportResult:
    years: list[int]
    moved: dict[int, list]  # clock id -> [old due, new due]


def parse(text: str) -> dict[int, dict]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or [c.strip() for c in rows[0][:2]] != ["日期", "类型"]:
        raise CalendarFileError("日历文件的第一行须为表头：日期,类型,说明")
    years: dict[int, dict] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        d, is_workday, note = _parse_row(number, row)
        years.setdefault(d.year, {})[d] = (is_workday, note or ("调休上班" if is_workday else "放假"))
    if not years:
        raise CalendarFileError("日历文件中没有任何日期。")
    return years


def _parse_row(number: int, row: list[str]) -> tuple[datetime.date, bool, str]:
    try:
        d = datetime.date.fromisoformat(row[0].strip())
    except (ValueError, IndexError):
        raise CalendarFileError(f"第{number}行：日期“{row[0] if row else ''}”不是YYYY-MM-DD格式。") from None
    kind = row[1].strip() if len(row) > 1 else ""
    if kind not in KINDS:
        raise CalendarFileError(f"第{number}行：类型“{kind}”应为“休”或“班”。")
    return d, KINDS[kind], row[2].strip() if len(row) > 2 else ""


def check_contiguous(years: dict[int, dict]) -> None:
    known = set(CalendarYear.objects.values_list("year", flat=True))
    for year in sorted(years):
        if year < FIRST_YEAR or (year - 1 not in known and year - 1 not in years and known):
            raise CalendarFileError(f"不能导入{year}年：须先录入{year - 1}年的放假安排（工作日历必须连续）。")


@transaction.atomic
def import_text(text: str, source: str, actor: audit.Actor = audit.SYSTEM) -> ImportResult:
    years = parse(text)
    check_contiguous(years)
    corrected = sorted(set(years) & set(CalendarYear.objects.values_list("year", flat=True)))
    write_years(years, source)
    moved = clocks.recompute_after_calendar_change(datetime.date(min(years), 1, 1))
    audit.record(
        EventKind.CALENDAR,
        f"导入{'、'.join(map(str, sorted(years)))}年放假安排，重算期限{len(moved)}个",
        actor=actor,
        data={
            "years": sorted(years),
            "corrected": corrected,
            "source": source,
            "moved": {str(k): v for k, v in moved.items()},
        },
    )
    _record_moves_per_org(moved, actor)
    return ImportResult(sorted(years), moved)


def _record_moves_per_org(moved: dict[int, list], actor: audit.Actor) -> None:
    from .models import Clock

    by_org: dict[int, dict] = {}
    for clock in Clock.objects.filter(pk__in=list(moved)).only("pk", "org_id", "subject_type", "subject_id"):
        by_org.setdefault(clock.org_id, {})[str(clock.pk)] = {
            "subject": f"{clock.subject_type}:{clock.subject_id}",
            "from": moved[clock.pk][0],
            "to": moved[clock.pk][1],
        }
    for org_id, changes in by_org.items():
        audit.record(
            EventKind.CLOCK,
            f"工作日历更正，{len(changes)}个期限的到期日随之调整",
            actor=actor,
            chain=org_id,
            data={"clocks": changes},
        )
