"""重大行政决策's figures: counted from the records of a published catalogue's year, the
comments on the day received; the passage for the annual report names only registered keys."""

import datetime

from django.db import connection

from bench import decisions as bench_decisions
from fazhi.core import consultation as consultations
from fazhi.core import indicators as registry
from fazhi.core.indicators import Scope
from fazhi.decisions import services
from fazhi.decisions.indicators import HEADING
from fazhi.decisions.models import Decision

from .conftest import DAY

KEYS = [f"decisions.{k}" for k in bench_decisions.KEYS + bench_decisions.COMMENT_KEYS]


def test_nothing_counts_until_the_catalogue_is_published(ready, tree):
    assert registry.values(Scope.year(tree["city"], 2026), KEYS)["decisions.major"] == 0


def test_each_figure_counts_the_records(ready, catalogue, people, tree):
    services.add_decision(catalogue, people["clerk"], title="第二项", undertaker="科室")
    services.publish_catalogue(catalogue, people["head"], party_agreed_on=DAY, on=DAY)
    tabled = services.table(Decision.objects.get(pk=ready.pk), people["clerk"], on=DAY)
    services.decide(tabled, people["head"], meeting_on=DAY, meeting_kind="executive", minutes="通过", on=DAY)
    found = registry.values(Scope.year(tree["city"], 2026), KEYS[:6])
    assert found == {
        "decisions.major": 2,
        "decisions.public_participation": 1,
        "decisions.expert_argument": 1,
        "decisions.risk_assessment": 0,  # lawfully waived, not carried out
        "decisions.legality_reviewed": 1,
        "decisions.collectively_decided": 1,
    }
    assert registry.values(Scope.year(tree["sibling"], 2026), KEYS)["decisions.major"] == 0


def test_comments_received_and_adopted_count_on_the_day_received_not_the_catalogues_year(
    decision, people, tree
):
    today = datetime.date.today()
    found = services.open_consultation(
        decision, people["clerk"], title="稿", text="正文", opens_on=today,
        closes_on=today + datetime.timedelta(days=30), on=today,
    )  # fmt: skip
    first = consultations.comment(found, body="一", on=today)
    consultations.comment(found, body="二", on=today)
    spam = consultations.comment(found, body="广告", on=today)
    consultations.decide_as(people["clerk"], first, adopted=True, reply="采纳")
    consultations.hide_as(people["clerk"], spam)
    keys = ["decisions.comments_received", "decisions.comments_adopted"]
    assert registry.values(Scope.year(tree["city"], today.year), keys) == dict(zip(keys, (2, 1), strict=True))


def test_the_hand_written_sql_agrees(ready, catalogue, people, tree):
    services.publish_catalogue(catalogue, people["head"], party_agreed_on=DAY, on=DAY)
    for year in (2026, datetime.date.today().year):
        fazhi = registry.values(Scope.year(tree["city"], year), KEYS)
        hand = bench_decisions.hand(connection, tree["city"].path, year, by_org=False).get(None, {})
        assert {k: hand.get(k, 0) for k in KEYS} == fazhi


def test_the_passage_names_registered_figures_in_measures():
    passages = [p for p in registry.PASSAGES if p.heading == HEADING]
    assert {p.part for p in passages} == {"measures"}
    assert "decisions.major" in passages[0].figure_keys()
    assert all(k in registry.INDICATORS for p in passages for k in p.figure_keys())


def test_a_procedure_done_then_lawfully_waived_counts_as_the_record_in_force_says(
    ready, catalogue, people, tree
):
    services.publish_catalogue(catalogue, people["head"], party_agreed_on=DAY, on=DAY)
    keys = ["decisions.expert_argument"]
    assert registry.values(Scope.year(tree["city"], 2026), keys) == {"decisions.expert_argument": 1}
    services.waive(
        Decision.objects.get(pk=ready.pk), people["clerk"], kind="experts", ground="not_technical",
        reason="经复核，不属于专业性、技术性较强的事项。", on=DAY,
    )  # fmt: skip
    assert registry.values(Scope.year(tree["city"], 2026), keys) == {"decisions.expert_argument": 0}
    hand = bench_decisions.hand(connection, tree["city"].path, 2026, by_org=False)[None]
    assert hand["decisions.expert_argument"] == 0
