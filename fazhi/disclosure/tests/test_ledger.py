"""Importing last year's 依申请公开台账: every row checked first, then all of it or nothing.

Due dates are counted by hand on the 2025 arrangement (LAW.md §0.3): 清明 04-04..06,
劳动节 05-01..05 with 04-27 (Sun) worked. Received on Monday 2025-03-03, the 20th working
day after it is Monday 2025-03-31.
"""

import csv
import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from fazhi.core.clocks import clocks_of
from fazhi.core.indicators import FileProblems
from fazhi.core.models import AuditEvent, Clock
from fazhi.disclosure import gio, indicators, ledger  # noqa: F401 — registers the importer and report
from fazhi.disclosure.models import DisclosureRequest
from fazhi.disclosure.services import requests as svc

D = datetime.date
HEADER = list(ledger.COLUMNS)
OPTIONAL_HEADER = [*HEADER, "行政复议结果", "行政诉讼类型", "行政诉讼结果"]


def row(number, received="2025-03-03", **cells):
    """A ledger row: a plain request received on 2025-03-03, answered on nothing yet."""
    values = {
        "申请编号": number,
        "收到日期": received,
        "申请方式": "网络",
        "申请人类型": "自然人",
        "申请人": "王晓明",
        "联系方式": "13800000000",
        "申请内容": "2024年本市义务教育招生划片范围",
        "是否延期": "否",
    } | cells
    return [values.get(column, "") for column in OPTIONAL_HEADER]


def write_csv(path, rows, header=OPTIONAL_HEADER):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


LEDGER = [
    row("2025-001", 答复日期="2025-03-20", 处理结果="予以公开"),
    row("2025-002", 补正通知日期="2025-03-05", 补正收到日期="2025-03-10"),
    row("2025-003", 征求意见开始日期="2025-03-10", 征求意见结束日期="2025-03-20"),
    row("2025-004", 是否延期="是"),
    row("2025-005", 答复日期="2025-04-10", 处理结果="不予公开-属于国家秘密", 行政复议结果="维持"),
    row("2025-006", 补正通知日期="2025-03-05"),
    row("2025-007", 征求意见开始日期="2025-03-10"),
]


@pytest.fixture
def ledger_csv(tmp_path, tree):
    return write_csv(tmp_path / "台账.csv", LEDGER)


def imported(path, org="SL-A"):
    return call_command("import", "disclosure-requests", str(path), org=org)


def request(number) -> DisclosureRequest:
    return DisclosureRequest.objects.get(number=number)


def reply_clock(number) -> Clock:
    return clocks_of(request(number)).get(rule_key="disclosure.reply")


# --- the happy path -----------------------------------------------------------------------


def test_a_csv_ledger_creates_one_request_per_row_in_the_org(tree, ledger_csv):
    imported(ledger_csv)
    assert DisclosureRequest.objects.filter(org=tree["own"]).count() == len(LEDGER)


@pytest.mark.parametrize(
    "number, due, state",
    [
        ("2025-001", D(2025, 3, 31), "replied"),  # 20 working days after 03-03, answered 03-20
        ("2025-002", D(2025, 4, 8), "handling"),  # 补正收到 03-10 restarts: 清明 04-04 skipped
        ("2025-003", D(2025, 4, 11), "handling"),  # 15 left on 03-10, counted again from 03-20
        ("2025-004", D(2025, 4, 28), "handling"),  # extended: 40 working days, 04-27 (Sun) worked
        ("2025-005", D(2025, 3, 31), "replied"),  # answered late
        ("2025-006", None, "awaiting_correction"),  # paused while the applicant corrects
        ("2025-007", None, "consulting"),  # paused while consulting
    ],
)
def test_each_request_gets_its_state_and_reply_deadline_from_its_dates(ledger_csv, number, due, state):
    imported(ledger_csv)
    assert (request(number).state, reply_clock(number).due_on) == (state, due)


def test_the_outcome_label_is_stored_as_the_national_category(ledger_csv):
    imported(ledger_csv)
    assert request("2025-005").outcome == "state_secret"
    assert request("2025-005").review_result == "维持"


def test_the_import_counts_the_clock_as_the_services_do(tree, people, receive, tmp_path):
    """Same dates, once through every service step and once through the ledger."""
    clerk, head = people["clerk"], people["head"]
    served = receive(D(2025, 3, 3), number="served")
    svc.request_correction(served, clerk, note="请说明文件名称", due_on=D(2025, 3, 20), on=D(2025, 3, 5))
    svc.correction_received(served, clerk, on=D(2025, 3, 10))
    svc.consult(served, clerk, third_party=True, party="某公司", on=D(2025, 3, 12))
    svc.consultation_ended(served, clerk, answered_on=D(2025, 3, 20))
    svc.extend(served, head, reason="涉及多个年度", on=D(2025, 3, 24))
    svc.propose_reply(served, clerk, outcome="grant", on=D(2025, 5, 6))
    svc.sign(served, head, on=D(2025, 5, 7))
    dates = dict(补正通知日期="2025-03-05", 补正收到日期="2025-03-10", 征求意见开始日期="2025-03-12")
    dates |= dict(征求意见结束日期="2025-03-20", 是否延期="是", 答复日期="2025-05-07", 处理结果="予以公开")
    imported(write_csv(tmp_path / "one.csv", [row("ledger", **dates)]))
    fields = ("state", "due_on", "remaining", "extended", "stopped_on")
    expected = clocks_of(served).filter(rule_key="disclosure.reply").values(*fields).get()
    assert clocks_of(request("ledger")).filter(rule_key="disclosure.reply").values(*fields).get() == expected


