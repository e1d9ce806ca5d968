"""Local periods: a jurisdiction's own number, with its citation, for clocks that start after it."""

import datetime

import pytest

from fazhi.core import clocks, jurisdiction
from fazhi.core.models import AuditEvent, RuleOverride

from .factories import item

D = datetime.date


NEW_YEAR = D(2026, 1, 1)


def local(people, tree, org="city", amount=15, since=NEW_YEAR):
    return jurisdiction.set_local_rule(
        people["admin"],
        org=tree[org],
        rule_key="test.reply",
        amount=amount,
        basis="《示例省政府信息公开办法》第十二条",
        since=since,
    )


def test_a_clock_below_the_jurisdiction_counts_the_local_period(people, tree):
    local(people, tree)
    clock = clocks.start(item(tree["own"], people["supervisor"]), "test.reply", D(2026, 3, 2))
    assert (clock.amount, clock.due_on) == (15, D(2026, 3, 23))
    assert clock.override.basis == "《示例省政府信息公开办法》第十二条"


def test_a_clock_started_before_the_local_rule_keeps_the_national_period(people, tree):
    local(people, tree, since=D(2026, 6, 1))
    clock = clocks.start(item(tree["own"], people["supervisor"]), "test.reply", D(2026, 3, 2))
    assert (clock.amount, clock.due_on, clock.override) == (20, D(2026, 3, 30), None)


def test_the_nearest_jurisdiction_wins(people, tree):
    local(people, tree, org="city", amount=15)
    local(people, tree, org="own", amount=10)
    mine = clocks.start(item(tree["own"], people["supervisor"]), "test.reply", D(2026, 3, 2))
    sibling = clocks.start(item(tree["sibling"], people["supervisor"]), "test.reply", D(2026, 3, 2))
    assert (mine.amount, sibling.amount) == (10, 15)


def test_a_restart_counts_the_local_period_again(people, tree):
    local(people, tree)
    clock = clocks.start(item(tree["own"], people["supervisor"]), "test.reply", D(2026, 3, 2))
    clocks.restart(clock, D(2026, 3, 20))
    assert clock.due_on == D(2026, 4, 13)  # 15 working days, 清明 skipped


def test_only_an_administrator_above_may_set_one_and_it_is_recorded(people, tree):
    with pytest.raises(jurisdiction.NotAllowed):
        jurisdiction.set_local_rule(
            people["clerk"], org=tree["own"], rule_key="test.reply", amount=5, basis="x", since=D(2026, 1, 1)
        )
    local(people, tree)
    assert AuditEvent.objects.filter(chain=tree["city"].pk, data__rule="test.reply").exists()


def test_the_settings_page_sets_one_and_the_rules_page_shows_it(people, tree, login):
    client = login(people["admin"])
    response = client.post(
        "/settings/rules/",
        {
            "rule_key": "test.reply",
            "org": tree["city"].pk,
            "amount": "15",
            "basis": "《示例省政府信息公开办法》第十二条",
            "since": "2026-01-01",
        },
    )
    assert response.status_code == 302 and RuleOverride.objects.get().amount == 15
    assert "《示例省政府信息公开办法》第十二条" in client.get("/rules/").content.decode()


def test_a_bad_local_rule_is_refused_in_chinese(people, tree, login):
    response = login(people["admin"]).post(
        "/settings/rules/",
        {"rule_key": "test.reply", "org": tree["city"].pk, "amount": "0", "basis": "", "since": "x"},
    )
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()
    assert not RuleOverride.objects.exists()
