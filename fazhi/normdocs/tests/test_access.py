"""Who reads and acts on 规范性文件, through fazhi/core/access.py (personas in fazhi/conftest.py)."""

import pytest

from fazhi.core import access
from fazhi.normdocs.models import Document, LegalityReview
from fazhi.normdocs.procedure import PROCEDURE, REVIEW_PROCEDURE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "reads"),
    [
        ("clerk", True),
        ("head", True),
        ("supervisor", True),
        ("admin", True),
        ("sibling", False),
        ("child_clerk", False),
    ],
)
def test_who_reads_a_units_documents(walk, people, persona, reads):
    doc = walk("draft")
    assert Document.objects.visible_to(people[persona]).filter(pk=doc.pk).exists() is reads


def test_the_review_is_read_and_concluded_by_the_reviewing_body_only(walk, people, legal_reviewer):
    doc = walk("fair_competition")
    review = doc.reviews.get()
    assert LegalityReview.objects.visible_to(legal_reviewer).filter(pk=review.pk).exists()
    assert not LegalityReview.objects.visible_to(people["clerk"]).exists()
    assert [t.key for t in REVIEW_PROCEDURE.available(review, legal_reviewer)] == ["conclude"]
    assert REVIEW_PROCEDURE.available(review, people["reviewer"]) == []  # the drafting unit's own reviewer


def test_only_the_head_decides_and_the_public_acts_on_nothing(walk, people):
    from django.contrib.auth.models import AnonymousUser

    doc = walk("conclude")
    assert "decide" in [t.key for t in PROCEDURE.available(doc, people["head"])]
    assert "decide" not in [t.key for t in PROCEDURE.available(doc, people["clerk"])]
    assert not Document.objects.visible_to(AnonymousUser()).exists()
    assert access.roles_toward(AnonymousUser(), doc.org) == set()


def test_staff_pages_need_a_login(client, walk):
    doc = walk("draft")
    assert client.get(f"/normdocs/{doc.pk}/").status_code == 302
