"""The 政府信息公开工作年度报告 on a small hand-made dataset whose table 三 is counted by hand.

number  unit   applicant      received    replied     outcome          remedies
R1      SL-A   自然人          2024-12-20  2025-01-10  予以公开
R2      SL-A   商业企业        2024-11-01  2024-11-20  予以公开          (outside 2025)
R3      SL-A   自然人          2025-02-03  2025-02-20  部分公开
R4      SL-A   法律服务机构    2025-03-03  2025-03-20  属于国家秘密
R5      SL-A   自然人          2025-12-20  —                            (pending)
R6      SL-A   科研机构        2025-06-03  2025-06-20  本机关不掌握      复议 撤销
R7      SL-A   社会公益组织    2025-12-25  2026-01-05  重复申请          (answered in 2026)
R8      SL-A   其他            2024-12-30  —                            (carried over, pending)
R9      SL-A1  自然人          2025-05-06  2025-05-20  逾期不补正        复议后起诉 维持
R10     SL-B   自然人          2025-05-06  2025-05-20  予以公开          (sibling: outside)
"""

import datetime
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from fazhi.core.indicators import ReportRefused, Scope
from fazhi.core.models import Clock
from fazhi.disclosure import gio, indicators, ledger  # noqa: F401 — registers the report
from fazhi.disclosure.models import DisclosureRequest
from fazhi.disclosure.procedure import GROUPS

D = datetime.date
COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
RESULTS = "三、本年度办理结果"

DATASET = [
    # number, org, applicant, received, replied, outcome, extra
    ("R1", "own", "natural_person", D(2024, 12, 20), D(2025, 1, 10), "grant", {}),
    ("R2", "own", "business", D(2024, 11, 1), D(2024, 11, 20), "grant", {}),
    ("R3", "own", "natural_person", D(2025, 2, 3), D(2025, 2, 20), "partial", {}),
    ("R4", "own", "legal_service", D(2025, 3, 3), D(2025, 3, 20), "state_secret", {}),
    ("R5", "own", "natural_person", D(2025, 12, 20), None, "", {}),
    ("R6", "own", "research", D(2025, 6, 3), D(2025, 6, 20), "not_held", {"review_result": "撤销"}),
    ("R7", "own", "nonprofit", D(2025, 12, 25), D(2026, 1, 5), "repeat", {}),
    ("R8", "own", "other", D(2024, 12, 30), None, "", {}),
    (
        "R9",
        "child",
        "natural_person",
        D(2025, 5, 6),
        D(2025, 5, 20),
        "no_correction",
        {"litigation_kind": "复议后起诉", "litigation_result": "维持"},
    ),
    ("R10", "sibling", "natural_person", D(2025, 5, 6), D(2025, 5, 20), "grant", {}),
]


def make(org, number, applicant, received, replied=None, outcome="", **extra):
    return DisclosureRequest.objects.create(
        org=org,
        number=number,
        channel="online",
        applicant_type=applicant,
        applicant_name="申请人",
        description="申请内容",
        received_on=received,
        replied_on=replied,
        state="replied" if replied else "handling",
        outcome=outcome,
        **extra,
    )


@pytest.fixture
def dataset(tree):
    for number, org, applicant, received, replied, outcome, extra in DATASET:
        make(tree[org], number, applicant, received, replied, outcome, **extra)
    return tree


def report_of(org, year=2025, subtree=True):
    return gio.build(Scope.year(org, year, subtree))


def values(report, label, table="三"):
    return next(r.values for r in report.tables[table] if r.label == label)


def by_column(*numbers):
    return dict(zip(COLUMNS, numbers, strict=True))


# --- table 三, counted by hand --------------------------------------------------------------


