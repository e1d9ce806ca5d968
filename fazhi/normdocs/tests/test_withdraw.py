"""终止制定: a draft the body decides not to make ends with its reason — its consultation page
says so (the comments need no answer), a pending legality review is withdrawn with its
clock stopped, and an abandoned amendment no longer blocks the next one."""

import pytest

from fazhi.core import consultation, engine
from fazhi.core.models import Clock, ClockState
from fazhi.normdocs import services
from fazhi.normdocs.models import Document
from fazhi.normdocs.procedure import ReviewState, State

from .conftest import D

pytestmark = pytest.mark.django_db
REASON = "上级已出台统一规定，本市不再另行制定。"


def test_a_draft_in_consultation_ends_and_its_page_says_so(walk, people, client):
    doc = walk("consult")
    consultation.comment(consultation.of(doc), body="建议延长过渡期。", on=D(2026, 3, 10))  # unanswered
    doc = services.withdraw(doc, people["clerk"], reason=REASON, on=D(2026, 3, 20))
    assert (doc.get_state_display(), doc.end_reason, doc.ended_on) == ("终止制定", REASON, D(2026, 3, 20))
    found = consultation.of(doc)
    assert found.state == "closed" and found.feedback == f"本草案已终止制定，不再出台。理由：{REASON}"
    assert "本草案已终止制定" in client.get(f"/open/consultations/{found.pk}/").content.decode()
    assert client.get(f"/open/normdocs/{doc.pk}/").status_code == 404  # never published


def test_a_pending_legality_review_is_withdrawn_with_its_clock_stopped(walk, people, legal_reviewer):
    doc = walk("fair_competition")  # under review at the 司法局 since 2026-04-07
    review = doc.reviews.get()
    services.withdraw(doc, people["clerk"], reason=REASON, on=D(2026, 4, 10))
    review.refresh_from_db()
    assert review.state == ReviewState.WITHDRAWN and review.get_state_display() == "已撤回"
    clock = Clock.objects.get(subject_type="normdocs.legalityreview", subject_id=review.pk)
    assert (clock.state, clock.stopped_on) == (ClockState.STOPPED, D(2026, 4, 10))
    with pytest.raises(engine.Refused, match="不能「出具审核意见」"):
        services.conclude_review(
            review, legal_reviewer, outcome="approved", opinion="同意", on=D(2026, 4, 20)
        )


def test_an_issued_document_cannot_be_withdrawn_it_is_repealed(walk, people):
    doc = walk("issue")
    with pytest.raises(engine.Refused, match="不能「终止制定」"):
        services.withdraw(doc, people["clerk"], reason=REASON, on=D(2026, 4, 24))


def test_an_abandoned_amendment_no_longer_blocks_the_next(walk, people):
    old = walk("file")
    draft = walk("draft", title="示例市校外培训机构管理办法（修订草案）", replaces=old, shift=182)
    services.withdraw(draft, people["clerk"], reason=REASON, on=D(2026, 11, 1))
    again = walk("draft", title="示例市校外培训机构管理办法（2027年修订草案）", replaces=old, shift=300)
    assert again.replaces == old and Document.objects.get(pk=old.pk).state == State.IN_FORCE


def test_the_page_offers_it_and_a_reason_is_required(walk, people, login):
    doc = walk("draft")
    clerk = login(people["clerk"])
    assert 'id="step-withdraw"' in clerk.get(f"/normdocs/{doc.pk}/").content.decode()
    response = clerk.post(f"/normdocs/{doc.pk}/steps/withdraw/", {"withdraw-reason": " "})
    assert response.status_code == 400 or "请检查填写的内容" in response.content.decode()
    assert Document.objects.get(pk=doc.pk).state == State.DRAFTING
    response = clerk.post(f"/normdocs/{doc.pk}/steps/withdraw/", {"withdraw-reason": REASON})
    assert response.status_code == 302 and Document.objects.get(pk=doc.pk).state == State.WITHDRAWN
    sibling = login(people["sibling"])
    assert sibling.post(f"/normdocs/{doc.pk}/steps/withdraw/", {"withdraw-reason": REASON}).status_code == 404
