"""The life of a 规范性文件 as named legal situations, each with its citation (LAW.md §10)."""

import datetime

import pytest

from fazhi.core import engine
from fazhi.core.models import AuditEvent, Clock
from fazhi.normdocs import procedure, services
from fazhi.normdocs.models import Document

from .conftest import BASIS, D

pytestmark = pytest.mark.django_db


def test_a_document_goes_from_proposal_to_filing(walk):
    doc = walk("file")
    assert doc.state == procedure.State.IN_FORCE
    assert doc.number == "示甲规〔2026〕1号" and doc.register_number == "示甲规登〔2026〕1号"
    assert doc.filed_on == D(2026, 5, 10) and doc.valid_until == D(2031, 4, 30)
    clock = Clock.objects.get(subject_id=doc.pk, rule_key=procedure.FILING.key)
    assert clock.state == "stopped" and clock.due_on == D(2026, 5, 25)  # 30 日 from 4-24, 5-24 a Sunday


def test_a_draft_without_legal_basis_is_refused_37(people):
    with pytest.raises(engine.Refused) as refused:
        services.propose(
            people["clerk"], people["clerk"].memberships.get().org, title="无依据", legal_basis="  "
        )
    assert "制定依据不能为空" in refused.value.message and "37号" in str(refused.value.cite)


def test_numbers_are_not_issued_before_the_review_gates_37(walk, people):
    doc = walk("fair_competition")  # reviewed by nobody yet
    with pytest.raises(engine.Refused) as refused:
        services.issue(doc, people["clerk"], on=D(2026, 4, 23))
    assert "不能「统一登记、编号、印发」" in refused.value.message
    doc.refresh_from_db()
    assert doc.number == "" and doc.register_number == ""


def test_collective_decision_waits_for_legality_review_115(walk, people):
    doc = walk("fair_competition")
    with pytest.raises(engine.Refused) as refused:
        services.decide(doc, people["head"], meeting="局务会议", on=D(2026, 4, 22))
    assert refused.value.cite == procedure.GUOBAN_115
    assert AuditEvent.objects.filter(kind="refused", subject_id=doc.pk).count() == 1


def test_collective_decision_waits_for_fair_competition_review(walk, people, legal_reviewer):
    doc = walk("submit_review")
    services.conclude_review(
        doc.reviews.get(), legal_reviewer, outcome="approved", opinion="同意", on=D(2026, 4, 20)
    )
    with pytest.raises(engine.Refused) as refused:
        services.decide(doc, people["head"], meeting="局务会议", on=D(2026, 4, 22))
    assert refused.value.cite == procedure.FAIR_COMPETITION


def test_review_cannot_start_before_consultation_ends_37(walk, people, sfj):
    doc = walk("consult")
    with pytest.raises(engine.Refused) as refused:
        services.submit_review(doc, people["clerk"], review_org=sfj, on=D(2026, 4, 3))
    assert "征求意见期限尚未届满" in refused.value.message


def test_a_consultation_shorter_than_30_days_is_refused_722(walk, people):
    doc = walk("draft")
    with pytest.raises(engine.Refused) as refused:
        services.consult(doc, people["clerk"], opens_on=D(2026, 3, 3), closes_on=D(2026, 3, 20))
    assert refused.value.cite == procedure.BUSINESS_ENV


def test_a_local_rule_shortens_the_consultation(walk, people, tree):
    from fazhi.core import jurisdiction

    jurisdiction.set_local_rule(
        people["admin"], org=tree["city"], rule_key=procedure.CONSULTATION.key, amount=7,
        basis="示例省规定", since=D(2026, 1, 1),
    )  # fmt: skip
    doc = walk("draft")
    doc = services.consult(doc, people["clerk"], opens_on=D(2026, 3, 3), closes_on=D(2026, 3, 10))
    assert doc.state == procedure.State.CONSULTING


def test_the_reviewer_gives_at_least_the_minimum_review_time_115(walk, legal_reviewer):
    doc = walk("fair_competition")  # submitted 2026-04-07
    with pytest.raises(engine.Refused) as refused:
        services.conclude_review(
            doc.reviews.get(), legal_reviewer, outcome="approved", opinion="同意", on=D(2026, 4, 9)
        )
    assert "最短审核时间" in refused.value.message


def test_the_drafting_unit_cannot_review_its_own_document(walk, people):
    doc = walk("fair_competition")
    with pytest.raises(engine.Refused):
        services.conclude_review(
            doc.reviews.get(), people["reviewer"], outcome="approved", opinion="同意", on=D(2026, 4, 20)
        )


