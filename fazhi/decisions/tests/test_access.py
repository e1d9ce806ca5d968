"""Who sees and acts on a decision: through fazhi/core/access.py only (the matrix in conftest)."""

import pytest

from fazhi.core import engine
from fazhi.decisions import services


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("clerk", 200),
        ("head", 200),
        ("supervisor", 200),
        ("admin", 200),
        ("sibling", 404),
        ("child_clerk", 404),
    ],
)
def test_who_reads_a_decision(persona, status, decision, people, login):
    assert login(people[persona]).get(f"/decisions/{decision.pk}/").status_code == status


def test_the_public_is_sent_to_the_login_page(client, decision):
    response = client.get(f"/decisions/{decision.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_supervisor_reads_but_does_not_record_for_the_unit(decision, people, login):
    page = login(people["supervisor"]).get(f"/decisions/{decision.pk}/").content.decode()
    assert "发布征求意见稿" not in page
    with pytest.raises(engine.Refused, match="只能由甲局"):
        services.waive(decision, people["supervisor"], kind="risk", ground="no_risk", reason="理由")


def test_a_sibling_cannot_post_a_record(decision, people, login):
    data = {"w-risk-ground": "no_risk", "w-risk-reason": "理由"}
    assert login(people["sibling"]).post(f"/decisions/{decision.pk}/waive/risk/", data).status_code == 404