def test_an_xlsx_ledger_reads_date_cells_and_excel_serial_numbers(tree, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(OPTIONAL_HEADER)
    book.active.append(
        row("X-1", received=datetime.datetime(2025, 3, 3), 答复日期=45736, 处理结果="部分公开")
    )
    book.active.append(row("X-2", received=45719.0))  # 45719 = 2025-03-03
    book.save(tmp_path / "台账.xlsx")
    imported(tmp_path / "台账.xlsx")
    assert (request("X-1").received_on, request("X-1").replied_on) == (D(2025, 3, 3), D(2025, 3, 20))
    assert request("X-2").received_on == D(2025, 3, 3)


def test_a_csv_saved_by_excel_in_gb18030_is_read(tree, tmp_path):
    path = tmp_path / "台账.csv"
    with open(path, "w", encoding="gb18030", newline="") as f:
        csv.writer(f).writerows([OPTIONAL_HEADER, row("GB-1", received="2025/3/3")])
    imported(path)
    assert request("GB-1").received_on == D(2025, 3, 3)


def test_a_row_may_name_a_unit_below_the_importing_org(tree, tmp_path):
    header = [*OPTIONAL_HEADER, "机构代码"]
    imported(write_csv(tmp_path / "l.csv", [[*row("C-1"), "SL-A1"], [*row("C-2"), ""]], header))
    assert request("C-1").org == tree["child"] and request("C-2").org == tree["own"]


def test_the_import_leaves_one_audit_event_per_org_naming_the_file(tree, ledger_csv):
    imported(ledger_csv)
    event = AuditEvent.objects.get(chain=tree["own"].pk, summary__startswith="导入依申请公开台账")
    assert event.data["file"] == "台账.csv" and len(event.data["created"]) == len(LEDGER)


# --- idempotence --------------------------------------------------------------------------


def test_importing_the_same_file_again_creates_and_updates_nothing(ledger_csv, capsys):
    imported(ledger_csv)
    before = list(DisclosureRequest.objects.values_list("pk", "updated_at").order_by("pk"))
    clocks = list(Clock.objects.values_list("pk", "due_on").order_by("pk"))
    imported(ledger_csv)
    assert "新增0件，更新0件，未变化7件" in capsys.readouterr().out
    assert list(DisclosureRequest.objects.values_list("pk", "updated_at").order_by("pk")) == before
    assert list(Clock.objects.values_list("pk", "due_on").order_by("pk")) == clocks


def test_a_changed_row_updates_its_request_and_recomputes_its_clock(ledger_csv, tmp_path, capsys):
    imported(ledger_csv)
    changed = [*LEDGER[:3], row("2025-004", 是否延期="否"), *LEDGER[4:]]
    imported(write_csv(tmp_path / "v2.csv", changed))
    assert "新增0件，更新1件，未变化6件" in capsys.readouterr().out
    assert reply_clock("2025-004").due_on == D(2025, 3, 31)
    assert Clock.objects.filter(rule_key="disclosure.reply").count() == len(LEDGER)


# --- bad input: named with its row number, nothing written ----------------------------------


@pytest.mark.parametrize(
    "bad_row, message",
    [
        (
            row("B-1", 答复日期="2025-03-20", 处理结果="不予公开-国家秘密"),
            "第3行：处理结果“不予公开-国家秘密”",
        ),
        (
            row("B-2", 答复日期="2025-02-20", 处理结果="予以公开"),
            "第3行：答复日期2025-02-20早于收到日期2025-03-03",
        ),
        (row("B-3", received="2025-02-30"), "第3行：收到日期“2025-02-30”不是有效日期"),
        (row("B-4", received="下周一"), "第3行：收到日期“下周一”不是有效日期"),
        (row("B-5", 答复日期="2025-03-20"), "第3行：已答复的申请须填写处理结果"),
        (row("B-6", 申请人类型="个人"), "第3行：申请人类型“个人”应为"),
        (row("B-7", 行政复议结果="发回重审"), "第3行：行政复议结果“发回重审”不在表四的结果对照表中"),
        (row("2025-001"), "第3行：申请编号“2025-001”与第2行重复"),
    ],
)
def test_a_bad_row_is_named_with_its_row_number_and_nothing_is_written(tmp_path, tree, bad_row, message):
    path = write_csv(tmp_path / "bad.csv", [LEDGER[0], bad_row, LEDGER[1]])
    with pytest.raises(CommandError) as refused:
        imported(path)
    assert message in str(refused.value) and "未导入任何数据" in str(refused.value)
    assert not DisclosureRequest.objects.exists() and not Clock.objects.exists()
    assert not AuditEvent.objects.filter(summary__startswith="导入").exists()


def test_a_row_of_an_unknown_org_is_named_with_its_row_number(tree, tmp_path):
    header = [*OPTIONAL_HEADER, "机构代码"]
    rows = [[*row("U-1"), "SL-A"], [*row("U-2"), "NOWHERE"], [*row("U-3"), "SL-B"]]
    with pytest.raises(FileProblems) as refused:
        ledger.import_file(write_csv(tmp_path / "u.csv", rows, header), tree["own"])
    assert refused.value.problems == [
        "第3行：机构代码“NOWHERE”不存在",
        "第4行：机构代码“SL-B”不属于SL-A及其下级机构",
    ]
    assert not DisclosureRequest.objects.exists()


def test_every_problem_of_the_file_is_listed_at_once(tree, tmp_path):
    rows = [row("M-1", received=""), row("M-2", 申请方式="微信", 是否延期="也许")]
    with pytest.raises(FileProblems) as refused:
        ledger.import_file(write_csv(tmp_path / "m.csv", rows), tree["own"])
    assert refused.value.problems == [
        "第2行：缺少收到日期",
        "第3行：申请方式“微信”应为当面、信函、网络、传真、其他之一",
        "第3行：是否延期“也许”应为是或否",
    ]


def test_a_ledger_without_the_required_columns_is_refused_before_any_row(tree, tmp_path):
    with pytest.raises(FileProblems, match="表头缺少列：处理结果"):
        ledger.import_file(write_csv(tmp_path / "h.csv", [row("H-1")[:13]], HEADER[:13]), tree["own"])


def test_an_unknown_org_on_the_command_line_writes_nothing(tree, ledger_csv):
    with pytest.raises(CommandError, match="机构代码“NOPE”不存在"):
        imported(ledger_csv, org="NOPE")
    assert not DisclosureRequest.objects.exists()


def test_a_date_after_today_is_named_with_its_row_number(tree, tmp_path):
    path = write_csv(tmp_path / "y.csv", [row("Y-1"), row("Y-2", received="2031-03-03")])
    with pytest.raises(FileProblems) as refused:
        ledger.import_file(path, tree["own"])
    assert refused.value.problems == ["第3行：收到日期2031-03-03晚于今天"]


def test_a_period_running_into_a_year_not_yet_in_the_calendar_waits_for_it(tree, tmp_path, monkeypatch):
    monkeypatch.setattr(ledger, "today", lambda: D(2026, 12, 31))
    imported(write_csv(tmp_path / "p.csv", [row("P-1", received="2026-12-20")]))
    clock = reply_clock("P-1")  # 20 working days run into 2027, whose holidays are not yet published
    assert (clock.state, clock.due_on, clock.note) == ("running", None, "到期日待2027年放假安排导入后计算")


# --- fazhi disclosure list ------------------------------------------------------------------


def listed(org="SL-A", on="2025-03-24"):
    from io import StringIO

    out = StringIO()
    call_command("disclosure", "list", "--org", org, "--json", "--on", on, stdout=out)
    return {r["number"]: r for r in json.loads(out.getvalue())}


def test_disclosure_list_prints_number_state_deadline_light_and_outcome(ledger_csv):
    imported(ledger_csv)
    rows = listed()
    assert rows["2025-001"] | {"org": "", "received_on": "", "replied_on": ""} == {
        "number": "2025-001",
        "org": "",
        "state": "replied",
        "received_on": "",
        "due_on": "2025-03-31",
        "light": "done",
        "replied_on": "",
        "outcome": "予以公开",
    }
    assert rows["2025-002"]["outcome"] is None and rows["2025-002"]["light"] == "green"
    assert rows["2025-006"]["due_on"] is None and rows["2025-006"]["light"] == "paused"
    assert listed(on="2025-04-09")["2025-003"]["light"] == "yellow"
    assert listed(on="2025-04-14")["2025-003"]["light"] == "red"


def test_disclosure_list_names_the_outcome_with_its_curly_quotes(tree, tmp_path):
    label = "不予公开-危及“三安全一稳定”"
    imported(write_csv(tmp_path / "q.csv", [row("Q-1", 答复日期="2025-03-20", 处理结果=label)]))
    assert listed()["Q-1"]["outcome"] == label


def test_a_local_period_applies_to_imported_requests_as_to_registered_ones(tree, receive, tmp_path):
    from fazhi.core.models import RuleOverride

    RuleOverride.objects.create(
        org=tree["city"], rule_key="disclosure.reply", amount=15, basis="示例市规定", since=D(2024, 1, 1)
    )
    served = clocks_of(receive(D(2025, 3, 3), number="served")).get(rule_key="disclosure.reply")
    rows = [row("plain"), row("corrected", 补正通知日期="2025-03-05", 补正收到日期="2025-03-10")]
    imported(write_csv(tmp_path / "local.csv", rows))
    assert reply_clock("plain").due_on == served.due_on == D(2025, 3, 24)
    assert (reply_clock("corrected").amount, reply_clock("corrected").due_on) == (15, D(2025, 3, 31))
