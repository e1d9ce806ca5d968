"""`fazhi calendar …`: answers, refusals with exit status 2, and importing a year."""

import datetime
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import clocks, workdays
from fazhi.core.models import AuditEvent, Clock

from .factories import item

D = datetime.date


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue().strip()


def test_it_says_whether_a_day_is_a_working_day(db):
    assert run("workday", "2026-10-10") == "yes"  # 调休上班 Saturday
    assert run("workday", "2026-10-01") == "no"


def test_it_prints_the_nth_working_day_and_the_moved_calendar_day(db):
    assert run("add-workdays", "2026-09-30", "3") == "2026-10-10"
    assert run("add-days", "2026-09-20", "11") == "2026-10-08"


@pytest.mark.parametrize(
    "args",
    [("workday", "2027-01-04"), ("add-workdays", "2026-12-20", "10"), ("add-days", "2026-12-20", "30")],
)
def test_it_refuses_with_status_2_when_the_year_is_not_in_the_calendar(db, args):
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert refused.value.returncode == 2 and "2027年的节假日安排尚未录入" in str(refused.value)


@pytest.mark.parametrize(
    "args", [("workday", "2026-02-30"), ("add-workdays", "2026-01-05", "-3"), ("add-days", "昨天", "3")]
)
def test_it_refuses_bad_dates_and_counts_in_chinese(db, args):
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert refused.value.returncode == 2 and ("日期" in str(refused.value) or "天数" in str(refused.value))


YEAR_2027 = """日期,类型,说明
2027-01-01,休,元旦
2027-02-05,休,春节
2027-02-08,休,春节
2027-02-09,休,春节
2027-02-10,休,春节
2027-02-11,休,春节
2027-02-13,班,春节调休上班
"""


def test_importing_next_year_lets_deadlines_run_into_it(db, tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text(YEAR_2027, encoding="utf-8")
    assert "已导入2027年放假安排" in run("import", str(path))
    assert run("workday", "2027-02-13") == "yes"
    assert run("workday", "2027-02-08") == "no"
    assert run("add-workdays", "2026-12-31", "1") == "2027-01-04"
    assert AuditEvent.objects.filter(kind="calendar").exists()


def test_correcting_a_year_moves_open_due_dates_and_records_it(people, tree, tmp_path):
    clock = clocks.start(item(tree["own"], people["supervisor"]), "test.reply", D(2026, 11, 23))
    assert clock.due_on == D(2026, 12, 21)
    path = tmp_path / "fix.csv"
    path.write_text("日期,类型,说明\n2026-12-01,休,地方节日（更正）\n", encoding="utf-8")
    run("import", str(path))
    assert Clock.objects.get(pk=clock.pk).due_on == D(2026, 12, 22)
    moved = AuditEvent.objects.get(kind="clock", chain=tree["own"].pk)
    assert moved.data["clocks"][str(clock.pk)] == {
        "subject": f"supervision.supervisionitem:{clock.subject_id}",
        "from": "2026-12-21",
        "to": "2026-12-22",
    }


def test_a_correction_replaces_the_whole_year(db, tmp_path):
    path = tmp_path / "fix.csv"
    path.write_text("日期,类型,说明\n2026-12-01,休,地方节日\n", encoding="utf-8")
    run("import", str(path))
    assert not workdays.is_workday(D(2026, 12, 1))
    assert workdays.is_workday(D(2026, 10, 1))  # not listed in the file any more: a weekday


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,kind\n2027-01-01,休\n", "表头"),
        ("日期,类型,说明\n2027-13-01,休,元旦\n", "第2行"),
        ("日期,类型,说明\n2027-01-01,放鞭炮,元旦\n", "应为“休”或“班”"),
        ("日期,类型,说明\n2029-01-01,休,元旦\n", "须先录入2028年"),
    ],
)
def test_a_bad_calendar_file_is_refused_whole(db, tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        run("import", str(path))
    assert message in str(refused.value) and refused.value.returncode == 2
    assert workdays.known_years()[-1] == 2026


def test_the_console_script_exits_2_for_an_unknown_year(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    subprocess.run([sys.executable, "-m", "fazhi", "migrate", "-v0"], env=env, check=True)
    known = subprocess.run(
        [sys.executable, "-m", "fazhi", "calendar", "workday", "2026-10-10"],
        env=env,
        capture_output=True,
        text=True,
    )
    unknown = subprocess.run(
        [sys.executable, "-m", "fazhi", "calendar", "workday", "2027-01-04"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert (known.returncode, known.stdout.strip()) == (0, "yes")
    assert unknown.returncode == 2 and "2027年" in unknown.stderr
