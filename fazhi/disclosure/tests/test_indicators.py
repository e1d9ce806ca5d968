"""The indicator registry and 政务公开's indicators: declared once, run anywhere, and the
same numbers as the annual report's tables (which read them by key)."""

import csv
import datetime
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.core import indicators as registry
from fazhi.core.indicators import Count, Indicator, Scope, Source
from fazhi.core.models import Clock
from fazhi.disclosure import gio, indicators, ledger  # noqa: F401 — registers them
from fazhi.disclosure.models import DisclosureRequest, PublicationItem

from .test_gio_report import dataset  # noqa: F401 — the hand-counted dataset
from .test_ledger import OPTIONAL_HEADER, row

D = datetime.date
KEY = re.compile(r"^[a-z]+\.[a-z0-9_]+$")


def scope(tree, org="own", year=2025):
    return Scope.year(tree[org], year)


# --- declarations ---------------------------------------------------------------------------


def test_every_indicator_is_declared_with_key_name_unit_definition_and_basis():
    for i in registry.all_indicators():
        assert KEY.match(i.key) and i.name and i.unit and i.definition and i.basis, i.key
        assert i.count is not None or i.aggregate is not None or i.source == Source.PENDING, i.key


def test_the_disclosure_system_declares_requests_outcomes_publication_and_reviews():
    keys = set(registry.INDICATORS)
    assert {
        "disclosure.requests_received",
        "disclosure.requests_answered_on_time",
        "disclosure.requests_extended",
        "disclosure.items_published",
        "disclosure.items_published_on_time",
        "disclosure.review_total",
        "disclosure.litigation_direct_corrected",
    } <= keys
    assert {f"disclosure.outcome_{o.code}" for o in gio.OUTCOMES} <= keys


def test_every_indicator_runs_on_an_empty_database(tree):
    found = registry.values(scope(tree, "city"))
    assert set(found) == set(registry.INDICATORS) and set(found.values()) == {0}


def test_every_figure_of_the_report_is_a_registered_indicator(tree):
    report = gio.build(scope(tree))
    keys = [k for rows in report.tables.values() for r in rows for k in r.keys.values()]
    assert len(keys) == 10 + 25 + 15 and all(k in registry.INDICATORS for k in keys)


# --- the report's numbers are the indicators' numbers -------------------------------------------


def test_each_row_total_of_table_three_is_its_indicator(dataset):  # noqa: F811
    report, found = gio.build(scope(dataset)), registry.values(scope(dataset))
    assert [r.values["总计"] for r in report.tables["三"]] == [
        found[r.keys["总计"]] for r in report.tables["三"]
    ]


def test_each_cell_of_table_four_is_its_indicator(dataset):  # noqa: F811
    report, found = gio.build(scope(dataset)), registry.values(scope(dataset))
    assert all(r.values[c] == found[k] for r in report.tables["四"] for c, k in r.keys.items())


def test_the_records_behind_each_count_are_as_many_as_its_value(dataset):  # noqa: F811
    s = scope(dataset)
    for i in registry.all_indicators():
        if i.count is not None:
            assert i.records(s).count() == i.value(s), i.key


def test_the_records_behind_answered_requests_are_the_requests_answered_in_the_year(dataset):  # noqa: F811
    records = registry.get("disclosure.requests_answered").records(scope(dataset))
    assert sorted(records.values_list("number", flat=True)) == ["R1", "R3", "R4", "R6", "R9"]


def test_a_city_counts_every_unit_below_it(dataset):  # noqa: F811
    assert registry.get("disclosure.requests_received").value(scope(dataset, "city")) == 7


# --- on time, extended, published --------------------------------------------------------------


@pytest.fixture
def ledger_2025(tree, tmp_path):
    rows = [
        row("T-1", 答复日期="2025-03-31", 处理结果="予以公开"),  # on the due date
        row("T-2", 答复日期="2025-04-01", 处理结果="予以公开"),  # a day late
        row("T-3", 是否延期="是", 答复日期="2025-04-25", 处理结果="予以公开"),  # extended, in time
        row("T-4", 补正通知日期="2025-03-05", 答复日期="2025-05-06", 处理结果=gio.OUTCOMES[-3].label),
    ]
    path = tmp_path / "t.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([OPTIONAL_HEADER, *rows])
    ledger.import_file(path, tree["own"])
    return tree


def test_answered_on_time_means_not_after_the_reply_deadline_in_force(ledger_2025):
    records = registry.get("disclosure.requests_answered_on_time").records(scope(ledger_2025))
    assert sorted(records.values_list("number", flat=True)) == ["T-1", "T-3", "T-4"]  # T-4 abandoned


def test_extended_counts_the_answered_requests_whose_period_was_extended(ledger_2025):
    assert registry.get("disclosure.requests_extended").value(scope(ledger_2025)) == 1


def test_a_late_answer_is_named_among_the_problems_of_part_five(ledger_2025):
    text = dict(gio.build(scope(ledger_2025)).narrative)
    assert (
        "本年有1件政府信息公开申请未在法定期限内答复，答复时效有待提高。"
        in text["五、存在的主要问题及改进情况"]
    )


