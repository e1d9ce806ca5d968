"""Closing a document's public consultation publishes its 采纳情况, which must answer every
comment: while one is undecided the staff page says so, and nothing changes."""

import pytest

from fazhi.core import consultation
from fazhi.normdocs.models import Document
from fazhi.normdocs.procedure import State

from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def commented(walk):
    doc = walk("consult")  # open on the portal from 2026-03-03 to 2026-04-03
    made = consultation.comment(consultation.of(doc), body="建议延长过渡期。", on=D(2026, 3, 10))
    return doc, made


def submit(client, doc, sfj):
    data = {"submit_review-review_org": sfj.pk, "submit_review-feedback": "收到意见1条，已采纳。"}
    return client.post(f"/normdocs/{doc.pk}/steps/submit_review/", data)


def test_an_undecided_comment_is_named_in_a_message_not_an_error_page(commented, people, login, sfj):
    doc, made = commented
    response = submit(login(people["clerk"]), doc, sfj)
    assert response.status_code == 409
    assert f"还有公众意见未作处理（第{made.pk}号）" in response.content.decode()
    assert Document.objects.get(pk=doc.pk).state == State.CONSULTING
    assert consultation.of(doc).state == "open" and not doc.reviews.exists()
    page = response.content.decode()
    assert "待处理1条" in page and f'href="/consultations/{consultation.of(doc).pk}/"' in page


def test_once_every_comment_is_decided_the_consultation_closes_with_the_review(commented, people, login, sfj):
    doc, made = commented
    consultation.decide(made, adopted=False, reply="过渡期已足够。", actor=people["clerk"])
    response = submit(login(people["clerk"]), doc, sfj)
    assert response.status_code == 302
    assert consultation.of(doc).state == "closed" and doc.reviews.count() == 1


def test_the_document_page_links_to_the_core_comment_screen_where_the_clerk_decides(
    commented, people, login, sfj
):
    doc, made = commented
    clerk = login(people["clerk"])
    screen = f"/consultations/{consultation.of(doc).pk}/"
    assert f'href="{screen}"' in clerk.get(f"/normdocs/{doc.pk}/").content.decode()
    page = clerk.get(screen).content.decode()
    assert f'href="/normdocs/{doc.pk}/"' in page and "建议延长过渡期。" in page
    response = clerk.post(f"{screen}comments/{made.pk}/", {"adopted": "0", "reply": "过渡期已足够。"})
    assert response.status_code == 302 and response["Location"] == screen
    made.refresh_from_db()
    assert made.adopted is False and made.reply == "过渡期已足够。"
    assert submit(clerk, doc, sfj).status_code == 302
