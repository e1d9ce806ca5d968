"""督办事项 over /api/v1/supervision/: who sees what, and each step as the procedure allows."""

import datetime

import pytest
from django.utils import timezone

from fazhi.core.models import ApiToken, AuditEvent, Clock, EventKind
from fazhi.supervision import services
from fazhi.supervision.models import SupervisionItem

ITEMS = "/api/v1/supervision/items"


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, '测试')}"}


def assigned_item(supervisor, org, title="整改行政执法案卷评查发现的问题"):
    today = timezone.localdate()
    item = services.draft(supervisor, org, title=title, requirement="请按期整改并反馈。", source="inspection")
    return services.assign(item, supervisor, due_on=today + datetime.timedelta(days=20), on=today)


@pytest.fixture
def item(people, tree):
    """An item the city's supervisor assigned to 甲局 (SL-A)."""
    return assigned_item(people["supervisor"], tree["own"])


@pytest.fixture
def handling(item, people):
    return services.accept(item, people["clerk"])


@pytest.fixture
def reported(handling, people):
    return services.report(handling, people["head"], feedback="已完成整改。")


@pytest.fixture
def api(client):
    """POST a step as `user`, with an optional JSON body."""

    def step(user, item, name, body=None):
        return client.post(
            f"{ITEMS}/{item.pk}/steps/{name}", body, content_type="application/json", **bearer(user)
        )

    return step


def listed(client, user, **query) -> list[str]:
    response = client.get(ITEMS, query, **bearer(user))
    assert response.status_code == 200
    return sorted(i["title"] for i in response.json())


def snapshot(item) -> dict:
    """Everything a step may change: the item, its clocks and its audit trail."""
    row = SupervisionItem.objects.filter(pk=item.pk).values().get()
    clock_rows = list(
        Clock.objects.filter(subject_type="supervision.supervisionitem", subject_id=item.pk)
        .order_by("pk")
        .values()
    )
    events = list(AuditEvent.objects.order_by("pk").values_list("pk", flat=True))
    return {"item": row, "clocks": clock_rows, "events": events}


# Who sees what ----------------------------------------------------------------------------


def test_a_clerk_lists_the_items_of_its_own_org(client, people, tree, item):
    assigned_item(people["supervisor"], tree["sibling"], title="乙局的事项")

    assert listed(client, people["clerk"]) == [item.title]


def test_the_sibling_units_clerk_does_not_see_them(client, people, item):
    assert listed(client, people["sibling"]) == []


def test_a_supervisor_of_the_parent_sees_them(client, people, tree, item):
    assigned_item(people["supervisor"], tree["sibling"], title="乙局的事项")

    assert listed(client, people["supervisor"]) == sorted([item.title, "乙局的事项"])


def test_a_clerk_of_the_unit_below_does_not_see_its_parents_items(client, people, item):
    assert listed(client, people["child_clerk"]) == []


def test_the_list_filters_by_state(client, people, item):
    assert listed(client, people["clerk"], state="assigned") == [item.title]
    assert listed(client, people["clerk"], state="closed") == []


def test_an_unknown_state_answers_400_in_chinese(client, people, item):
    response = client.get(ITEMS, {"state": "lost\x00"}, **bearer(people["clerk"]))

    assert response.status_code == 400
    assert chinese(response.json()["detail"])


@pytest.mark.parametrize(
    ("limit", "offset", "count"), [(1, 0, 1), (0, 0, 1), (10**30, 0, 2), (50, 10**30, 0), (50, -1, 2)]
)
def test_paging_is_kept_within_bounds(client, people, tree, item, limit, offset, count):
    assigned_item(people["supervisor"], tree["own"], title="第二件")
    response = client.get(ITEMS, {"limit": limit, "offset": offset}, **bearer(people["clerk"]))

    assert response.status_code == 200
    assert len(response.json()) == count


def test_the_detail_shows_the_item_with_its_deadline(client, people, item):
    response = client.get(f"{ITEMS}/{item.pk}", **bearer(people["clerk"]))

    assert response.status_code == 200
    body = response.json()
    assert (body["org"], body["assigner_org"], body["state"]) == ("SL-A", "SL", "assigned")
    assert body["state_label"] == "已交办"
    assert body["number"].startswith("示府督")
    assert body["due_on"] == str(timezone.localdate() + datetime.timedelta(days=20))


def test_detail_of_an_item_the_user_may_not_see_answers_404_like_a_missing_one(client, people, item):
    hidden = client.get(f"{ITEMS}/{item.pk}", **bearer(people["sibling"]))
    missing = client.get(f"{ITEMS}/{item.pk + 1000}", **bearer(people["sibling"]))

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert chinese(hidden.json()["detail"])


def test_a_step_on_an_item_the_user_may_not_see_answers_404_and_leaves_no_trace(api, people, item):
    before = snapshot(item)

    assert api(people["sibling"], item, "accept").status_code == 404
    assert snapshot(item) == before


# Steps ------------------------------------------------------------------------------------