def test_a_rejected_document_goes_back_to_drafting(walk, people, legal_reviewer):
    doc = walk("fair_competition")
    services.conclude_review(
        doc.reviews.get(), legal_reviewer, outcome="rejected", opinion="超越权限", on=D(2026, 4, 20)
    )
    doc = services.revise(doc, people["clerk"], on=D(2026, 4, 21))
    assert doc.state == procedure.State.DRAFTING


def test_provisional_documents_are_valid_two_years(walk):
    doc = walk("publish", title="示例市校外培训机构管理暂行办法")
    assert doc.valid_until == D(2028, 4, 30)


def test_the_register_says_what_was_in_force_on_a_date(walk, people):
    doc = walk("file")
    services.repeal(doc, people["clerk"], reason="上位法修改", on=D(2026, 9, 1))
    in_force = Document.objects.in_force_on
    assert not in_force(D(2026, 4, 30)).exists()
    assert list(in_force(D(2026, 5, 1))) == [doc] and list(in_force(D(2026, 8, 31))) == [doc]
    assert not in_force(D(2026, 9, 1)).exists()


def test_every_version_is_kept(walk, people):
    doc = walk("draft")
    services.edit_draft(doc, people["clerk"], text="第一条 新的正文。", legal_basis=BASIS)
    assert [v.reason for v in doc.versions.all()] == ["立项", "修改草案"]
    assert doc.versions.first().text.startswith("第一条 申请人")


def test_an_edit_that_empties_the_legal_basis_is_refused(walk, people):
    doc = walk("draft")
    with pytest.raises(engine.Refused):
        services.edit_draft(doc, people["clerk"], legal_basis="")


def test_expiry_only_after_the_validity_period(walk, people):
    doc = walk("file")
    with pytest.raises(engine.Refused):
        services.expire(doc, people["clerk"], on=D(2031, 4, 30))


def test_every_rule_has_a_citation_and_configurable_local_numbers():
    from fazhi.core.rules import RULES

    ours = [r for r in RULES.all() if r.key.startswith("normdocs.")]
    assert len(ours) == 7
    assert all(str(r.cite) and r.configurable for r in ours)
    assert all(t.cite for t in procedure.PROCEDURE.transitions)


def test_validity_end_is_the_day_before_the_anniversary():
    doc = Document(title="办法", org=None)
    assert datetime.date(2026, 5, 1).replace(year=2031) - datetime.timedelta(days=1) == D(2031, 4, 30)
    assert doc.is_provisional is False


def test_the_consultation_is_opened_on_the_portal_and_closed_with_its_feedback(walk, people, sfj):
    from fazhi.core import consultation

    doc = walk("consult")
    found = consultation.of(doc)
    assert found is not None and found.closes_on == D(2026, 4, 3) and found.state == "open"
    services.submit_review(doc, people["clerk"], review_org=sfj, feedback="采纳意见3条", on=D(2026, 4, 7))
    found.refresh_from_db()
    assert found.state == "closed" and found.feedback == "采纳意见3条"


def test_review_is_not_requested_before_the_adoption_of_comments_is_published_37(walk, people, sfj):
    from fazhi.core import consultation

    doc = walk("consult")
    with pytest.raises(engine.Refused) as refused:
        services.submit_review(doc, people["clerk"], review_org=sfj, feedback=" ", on=D(2026, 4, 7))
    assert "请填写意见采纳情况" in refused.value.message and refused.value.cite == procedure.GUOBAN_37
    assert consultation.of(doc).state == "open" and not doc.reviews.exists()


def test_a_draft_without_text_cannot_go_to_consultation(people, tree):
    doc = services.propose(people["clerk"], tree["own"], title="无正文", legal_basis=BASIS)
    doc = services.start_drafting(doc, people["clerk"], on=D(2026, 3, 2))
    doc = services.consult(doc, people["clerk"], opens_on=D(2026, 3, 3), closes_on=D(2026, 4, 3))
    assert doc.state == procedure.State.CONSULTING  # the title stands for the text on the portal


def test_a_filed_document_is_not_filed_again(walk, people, login):
    doc = walk("file")
    with pytest.raises(engine.Refused) as refused:
        services.file(doc, people["clerk"], filed_with="示例市人民政府", on=D(2026, 5, 12))
    assert "已报送备案" in refused.value.message
    page = login(people["clerk"]).get(f"/normdocs/{doc.pk}/").content.decode()
    assert 'id="step-file"' not in page and 'id="step-repeal"' in page
