"""A decision of 甲局 (SL-A), the personas' own org, listed in its 2026 catalogue.

`DAY` (2026-06-15, a Monday) is the day the tests act on; every service takes `on=`, so
nothing depends on the date the tests run. `ready()` takes a decision through every
process record, so a test can break exactly one of them.
"""

import datetime

import pytest

from fazhi.core import consultation as consultations
from fazhi.decisions import services
from fazhi.decisions.procedure import Kind

DAY = datetime.date(2026, 6, 15)


def days(n: int) -> datetime.date:
    """`n` days before DAY (after, for a negative n)."""
    return DAY - datetime.timedelta(days=n)


@pytest.fixture
def catalogue(people, tree):
    return services.new_catalogue(people["clerk"], tree["own"], 2026)


@pytest.fixture
def decision(catalogue, people):
    return services.add_decision(
        catalogue, people["clerk"], title="甲局义务教育招生入学办法", undertaker="基础教育科"
    )


def consulted(decision, clerk, *, comments=("建议延长过渡期。",)):
    """Public consultation of 30 days, ended 20 days before DAY with its 采纳情况 published."""
    services.open_consultation(
        decision, clerk, title="征求意见稿", text="正文", opens_on=days(50), closes_on=days(20), on=days(50)
    )
    for body in comments:
        made = consultations.comment(decision.consultation(), body=body, on=days(40))
        consultations.decide(made, adopted=True, reply="已采纳。", actor=clerk)  # every comment answered
    return services.close_consultation(decision, clerk, feedback="收到意见1条，采纳1条。", on=days(19))


def experts(decision, clerk, signed=True):
    return services.record_experts(
        decision, clerk, assessor="示例大学", experts="王教授", summary="可行。", signed=signed, on=days(15)
    )


def no_risk(decision, clerk):
    return services.waive(
        decision, clerk, kind=Kind.RISK, ground="no_risk", reason="不涉及社会稳定。", on=days(14)
    )


def legality(decision, clerk, *, conclusion="lawful", sent_on=None, concluded_on=None, shortened_reason=""):
    return services.record_legality(
        decision,
        clerk,
        reviewer="赵审核",
        reviewer_org="乙局法制科",
        sent_on=sent_on or days(13),
        concluded_on=concluded_on or days(1),
        conclusion=conclusion,
        summary="合法。",
        shortened_reason=shortened_reason,
        on=DAY,
    )


@pytest.fixture
def ready(decision, people):
    clerk = people["clerk"]
    consulted(decision, clerk)
    experts(decision, clerk)
    no_risk(decision, clerk)
    legality(decision, clerk)
    return decision