def test_a_clerk_accepts_an_assigned_item(api, people, item):
    response = api(people["clerk"], item, "accept", {})

    assert response.status_code == 200
    assert (response.json()["state"], response.json()["state_label"]) == ("handling", "办理中")
    assert SupervisionItem.objects.get(pk=item.pk).state == "handling"
    event = AuditEvent.objects.filter(kind=EventKind.TRANSITION).latest("pk")
    assert (event.data["transition"], event.actor_id) == ("accept", people["clerk"].pk)
    assert event.ip == "127.0.0.1"


def test_a_step_without_a_body_is_accepted(api, people, item):
    assert api(people["clerk"], item, "accept").status_code == 200


def test_the_head_reports_with_feedback_and_the_clock_stops(api, people, handling):
    response = api(people["head"], handling, "report", {"feedback": "已完成整改，制度已印发。"})

    assert response.status_code == 200
    assert (response.json()["state"], response.json()["light"]) == ("reported", "done")
    assert SupervisionItem.objects.get(pk=handling.pk).feedback == "已完成整改，制度已印发。"


def test_the_head_reporting_without_feedback_is_refused(api, people, handling):
    response = api(people["head"], handling, "report", {"feedback": ""})

    assert response.status_code == 409
    assert "须填写：办理情况" in response.json()["detail"]


def test_a_clerk_closing_an_item_is_refused_naming_the_role(api, people, reported):
    response = api(people["clerk"], reported, "close", {"opinion": "同意办结。"})

    assert response.status_code == 409
    assert "只能由督察员办理" in response.json()["detail"]


def test_an_unknown_step_is_refused(api, people, item):
    response = api(people["clerk"], item, "approve")

    assert response.status_code == 409
    assert response.json()["detail"] == "没有“approve”这个办理环节。"


def test_the_supervisor_closes_a_reported_item(api, people, reported):
    response = api(people["supervisor"], reported, "close", {"opinion": "整改到位，同意办结。"})

    assert response.status_code == 200
    assert response.json()["state"] == "closed"


def test_the_supervisor_extends_with_a_new_date_and_a_reason(api, people, handling):
    new_due = timezone.localdate() + datetime.timedelta(days=40)
    response = api(
        people["supervisor"], handling, "extend", {"due_on": str(new_due), "reason": "涉及多部门协调。"}
    )

    assert response.status_code == 200
    assert response.json()["due_on"] == str(new_due)


def test_the_supervisor_returns_a_report_for_rework(api, people, reported):
    new_due = timezone.localdate() + datetime.timedelta(days=10)
    response = api(
        people["supervisor"], reported, "return", {"due_on": str(new_due), "reason": "整改不到位。"}
    )

    assert response.status_code == 200
    assert (response.json()["state"], response.json()["due_on"]) == ("handling", str(new_due))


REFUSALS = {
    "report without feedback": ("head", "handling", "report", {"feedback": ""}),
    "close by a clerk": ("clerk", "reported", "close", {"opinion": "同意。"}),
    "close by the administrator": ("admin", "reported", "close", {"opinion": "同意。"}),
    "accept twice": ("clerk", "handling", "accept", {}),
    "extend into the past": (
        "supervisor",
        "handling",
        "extend",
        {"due_on": "2020-01-01", "reason": "补充材料。"},
    ),
    "unknown step": ("clerk", "item", "approve", {}),
}


@pytest.mark.parametrize("refusal", REFUSALS.values(), ids=REFUSALS.keys())
def test_each_refused_step_leaves_one_refused_event_and_nothing_else(request, api, people, refusal):
    persona, stage, step, body = refusal
    item = request.getfixturevalue(stage)
    before = snapshot(item)

    response = api(people[persona], item, step, body)

    assert response.status_code == 409
    after = snapshot(item)
    assert (after["item"], after["clocks"]) == (before["item"], before["clocks"])
    new = AuditEvent.objects.exclude(pk__in=before["events"])
    assert [(e.kind, e.subject_id, e.actor_id) for e in new] == [
        (EventKind.REFUSED, item.pk, people[persona].pk)
    ]


# Malformed requests -----------------------------------------------------------------------


def test_an_unparseable_body_answers_400_in_chinese(client, people, item):
    response = client.post(
        f"{ITEMS}/{item.pk}/steps/accept",
        "{not json",
        content_type="application/json",
        **bearer(people["clerk"]),
    )

    assert response.status_code == 400
    assert chinese(response.json()["detail"])


@pytest.mark.parametrize("field", ["feedback", "opinion", "reason"])
def test_text_with_a_nul_character_answers_400_and_changes_nothing(api, people, handling, field):
    before = snapshot(handling)

    response = api(people["head"], handling, "report", {"feedback": "已整改。", field: "a\x00b"})

    assert response.status_code == 400
    assert chinese(response.json()["detail"])
    assert snapshot(handling) == before


def test_a_malformed_step_name_answers_400(api, people, item):
    assert api(people["clerk"], item, "ACCEPT!").status_code == 400
