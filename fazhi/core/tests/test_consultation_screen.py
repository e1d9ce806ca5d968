"""The staff's comment screen of any consultation (/consultations/<id>/): names and contacts
shown to staff only, comments shown escaped, decided and answered or hidden as spam by the
drafting unit's 经办人 and 负责人 while the consultation is open; a refusal is a message on
the screen, never an error page.

Personas (fazhi/conftest.py) toward a consultation of 甲局:
    clerk, head     read, decide, answer, hide
    reviewer        reads; refused
    supervisor      reads (parent org); refused
    sibling         404 (cannot read 甲局)
"""

import pytest

from fazhi.core import consultation as consultations
from fazhi.core.models import Comment

from .conftest import DAY, draft_of


@pytest.fixture
def made(opened):
    return consultations.comment(opened, body="建议保留学生票。", name="张三", contact="138", on=DAY)


def screen(c):
    return f"/consultations/{c.pk}/"


def answer(c, comment):
    return f"/consultations/{c.pk}/comments/{comment.pk}/"


def test_staff_see_names_and_decide_comments_the_script_tag_shown_escaped(opened, people, login):
    clerk = login(people["clerk"])
    script = consultations.comment(
        opened, body="<script>alert(1)</script>", name="张三", contact="138", on=DAY
    )
    page = clerk.get(screen(opened)).content.decode()
    assert "张三" in page and "&lt;script&gt;alert(1)" in page and "<script>alert(1)" not in page
    response = clerk.post(answer(opened, script), {"adopted": "0", "reply": "不采纳"})
    assert response.status_code == 302
    script.refresh_from_db()
    assert script.adopted is False and script.reply == "不采纳"


def test_the_screen_shows_the_counts_the_hidden_comments_and_the_public_page(opened, made, people, login):
    spam = consultations.comment(opened, body="广告", on=DAY)
    consultations.hide(spam, actor=people["clerk"])
    page = login(people["clerk"]).get(screen(opened)).content.decode()
    assert "收到1条，采纳0条，待处理1条" in page and "已屏蔽" in page and "广告" in page
    assert f'href="/open/consultations/{opened.pk}/"' in page
    assert f'action="{answer(opened, made)}"' in page


def test_a_consultation_of_an_org_the_user_cannot_read_is_not_found(opened, made, people, login):
    sibling = login(people["sibling"])
    assert sibling.get(screen(opened)).status_code == 404
    assert sibling.post(answer(opened, made), {"adopted": "1"}).status_code == 404
    assert Comment.objects.get(pk=made.pk).adopted is None


def test_a_comment_of_another_consultation_is_not_found(opened, made, tree, people, login):
    other = consultations.open_for(
        draft_of(tree["own"], pk=2),
        title="另一稿",
        text="正文",
        opens_on=DAY,
        closes_on=DAY,
        actor=people["clerk"],
    )
    clerk = login(people["clerk"])
    assert clerk.post(answer(other, made), {"adopted": "1"}).status_code == 404
    assert clerk.get(answer(opened, made)).status_code == 405


@pytest.mark.parametrize("persona", ["reviewer", "supervisor"])
def test_a_reader_without_the_drafting_role_sees_the_names_but_is_refused_with_a_message(
    persona, opened, made, people, login
):
    reader = login(people[persona])
    page = reader.get(screen(opened)).content.decode()
    assert "张三" in page and "保存处理意见" not in page
    response = reader.post(answer(opened, made), {"adopted": "1", "reply": "采纳"}, follow=True)
    assert response.status_code == 200
    assert "「处理公众意见」只能由甲局的经办人、负责人办理。" in response.content.decode()
    response = reader.post(answer(opened, made), {"hide": "1"}, follow=True)
    assert "「屏蔽公众意见」只能由甲局的经办人、负责人办理。" in response.content.decode()
    made.refresh_from_db()
    assert made.adopted is None and made.hidden is False


def test_the_head_hides_spam_and_shows_it_again(opened, made, people, login):
    head = login(people["head"])
    response = head.post(answer(opened, made), {"hide": "1"}, follow=True)
    assert f"第{made.pk}号意见已处理。" in response.content.decode()
    assert Comment.objects.get(pk=made.pk).hidden is True and opened.counts()["received"] == 0
    head.post(answer(opened, made), {"unhide": "1"})
    assert Comment.objects.get(pk=made.pk).hidden is False


def test_not_adopting_without_a_reason_and_bad_input_are_messages_not_error_pages(
    opened, made, people, login
):
    clerk = login(people["clerk"])
    response = clerk.post(answer(opened, made), {"adopted": "0", "reply": " "}, follow=True)
    assert response.status_code == 200 and "不予采纳的意见须说明理由。" in response.content.decode()
    response = clerk.post(answer(opened, made), {"adopted": "也许"}, follow=True)
    assert response.status_code == 200 and "请检查填写的内容：是否采纳：" in response.content.decode()
    response = clerk.post(answer(opened, made), {"adopted": "", "reply": "收到"}, follow=True)
    assert "请选择是否采纳。" in response.content.decode()  # nothing is adopted by default
    assert Comment.objects.get(pk=made.pk).adopted is None


def test_once_closed_the_comments_are_shown_but_no_longer_changed(opened, made, people, login):
    consultations.decide(made, adopted=True, reply="采纳。", actor=people["clerk"])
    consultations.close(opened, feedback="收到意见1条，采纳1条。", actor=people["clerk"])
    clerk = login(people["clerk"])
    page = clerk.get(screen(opened)).content.decode()
    assert "已结束" in page and "保存处理意见" not in page and "答复：采纳。" in page
    response = clerk.post(answer(opened, made), {"adopted": "0", "reply": "改为不采纳"}, follow=True)
    assert "征求意见已经结束，采纳情况已公布，不能再修改。" in response.content.decode()
    assert Comment.objects.get(pk=made.pk).adopted is True
    clerk.post(answer(opened, made), {"hide": "1"})
    assert Comment.objects.get(pk=made.pk).hidden is False  # the published counts stay true


def test_decide_as_cites_no_article_for_a_subject_that_registered_none(made, people):
    with pytest.raises(consultations.ConsultationError) as refused:
        consultations.decide_as(people["sibling"], made, adopted=True, reply="")
    assert (
        refused.value.message == "「处理公众意见」只能由甲局的经办人、负责人办理。"
        and refused.value.cite is None
    )
    assert consultations.decide_as(people["head"], made, adopted=True, reply="").adopted is True