def test_table_three_of_the_unit_and_its_centre_matches_the_count_by_hand(dataset):
    report = report_of(dataset["own"])
    assert values(report, "一、本年新收政府信息公开申请数量") == by_column(3, 0, 1, 1, 1, 0, 6)
    assert values(report, "二、上年结转政府信息公开申请数量") == by_column(1, 0, 0, 0, 0, 1, 2)
    assert values(report, "（一）予以公开") == by_column(1, 0, 0, 0, 0, 0, 1)
    assert values(report, gio.OUTCOMES[1].group) == by_column(1, 0, 0, 0, 0, 0, 1)
    assert values(report, "1.属于国家秘密") == by_column(0, 0, 0, 0, 1, 0, 1)
    assert values(report, "1.本机关不掌握相关政府信息") == by_column(0, 0, 1, 0, 0, 0, 1)
    assert values(report, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请") == by_column(
        1, 0, 0, 0, 0, 0, 1
    )
    assert values(report, "2.重复申请") == by_column(0, 0, 0, 0, 0, 0, 0)  # answered in 2026
    assert values(report, "（七）总计") == by_column(3, 0, 1, 0, 1, 0, 5)
    assert values(report, "四、结转下年度继续办理") == by_column(1, 0, 0, 1, 0, 1, 3)
    assert report.ok, report.failures()


def test_only_the_unit_itself_when_its_centre_is_left_out(dataset):
    report = report_of(dataset["own"], subtree=False)
    assert values(report, "一、本年新收政府信息公开申请数量")["自然人"] == 2
    assert values(report, "（七）总计")["总计"] == 4


def test_the_next_year_carries_over_what_was_pending_at_the_end_of_this_one(dataset):
    report = report_of(dataset["own"], year=2026)
    assert values(report, "二、上年结转政府信息公开申请数量") == by_column(1, 0, 0, 1, 0, 1, 3)
    assert values(report, "2.重复申请")["社会公益组织"] == 1
    assert report.ok


def test_table_four_sorts_review_and_court_results_by_the_mapping(dataset):
    report = report_of(dataset["own"])
    assert values(report, "行政复议", "四") == {
        "结果维持": 0,
        "结果纠正": 1,
        "其他结果": 0,
        "尚未审结": 0,
        "总计": 1,
    }
    assert values(report, "复议后起诉", "四")["结果维持"] == 1
    assert values(report, "未经复议直接起诉", "四")["总计"] == 0


def test_table_two_is_zero_and_marked_pending_until_other_systems_count_it(dataset):
    rows = report_of(dataset["own"]).tables["二"]
    counted = [r for r in rows if r.label == "行政规范性文件"]  # fazhi/normdocs counts these now
    assert all(set(r.values.values()) == {0} and r.pending == set(r.values) for r in rows if r not in counted)
    assert [(set(r.values.values()), r.pending) for r in counted] == [({0}, set())]


def test_imported_figures_fill_table_two_and_are_no_longer_pending(dataset):
    report = gio.build(Scope.year(dataset["own"], 2025), {"enforcement.penalty_decisions": 12})
    penalty = next(r for r in report.tables["二"] if r.label == "行政处罚")
    assert penalty.values == {"本年处理决定数量": 12} and not penalty.pending


# --- the JSON and the exact labels of LAW.md §1.3 ----------------------------------------------

