"""The draft drawn from the records: each figure of the 2025 report of 甲局 (with its centre)
checked against records made here and counted by hand.

    requests (甲局 and its centre 甲局下属中心; 乙局 is a sibling, outside)
    Q1  甲局   received 2024-12-20  replied 2025-01-08             carried over, answered
    Q2  甲局   received 2025-02-03  replied 2025-02-20
    Q3  甲局   received 2025-03-03  replied 2025-04-30  late        (reply clock due 2025-03-31)
    Q4  甲局   received 2025-12-22  —                              pending at the year's end
    Q5  中心   received 2025-05-06  replied 2025-05-20
    Q6  乙局   received 2025-05-06  replied 2025-05-20             outside
    Q7  甲局   received 2024-03-01  replied 2024-03-10             last year only

    publication: 甲局 P1 formed 2025-03-02 published 2025-03-05 (on time);
                 P2 formed 2025-01-02 published 2025-06-30 (late); 中心 P3 on time;
                 乙局 P4 (outside); 甲局 P5 in 2024.

2025: received 4 (Q2 Q3 Q4 Q5), carried over 1 (Q1), answered 4 (Q1 Q2 Q3 Q5), on time 3,
late 1, pending 1 (Q4); published 3 (P1 P2 P3), on time 2, late 1.
2024: received 2 (Q1 Q7), answered 1 (Q7), published 1 (P5).
"""

import datetime

import pytest

from fazhi.core import clocks
from fazhi.core.models import Clock
from fazhi.disclosure.models import DisclosureRequest, PublicationItem
from fazhi.disclosure.procedure import REPLY
from fazhi.reports import drafting, services
from fazhi.reports.document import document
from fazhi.reports.procedure import PART_KEYS

D = datetime.date


def request(org, number, received, replied=None):
    return DisclosureRequest.objects.create(
        org=org, number=number, channel="online", applicant_type="natural_person", applicant_name="申请人",
        description="申请内容", received_on=received, replied_on=replied,
        state="replied" if replied else "handling", outcome="grant" if replied else "",
    )  # fmt: skip


def item(org, title, formed, published):
    return PublicationItem.objects.create(
        org=org, title=title, category="announcement", body="…", formed_on=formed, state="published",
        published_on=published,
    )  # fmt: skip


@pytest.fixture
def records(tree):
    own, child, sibling = tree["own"], tree["child"], tree["sibling"]
    request(own, "Q1", D(2024, 12, 20), D(2025, 1, 8))
    request(own, "Q2", D(2025, 2, 3), D(2025, 2, 20))
    late = request(own, "Q3", D(2025, 3, 3), D(2025, 4, 30))
    clocks.start(late, REPLY.key, D(2025, 3, 3))
    request(own, "Q4", D(2025, 12, 22))
    request(child, "Q5", D(2025, 5, 6), D(2025, 5, 20))
    request(sibling, "Q6", D(2025, 5, 6), D(2025, 5, 20))
    request(own, "Q7", D(2024, 3, 1), D(2024, 3, 10))
    item(own, "P1", D(2025, 3, 2), D(2025, 3, 5))
    item(own, "P2", D(2025, 1, 2), D(2025, 6, 30))
    item(child, "P3", D(2025, 8, 1), D(2025, 8, 4))
    item(sibling, "P4", D(2025, 8, 1), D(2025, 8, 4))
    item(own, "P5", D(2024, 8, 1), D(2024, 8, 2))
    return tree


def figures_of(version) -> dict:
    return {(f["key"], f["year"]): f["value"] for f in version.figures}


def test_the_late_reply_is_late_by_its_clock(records):
    clock = Clock.objects.get(rule_key=REPLY.key)
    assert clock.due_on < D(2025, 4, 30)


def test_every_figure_of_the_draft_equals_the_count_by_hand(records, people):
    report = services.open_report(records["own"], 2025, people["clerk"], on=D(2026, 1, 10))
    found = figures_of(report.current)
    expected_2025 = {
        "disclosure.requests_received": 4,
        "disclosure.requests_carried_over": 1,
        "disclosure.requests_answered": 4,
        "disclosure.requests_answered_on_time": 3,
        "disclosure.requests_answered_late": 1,
        "disclosure.requests_extended": 0,
        "disclosure.requests_pending": 1,
        "disclosure.items_published": 3,
        "disclosure.items_published_on_time": 2,
        "disclosure.items_published_late": 1,
        "disclosure.review_total": 0,
    }
    for key, value in expected_2025.items():
        assert found[(key, 2025)] == value, key
    assert found[("disclosure.requests_received", 2024)] == 2
    assert found[("disclosure.requests_answered", 2024)] == 1
    assert found[("disclosure.items_published", 2024)] == 1


