"""公开征求意见 in the core: opening, commenting within the period, deciding, closing with
the published 采纳情况; every change in the audit trail; bad input refused in Chinese."""

import datetime

import pytest

from fazhi.core import audit
from fazhi.core import consultation as consultations
from fazhi.core.models import AuditEvent, Comment

from .conftest import DAY, draft_of


def test_it_refuses_a_closing_day_before_the_opening_day(tree, people):
    with pytest.raises(ValueError, match="截止日期不能早于开始日期"):
        consultations.open_for(
            draft_of(tree["own"]),
            title="草案",
            text="正文",
            opens_on=DAY,
            closes_on=DAY - datetime.timedelta(1),
            actor=people["clerk"],
        )


def test_it_finds_the_consultation_of_a_subject(opened, tree):
    assert consultations.of(draft_of(tree["own"])) == opened
    assert consultations.of(draft_of(tree["own"], pk=2)) is None
    assert opened.days == 30


def test_a_comment_within_the_period_is_kept_as_plain_text_without_control_characters(opened):
    made = consultations.comment(opened, body="建议\x00保留\x1b学生票\r\n<b>优惠</b>", name="张三", on=DAY)
    assert made.body == "建议保留学生票\n<b>优惠</b>" and made.org_id == opened.org_id
    assert made.adopted is None and made.ip_hash == ""


def test_it_refuses_a_comment_before_or_after_the_period(opened):
    for day in (DAY - datetime.timedelta(1), DAY + datetime.timedelta(31)):
        with pytest.raises(consultations.ConsultationError, match="不在征集期内"):
            consultations.comment(opened, body="意见", on=day)


def test_it_refuses_an_empty_or_too_long_comment(opened):
    with pytest.raises(consultations.ConsultationError, match="请填写意见内容"):
        consultations.comment(opened, body=" \x00 ", on=DAY)
    with pytest.raises(consultations.ConsultationError, match="不能超过2000字（现有10000字）"):
        consultations.comment(opened, body="字" * 10_000, on=DAY)
    assert Comment.objects.count() == 0


def test_the_address_is_kept_only_as_a_hash(opened):
    made = consultations.comment(opened, body="意见", ip="198.51.100.7", on=DAY)
    assert made.ip_hash and "198.51.100.7" not in made.ip_hash


def test_deciding_and_closing_publish_the_feedback_with_counts(opened, people):
    first = consultations.comment(opened, body="建议一", on=DAY)
    second = consultations.comment(opened, body="建议二", on=DAY)
    spam = consultations.comment(opened, body="广告", on=DAY)
    consultations.decide(first, adopted=True, reply="已采纳，修改第二条。", actor=people["clerk"])
    consultations.decide(second, adopted=False, reply="与上位法不一致。", actor=people["clerk"])
    consultations.hide(spam, actor=people["clerk"])
    closed = consultations.close(opened, feedback="共收到意见2条，采纳1条。", actor=people["clerk"])
    assert closed.state == "closed" and closed.feedback.startswith("共收到")
    assert closed.counts() == {"received": 2, "adopted": 1, "undecided": 0}
    with pytest.raises(consultations.ConsultationError, match="已经结束"):
        consultations.close(closed, feedback="再次", actor=people["clerk"])
    with pytest.raises(consultations.ConsultationError, match="不在征集期内"):
        consultations.comment(closed, body="迟到的意见", on=DAY)


def test_it_refuses_to_close_while_a_comment_is_undecided(opened, people):
    first = consultations.comment(opened, body="建议一", on=DAY)
    consultations.comment(opened, body="建议二", on=DAY)
    consultations.decide(first, adopted=True, reply="采纳。", actor=people["clerk"])
    with pytest.raises(consultations.ConsultationError) as refused:
        consultations.close(opened, feedback="共收到意见2条。", actor=people["clerk"])
    assert f"还有公众意见未作处理（第{first.pk + 1}号）" in str(refused.value)
    opened.refresh_from_db()
    assert opened.state == "open" and opened.feedback == ""


def test_a_comment_hidden_as_spam_needs_no_decision(opened, people):
    spam = consultations.comment(opened, body="广告", on=DAY)
    consultations.hide(spam, actor=people["clerk"])
    assert consultations.close(opened, feedback="共收到意见0条。", actor=people["clerk"]).state == "closed"


def test_it_refuses_not_adopting_a_comment_without_a_reason(opened, people):
    made = consultations.comment(opened, body="建议一", on=DAY)
    with pytest.raises(consultations.ConsultationError, match="不予采纳的意见须说明理由"):
        consultations.decide(made, adopted=False, reply="  ", actor=people["clerk"])
    made.refresh_from_db()
    assert made.adopted is None


def test_closing_needs_the_feedback(opened, people):
    with pytest.raises(consultations.ConsultationError, match="采纳情况"):
        consultations.close(opened, feedback="  ", actor=people["clerk"])


def test_every_change_is_in_the_trail_without_the_authors_personal_data(opened, people):
    made = consultations.comment(opened, body="意见", name="张三", contact="13800000000", on=DAY)
    consultations.decide(made, adopted=False, reply="不予采纳：与上位法不一致。", actor=people["clerk"])
    consultations.close(opened, feedback="未采纳。", actor=people["clerk"])
    events = AuditEvent.objects.filter(subject_type="core.consultation", subject_id=opened.pk).order_by("seq")
    assert [e.kind for e in events] == ["created", "created", "edited", "transition"]
    trail = " ".join(f"{e.summary} {e.data}" for e in events)
    assert "张三" not in trail and "13800000000" not in trail
    assert audit.verify().intact


def test_the_masked_name_never_shows_more_than_the_first_character():
    assert Comment(name="欧阳修").masked_name == "欧**"
    assert Comment(name="").masked_name == "匿名"