@pytest.mark.parametrize(
    "formed, published, in_time",
    [
        (D(2025, 3, 10), D(2025, 4, 8), True),  # 20th working day, 清明 04-04 skipped
        (D(2025, 3, 10), D(2025, 4, 9), False),
        (D(2025, 2, 28), D(2025, 3, 28), True),  # due Friday 03-28
        (D(2025, 2, 28), D(2025, 3, 29), False),  # the Saturday after: a rest day, still late
    ],
)
def test_items_are_published_on_time_within_20_working_days_of_being_formed(tree, formed, published, in_time):
    PublicationItem.objects.create(
        org=tree["own"],
        title="通知",
        category="announcement",
        body="…",
        formed_on=formed,
        state="published",
        published_on=published,
    )
    found = registry.values(scope(tree), ["disclosure.items_published", "disclosure.items_published_on_time"])
    assert found == {"disclosure.items_published": 1, "disclosure.items_published_on_time": int(in_time)}


# --- the registry itself ---------------------------------------------------------------------------


def test_a_system_that_counts_a_pending_figure_replaces_the_placeholder(monkeypatch, tree):
    monkeypatch.setattr(registry, "INDICATORS", dict(registry.INDICATORS))
    real = Indicator(
        "enforcement.penalty_decisions", "行政处罚决定数量", "件", "…", "…", aggregate=lambda s: 7
    )
    registry.register(real)
    registry.register(indicators.PENDING_INDICATORS[7])  # a late placeholder does not undo it
    assert registry.get("enforcement.penalty_decisions") is real
    assert gio.table_two(scope(tree))[3].values == {"本年处理决定数量": 7}


def test_two_systems_may_not_declare_the_same_indicator(monkeypatch):
    monkeypatch.setattr(registry, "INDICATORS", dict(registry.INDICATORS))
    twin = Indicator("disclosure.requests_received", "重复", "件", "…", "…", aggregate=lambda s: 0)
    with pytest.raises(ValueError, match="declared twice"):
        registry.register(twin)


def test_counts_computed_together_must_share_their_records(tree):
    other = Count(indicators.published_in, lambda s: None)
    with pytest.raises(ValueError, match="share"):
        registry.count_together({"a": indicators.RECEIVED, "b": other}, scope(tree))


# --- the commands ----------------------------------------------------------------------------------


def command(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_fazhi_indicators_json_lists_every_declaration(db):
    listed = json.loads(command("indicators", "--json"))
    assert [i["key"] for i in listed] == list(registry.INDICATORS)
    received = next(i for i in listed if i["key"] == "disclosure.requests_received")
    assert received["name"] == "本年新收政府信息公开申请数量" and received["unit"] == "件"
    assert next(i for i in listed if i["key"] == "fees.administrative_fees")["source_label"] == "待接入"


def test_fazhi_indicators_compute_prints_every_value_of_an_org_and_year(dataset):  # noqa: F811
    found = json.loads(command("indicators", "compute", "--org", "SL-A", "--year", "2025", "--json"))
    values = {f["key"]: f for f in found["figures"]}
    assert (found["org"], found["year"], set(values)) == ("SL-A", 2025, set(registry.INDICATORS))
    assert values["disclosure.requests_received"] == {
        "key": "disclosure.requests_received",
        "value": 6,
        "unit": "件",
    }
    assert values["disclosure.outcome_state_secret"]["value"] == 1
    assert values["disclosure.review_corrected"]["value"] == 1
    pending = values["enforcement.penalty_decisions"]  # 待接入 until the 行政执法 system arrives
    assert pending["value"] is None and pending["missing"].startswith("待接入")


def test_a_count_with_a_subquery_and_a_subtraction_agree_with_their_records(dataset):  # noqa: F811
    """On time (a clock subquery, counted in a WHERE of its own) and late (answered but not on
    time, by subtraction), grouped like table 三: each group equals its records counted alone."""
    late_reply = DisclosureRequest.objects.get(number="R3")
    Clock.objects.create(
        org=late_reply.org, subject_type="disclosure.disclosurerequest", subject_id=late_reply.pk,
        rule_key="disclosure.reply", rule_since=D(2019, 5, 15), unit="workdays", started_on=D(2025, 2, 3),
        base_on=D(2025, 2, 3), remaining=20, amount=20, due_on=D(2025, 2, 10), state="stopped",
    )  # fmt: skip
    counts = {"answered": indicators.ANSWERED, "on_time": indicators.ON_TIME, "late": indicators.LATE}
    s = scope(dataset)
    rows = registry.count_together(counts, s, by=("applicant_type",))
    for group in rows:
        for name, count in counts.items():
            expected = count.records(s).filter(applicant_type=group["applicant_type"]).count()
            assert group[name] == expected, (group["applicant_type"], name)
    total = registry.count_together(counts, s)[0]
    assert total["late"] == 1 and total["answered"] == total["on_time"] + total["late"]
    assert list(indicators.LATE.records(s).values_list("number", flat=True)) == ["R3"]