THREE_LABELS = [
    ("一、本年新收政府信息公开申请数量", []),
    ("二、上年结转政府信息公开申请数量", []),
    ("（一）予以公开", [RESULTS]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [RESULTS]),
    ("1.属于国家秘密", [RESULTS, "（三）不予公开"]),
    ("2.其他法律行政法规禁止公开", [RESULTS, "（三）不予公开"]),
    ("3.危及“三安全一稳定”", [RESULTS, "（三）不予公开"]),
    ("4.保护第三方合法权益", [RESULTS, "（三）不予公开"]),
    ("5.属于三类内部事务信息", [RESULTS, "（三）不予公开"]),
    ("6.属于四类过程性信息", [RESULTS, "（三）不予公开"]),
    ("7.属于行政执法案卷", [RESULTS, "（三）不予公开"]),
    ("8.属于行政查询事项", [RESULTS, "（三）不予公开"]),
    ("1.本机关不掌握相关政府信息", [RESULTS, "（四）无法提供"]),
    ("2.没有现成信息需要另行制作", [RESULTS, "（四）无法提供"]),
    ("3.补正后申请内容仍不明确", [RESULTS, "（四）无法提供"]),
    ("1.信访举报投诉类申请", [RESULTS, "（五）不予处理"]),
    ("2.重复申请", [RESULTS, "（五）不予处理"]),
    ("3.要求提供公开出版物", [RESULTS, "（五）不予处理"]),
    ("4.无正当理由大量反复申请", [RESULTS, "（五）不予处理"]),
    ("5.要求行政机关确认或重新出具已获取信息", [RESULTS, "（五）不予处理"]),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [RESULTS, "（六）其他处理"]),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [RESULTS, "（六）其他处理"]),
    ("3.其他", [RESULTS, "（六）其他处理"]),
    ("（七）总计", [RESULTS]),
    ("四、结转下年度继续办理", []),
]
TWO_LABELS = [
    ("规章", ["第二十条第（一）项"], ["本年制发件数", "本年废止件数", "现行有效件数"]),
    ("行政规范性文件", ["第二十条第（一）项"], ["本年制发件数", "本年废止件数", "现行有效件数"]),
    ("行政许可", ["第二十条第（五）项"], ["本年处理决定数量"]),
    ("行政处罚", ["第二十条第（六）项"], ["本年处理决定数量"]),
    ("行政强制", ["第二十条第（六）项"], ["本年处理决定数量"]),
    ("行政事业性收费", ["第二十条第（八）项"], ["本年收费金额（单位：万元）"]),
]
FOUR_LABELS = [("行政复议", []), ("未经复议直接起诉", ["行政诉讼"]), ("复议后起诉", ["行政诉讼"])]
LAW = Path(__file__).resolve().parents[4] / "shared" / "LAW.md"


def test_the_json_has_the_org_the_year_and_the_three_tables_with_the_exact_labels(dataset):
    data = json.loads(gio.export(Scope.year(dataset["own"], 2025), "json"))
    assert (data["org"], data["year"], list(data["tables"])) == ("SL-A", 2025, ["二", "三", "四"])
    assert [(r["label"], r["path"]) for r in data["tables"]["三"]] == THREE_LABELS
    assert all(list(r["values"]) == COLUMNS for r in data["tables"]["三"])
    assert [(r["label"], r["path"], list(r["values"])) for r in data["tables"]["二"]] == TWO_LABELS
    assert [(r["label"], r["path"]) for r in data["tables"]["四"]] == FOUR_LABELS
    assert all(
        list(r["values"]) == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        for r in data["tables"]["四"]
    )


@pytest.mark.skipif(not LAW.exists(), reason="LAW.md lives beside the project, not in it")
def test_every_label_of_table_three_is_written_as_in_law_md():
    block = LAW.read_text().split("**Table B: 三、收到和处理政府信息公开申请情况**")[1].split("```")[1]
    stub = [line.strip() for line in block.splitlines() if line.strip()]
    ours = [label for label, _ in THREE_LABELS]
    assert [s for s in stub if s != RESULTS and not re.fullmatch(r"（[三四五六]）.*", s)] == ours
    assert gio.STUB_NOTE in LAW.read_text() and all(group in stub for group in GROUPS)


# --- the checks: shown, and no export while one fails ------------------------------------------


@pytest.fixture
def corrupted(dataset):
    make(dataset["own"], "BAD-1", "business", D(2025, 4, 1), D(2025, 4, 10), outcome="")
    make(dataset["own"], "BAD-2", "business", D(2025, 4, 1), D(2024, 12, 10), outcome="grant")
    return dataset


def test_a_replied_request_without_outcome_fails_the_total_rule_and_is_named(corrupted):
    report = report_of(corrupted["own"])
    failed = {c.rule: c for c in report.checks if not c.ok}
    rule = "表三：（七）总计等于（一）至（六）各项之和（每一列）"
    assert "商业企业：（七）总计1，（一）至（六）之和0" in failed[rule].failures
    assert "处理结果未登记或不属于全国统一类型的已答复申请：BAD-1" in failed[rule].failures