def test_the_draft_reads_as_sentences_with_the_figures_in_them(records, people):
    report = services.open_report(records["own"], 2025, people["clerk"], on=D(2026, 1, 10))
    text = "\n".join(
        b["text"] for p in document(report)["parts"] for b in p["blocks"] if b["kind"] == "paragraph"
    )
    assert "全年主动公开政府信息3条，其中在信息形成或者变更之日起20个工作日内公开2条。" in text
    assert "全年新收政府信息公开申请4件，上年结转1件；已办结4件，其中按期答复3件" in text
    assert "结转下年度继续办理1件。" in text
    # shortcomings are drawn only from what went wrong: one late reply, one late publication
    shortcomings = next(p for p in document(report)["parts"] if p["key"] == "shortcomings")
    said = " ".join(b.get("text", "") for b in shortcomings["blocks"])
    assert "政府信息公开申请逾期答复1件" in said and "有1条政府信息未在形成或者变更之日起" in said
    assert "行政复议" not in text  # no review, so the sentence about reviews is left out


def test_each_figure_in_the_text_points_at_its_place_and_its_indicator(records, people):
    report = services.open_report(records["own"], 2025, people["clerk"], on=D(2026, 1, 10))
    paragraphs = [b for p in document(report)["parts"] for b in p["blocks"] if b.get("source") == "records"]
    for paragraph in paragraphs:
        for figure in paragraph["figures"]:
            assert paragraph["text"][figure["start"] : figure["end"]] == f"{figure['value']}{figure['unit']}"
    keys = {f["key"] for p in paragraphs for f in p["figures"]}
    assert "disclosure.requests_received" in keys


def test_the_main_figures_table_compares_the_year_with_the_one_before(records, people):
    report = services.open_report(records["own"], 2025, people["clerk"], on=D(2026, 1, 10))
    measures = document(report)["parts"][0]
    table = next(b for b in measures["blocks"] if b["kind"] == "table")
    assert table["head"] == ["指标", "2025年", "2024年"]
    assert ["本年新收政府信息公开申请数量", "4件", "2件"] in table["rows"]


def test_the_sibling_report_counts_only_the_sibling(records, people):
    drawn = drafting.draw(records["sibling"], 2025)
    found = {(f["key"], f["year"]): f["value"] for f in drawn.figures}
    assert found[("disclosure.requests_received", 2025)] == 1
    assert found[("disclosure.items_published", 2025)] == 1


def test_a_year_without_records_says_so_and_invents_nothing(records, people):
    drawn = drafting.draw(records["own"], 2019)
    assert not drawn.has_data and drawn.figures == []
    assert all(blocks == [] for blocks in drawn.parts.values())
    report = services.open_report(records["own"], 2019, people["clerk"], on=D(2026, 1, 10))
    assert document(report)["notice"].startswith("系统中没有甲局2019年度的办理记录")


def test_a_failing_indicator_is_missing_with_its_reason_never_zero(records, people, monkeypatch):
    from fazhi.core import indicators as registry

    def broken(scope):
        raise ValueError("boom")

    original = registry.get("disclosure.items_published")
    monkeypatch.setitem(
        registry.INDICATORS,
        original.key,
        registry.Indicator(**{**original.__dict__, "count": None, "aggregate": broken}),
    )
    drawn = drafting.draw(records["own"], 2025)
    figure = next(f for f in drawn.figures if f["key"] == "disclosure.items_published" and f["year"] == 2025)
    assert figure["value"] is None and figure["missing"].startswith("计算失败")
    text = "".join(s.get("text", "") for s in drawn.parts["measures"][1]["segments"])
    assert "主动公开政府信息" in text
    assert drafting.figure_text(figure) == f"〔缺：{figure['missing']}〕"


def test_every_part_of_the_outline_is_there_in_order(records, people):
    report = services.open_report(records["own"], 2025, people["clerk"], on=D(2026, 1, 10))
    assert [p["key"] for p in document(report)["parts"]] == list(PART_KEYS)
    assert [p["number"] for p in document(report)["parts"]] == ["一", "二", "三", "四", "五"]
