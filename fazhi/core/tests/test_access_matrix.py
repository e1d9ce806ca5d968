"""The permission matrix: every role × own org / parent / child / sibling / public ×
read / write / transition, checked through the access module and through the screens.

Each persona holds its role in SL-A ("own"); SL is its parent, SL-A1 its child, SL-B its
sibling. Items are 督办事项 assigned by the city's supervisor, waiting to be signed for.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from fazhi.conftest import make_user
from fazhi.core import access
from fazhi.supervision import services
from fazhi.supervision.models import SupervisionItem
from fazhi.supervision.procedure import PROCEDURE

RELATIONS = ("own", "parent", "child", "sibling")
# role -> (relations it reads, relations it writes, relations where it can take a step)
EXPECTED = {
    "clerk": ({"own"}, {"own"}, {"own"}),
    "reviewer": ({"own"}, {"own"}, set()),
    "head": ({"own"}, {"own"}, {"own"}),
    "supervisor": ({"own", "child"}, {"own"}, {"own", "child"}),
    "admin": ({"own", "child"}, set(), set()),
    "public": (set(), set(), set()),
}


@pytest.fixture
def items(tree):
    boss = make_user("city_supervisor", tree["city"], "supervisor")
    orgs = {"own": tree["own"], "parent": tree["city"], "child": tree["child"], "sibling": tree["sibling"]}
    made = {}
    for relation, org in orgs.items():
        item = services.draft(boss, org, title=f"{relation}事项", requirement="r", source="other")
        made[relation] = services.assign(
            item, boss, due_on=datetime.date(2026, 12, 30), on=datetime.date(2026, 11, 2)
        )
    return made


def persona(role, tree):
    return AnonymousUser() if role == "public" else make_user(f"p_{role}", tree["own"], role)


def observed(user, items):
    visible = set(SupervisionItem.objects.visible_to(user).values_list("pk", flat=True))
    reads = {r for r in RELATIONS if items[r].pk in visible}
    writes = {r for r in RELATIONS if access.can_write(user, items[r].org)}
    acts = {r for r in RELATIONS if PROCEDURE.available(items[r], user)}
    return reads, writes, acts


@pytest.mark.parametrize("role", EXPECTED)
def test_the_access_module_grants_exactly_the_matrix(tree, items, role):
    assert observed(persona(role, tree), items) == EXPECTED[role]


@pytest.mark.parametrize("role", EXPECTED)
def test_the_item_page_follows_the_matrix(tree, items, client, role):
    user = persona(role, tree)
    if role != "public":
        client.force_login(user)
    for relation in RELATIONS:
        status = client.get(f"/supervision/{items[relation].pk}/").status_code
        if role == "public":
            assert status == 302  # to the login page
        else:
            assert status == (200 if relation in EXPECTED[role][0] else 404), relation


@pytest.mark.parametrize("role", ["clerk", "head", "supervisor", "admin", "reviewer"])
def test_a_step_posted_outside_the_matrix_is_refused(tree, items, client, role):
    client.force_login(persona(role, tree))
    for relation in RELATIONS:
        response = client.post(f"/supervision/{items[relation].pk}/steps/accept/")
        may = relation in EXPECTED[role][2] and role in ("clerk", "head")
        can_see = relation in EXPECTED[role][0]
        assert response.status_code == (302 if may else 409 if can_see else 404), relation