def test_an_answer_before_its_receipt_breaks_the_identity_of_table_three(corrupted):
    failed = [c for c in report_of(corrupted["own"]).checks if not c.ok]
    assert (
        failed[0].rule.startswith("表三：第一项加第二项之和")
        and "商业企业：一(2)+二(0)" in failed[0].failures[0]
    )


def test_an_unmapped_court_result_fails_the_table_four_rule_and_is_named(dataset):
    DisclosureRequest.objects.filter(number="R6").update(review_result="发回重审")
    failed = [c for c in report_of(dataset["own"]).checks if not c.ok]
    assert (
        failed[0].rule.startswith("表四") and "对照表未收录的结果或诉讼类型：发回重审" in failed[0].failures
    )


def test_the_export_is_refused_with_the_failing_rule(corrupted):
    with pytest.raises(ReportRefused) as refused:
        gio.export(Scope.year(corrupted["own"], 2025), "docx")
    assert any("（七）总计等于（一）至（六）各项之和" in p for p in refused.value.problems)


def test_the_command_writes_no_file_when_a_check_fails(corrupted, tmp_path):
    out = tmp_path / "report.json"
    with pytest.raises(CommandError) as refused:
        call_command("report", "gio", org="SL-A", year=2025, format="json", out=str(out))
    assert "报告未通过校验，未写入文件" in str(refused.value) and "BAD-1" in str(refused.value)
    assert not out.exists()


def test_the_command_writes_each_format(dataset, tmp_path):
    for fmt in ("json", "docx", "xlsx"):
        call_command("report", "gio", org="SL-A", year=2025, format=fmt, out=str(tmp_path / f"r.{fmt}"))
    assert json.loads((tmp_path / "r.json").read_text())["tables"]["三"][0]["values"]["总计"] == 6


# --- docx and xlsx -------------------------------------------------------------------------------


def test_the_xlsx_opens_with_the_labels_and_the_merged_headers_of_the_format(dataset):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(gio.export(Scope.year(dataset["own"], 2025), "xlsx")))
    three = book["表三"]
    texts = {c.value for line in three.iter_rows() for c in line if c.value is not None}
    assert {label for label, _ in THREE_LABELS} | set(COLUMNS) | {gio.STUB_NOTE, "申请人情况"} <= texts
    merged = {str(r) for r in three.merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "E3:I3", "D3:D4", "J3:J4", "A7:A28", "B9:B16"} <= merged
    four = {str(r) for r in book["表四"].merged_cells.ranges}
    assert {"A2:E2", "F2:O2", "F3:J3", "K3:O3", "A3:A4"} <= four
    assert three["J5"].value == 6 and three["J28"].value == 5  # 一 and （七） 总计


def test_the_docx_opens_with_the_title_the_six_parts_the_tables_and_the_official_faces(dataset):
    from docx import Document

    doc = Document(io.BytesIO(gio.export(Scope.year(dataset["own"], 2025), "docx")))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "甲局2025年政府信息公开工作年度报告"
    assert all(part in paragraphs for part in gio.PARTS) and len(doc.tables) == 3
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert {label for label, _ in THREE_LABELS} | {"结果维持", "复议后起诉", "行政事业性收费"} <= cells
    xml = zipfile.ZipFile(io.BytesIO(gio.export(Scope.year(dataset["own"], 2025), "docx"))).read(
        "word/document.xml"
    )
    assert 'w:eastAsia="方正小标宋简体"' in xml.decode() and 'w:eastAsia="仿宋_GB2312"' in xml.decode()


def test_the_narrative_is_prefilled_from_the_figures(dataset):
    text = dict(report_of(dataset["own"]).narrative)
    assert any("本年共收到政府信息公开申请6件，上年结转2件；办结5件" in p for p in text["一、总体情况"])
    assert any("被行政复议或者行政诉讼纠正" in p for p in text["五、存在的主要问题及改进情况"])
    assert any("（待填写）" in p for p in text["六、其他需要报告的事项"])


# --- the screen --------------------------------------------------------------------------------


