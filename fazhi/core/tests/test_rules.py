"""Declarations: every rule carries its number, unit, citation and date; `fazhi rules --json`."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.core.models import Unit
from fazhi.core.rules import RULES, Citation, Deadline, Registry

FIELDS = {"key", "name", "amount", "unit", "pauses", "extension", "basis", "effective_from"}


def test_every_declared_rule_has_a_citation_a_unit_and_a_date():
    for rule in RULES.all():
        assert rule.cite.law.startswith("《") and rule.cite.law.endswith("》"), rule.key
        assert rule.unit in Unit.values and isinstance(rule.since, datetime.date)
        assert rule.amount is None or rule.amount > 0
        assert "." in rule.key and rule.name


def test_rules_json_lists_every_rule_with_its_fields():
    out = StringIO()
    call_command("rules", "--json", stdout=out)
    listed = json.loads(out.getvalue())
    assert {r["key"] for r in listed} == set(RULES.rules)
    for rule in listed:
        assert set(rule) >= FIELDS


def test_a_clock_binds_to_the_version_in_force_when_it_starts():
    law = Citation("《示例条例》", "第一条")
    registry = Registry()
    registry.add(
        Deadline("x.reply", "答复期限", 15, Unit.WORKDAYS, law, datetime.date(2014, 1, 1)),
        Deadline("x.reply", "答复期限", 20, Unit.WORKDAYS, law, datetime.date(2019, 5, 15)),
    )
    assert registry.in_force("x.reply", datetime.date(2019, 5, 14)).amount == 15
    assert registry.in_force("x.reply", datetime.date(2019, 5, 15)).amount == 20
    with pytest.raises(LookupError):
        registry.in_force("x.reply", datetime.date(2010, 1, 1))


def test_a_rule_cannot_be_declared_twice_for_the_same_date():
    law = Citation("《示例条例》")
    rule = Deadline("x.y", "期限", 5, Unit.DAYS, law, datetime.date(2020, 1, 1))
    with pytest.raises(ValueError):
        Registry().add(rule, rule)
