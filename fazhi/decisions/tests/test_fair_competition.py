"""第二十九条第一项: a draft touching market entities' economic activity goes to collective
discussion only with its 公平竞争审查; a draft that does not, without one."""

import pytest

from fazhi.core.engine import Refused
from fazhi.decisions import services
from fazhi.decisions.models import Decision

from .conftest import DAY, days


def table(decision, user):
    return services.table(Decision.objects.get(pk=decision.pk), user, on=DAY)


def market_related(decision, clerk):
    return services.mark_market_related(decision, clerk, market_related=True)


def review(decision, clerk):
    return services.record_fair_competition(
        decision,
        clerk,
        reviewer_org="甲局政策法规科",
        concluded_on=days(2),
        summary="不含排除、限制竞争内容。",
        on=DAY,
    )


def test_a_draft_touching_market_entities_is_refused_until_its_fair_competition_review_is_recorded(
    ready, people
):
    market_related(ready, people["clerk"])
    with pytest.raises(Refused) as caught:
        table(ready, people["clerk"])
    assert "公平竞争审查" in caught.value.message and str(caught.value.cite).endswith("第二十九条第一项")
    review(ready, people["clerk"])
    assert table(ready, people["clerk"]).state == "tabled"


def test_a_draft_not_touching_market_entities_needs_no_fair_competition_review(ready, people):
    assert table(ready, people["clerk"]).state == "tabled"


def test_a_decision_listed_as_market_related_carries_the_flag(catalogue, people):
    made = services.add_decision(
        catalogue, people["clerk"], title="校外培训收费监管办法", undertaker="监管科", market_related=True
    )
    assert Decision.objects.get(pk=made.pk).market_related is True


def test_the_review_needs_its_body_and_conclusion_and_a_date_not_in_the_future(decision, people):
    with pytest.raises(Refused, match="审查机构、审查结论"):
        services.record_fair_competition(
            decision, people["clerk"], reviewer_org="", concluded_on=DAY, summary=""
        )
    with pytest.raises(Refused, match="不能晚于今天"):
        services.record_fair_competition(
            decision, people["clerk"], reviewer_org="科", concluded_on=days(-1), summary="结论", on=DAY
        )


def test_the_flag_is_set_on_the_page_and_the_review_recorded_there(people, login, decision):
    clerk = login(people["clerk"])
    assert "公平竞争审查" not in clerk.get(f"/decisions/{decision.pk}/").content.decode()
    assert clerk.post(f"/decisions/{decision.pk}/market/", {"market_related": "on"}).status_code == 302
    page = clerk.get(f"/decisions/{decision.pk}/").content.decode()
    assert "决策草案涉及市场主体经济活动" in page and "第二十九条第一项" in page
    data = {
        "fair_competition-reviewer_org": "甲局政策法规科",
        "fair_competition-concluded_on": "2026-06-01",
        "fair_competition-summary": "符合公平竞争审查标准。",
    }
    assert clerk.post(f"/decisions/{decision.pk}/records/fair_competition/", data).status_code == 302
    assert (
        Decision.objects.get(pk=decision.pk).latest_record("fair_competition").summary
        == "符合公平竞争审查标准。"
    )
