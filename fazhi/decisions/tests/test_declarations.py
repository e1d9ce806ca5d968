"""The law as data: every period of the 条例 is declared once with its article and date, every
gate cites an article, every waivable procedure names the 条例's own ground."""

import datetime

from fazhi.core.rules import RULES
from fazhi.decisions.procedure import (
    CATALOGUE_PROCEDURE,
    EVALUATION_PROCEDURE,
    GATES,
    HEARING_GATES,
    HEARING_PROCEDURE,
    LAW,
    PROCEDURE,
    WAIVERS,
    Kind,
)


def test_the_periods_are_declared_with_their_articles_and_the_date_the_regulation_took_effect():
    declared = {
        key: RULES.in_force(key, datetime.date(2026, 1, 1))
        for key in RULES.rules
        if key.startswith("decisions.")
    }
    assert {k: (r.amount, r.unit, r.cite.article) for k, r in declared.items()} == {
        "decisions.consultation": (30, "days", "第十五条"),
        "decisions.hearing_materials": (7, "days", "第十六条第三款"),
        "decisions.legality_review": (7, "workdays", "第二十六条"),
        "decisions.evaluation": (None, "date", "第三十六条"),
    }
    assert all(r.since == datetime.date(2019, 9, 1) and r.cite.law == LAW for r in declared.values())


def test_every_gate_and_transition_cites_the_regulation():
    assert all(g.cite.law == LAW and g.cite.article for g in GATES + HEARING_GATES)
    for procedure in (PROCEDURE, CATALOGUE_PROCEDURE, EVALUATION_PROCEDURE, HEARING_PROCEDURE):
        assert all(t.cite is not None and t.cite.law == LAW for t in procedure.transitions)


def test_legality_review_has_no_waiver_and_the_others_one_each():
    assert WAIVERS[Kind.LEGALITY] == ()
    assert all(len(WAIVERS[k]) == 1 for k in (Kind.PARTICIPATION, Kind.EXPERTS, Kind.RISK))
    assert WAIVERS[Kind.FAIR_COMPETITION] == ()  # applies by `market_related`, never waived


def test_the_shortened_review_reason_does_not_write_the_minimum_as_a_number():
    from fazhi.decisions.models import ProcessRecord

    assert ProcessRecord._meta.get_field("shortened_reason").verbose_name == "审查时间少于规定时间的理由"