def test_a_clerk_sees_the_tables_and_checks_of_its_own_unit(dataset, people, login):
    page = login(people["clerk"]).get(reverse("disclosure:gio-report"), {"org": "SL-A", "year": 2025})
    html = page.content.decode()
    assert page.status_code == 200 and "校验：全部通过" in html and "1.属于国家秘密" in html
    assert "待接入" in html and "gio.RESULT_COLUMNS" in html


def test_a_clerk_may_not_open_the_report_of_a_sibling_unit(dataset, people, login):
    page = login(people["clerk"]).get(reverse("disclosure:gio-report"), {"org": "SL-B", "year": 2025})
    assert page.status_code == 403


def test_a_supervisor_picks_any_unit_below_and_downloads_its_report(dataset, people, login):
    client = login(people["supervisor"])
    assert client.get(reverse("disclosure:gio-report"), {"org": "SL-B", "year": 2025}).status_code == 200
    download = client.get(
        reverse("disclosure:gio-report-export", args=["xlsx"]), {"org": "SL-B", "year": 2025}
    )
    assert download.status_code == 200 and download["Content-Type"] == gio.MEDIA_TYPES["xlsx"]


def test_the_download_is_refused_on_screen_with_the_failing_rule(corrupted, people, login):
    client = login(people["clerk"])
    page = client.get(reverse("disclosure:gio-report-export", args=["docx"]), {"org": "SL-A", "year": 2025})
    html = page.content.decode()
    assert page.status_code == 409 and "未导出：报告没有通过校验" in html and "BAD-1" in html


# --- the deadline on the supervisor's board -------------------------------------------------------


def test_report_clocks_are_due_on_31_january_for_departments_and_31_march_for_governments(tree):
    call_command("disclosure", "report-clocks", "--year", "2025")
    call_command("disclosure", "report-clocks", "--year", "2025")  # once per org and year
    due = {c.org.code: c.due_on for c in Clock.objects.filter(rule_key="disclosure.annual_report")}
    assert due == {
        "SL": D(2026, 3, 31),
        "SL-A": D(2026, 1, 31),
        "SL-A1": D(2026, 1, 31),
        "SL-B": D(2026, 1, 31),
    }


def test_a_late_report_shows_red_on_the_supervisors_board(tree, people):
    from fazhi.core.views.home import unit_lights

    gio.start_clocks(2025)
    lights = {org.code: counts for org, counts in unit_lights(people["supervisor"], D(2026, 2, 16))}
    assert lights["SL-B"] == {"red": 1, "yellow": 0, "green": 0}  # due 31 January
    assert lights["SL"]["green"] == 1 and lights["SL"]["red"] == 3  # its own, due 31 March; 3 below


def test_the_clock_stops_when_the_unit_registers_its_report_as_published(dataset, people, login):
    gio.start_clocks(2025)
    client = login(people["clerk"])
    client.post(reverse("disclosure:gio-report-published"), {"org": "SL-A", "year": 2025})
    assert gio.report_clock(dataset["own"], 2025).state == "stopped"
    assert gio.report_clock(dataset["sibling"], 2025).state == "running"


def test_the_report_clock_on_the_deadline_list_leads_to_the_report(dataset, people, login):
    gio.start_clocks(2025)
    clock = gio.report_clock(dataset["own"], 2025)
    page = login(people["supervisor"]).get(reverse("disclosure:gio-report-clock", args=[clock.subject_id]))
    assert page.status_code == 302 and "org=SL-A&year=2025" in page["Location"]


# --- the benchmark's two computations, on a tiny city ---------------------------------------------


def test_the_bench_city_gives_the_same_table_three_through_fazhi_and_through_hand_written_sql(db):
    from django.db import connection

    from bench import gio as bench

    orgs = bench.build_city(8)
    bench.load(connection, 3000, [o.pk for o in orgs])
    fazhi, bare = (
        bench.fazhi_tables(Scope.year(orgs[0], 2025)),
        bench.bare_table_three(connection, orgs[0].path),
    )
    assert bench.same_table(fazhi, bare) and fazhi["（七）总计"]["总计"] > 1000
    broken = [(*row[:2], row[2] + 1, *row[3:]) if i == 0 else row for i, row in enumerate(bare)]
    assert not bench.same_table(fazhi, broken)
