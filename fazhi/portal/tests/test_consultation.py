"""The public comment page: the draft, the form, bad input answered in Chinese (never a
500), the hourly limit, the honeypot, and no author's name or contact on any public page."""

import datetime
from types import SimpleNamespace

import pytest

from fazhi.core import consultation as consultations
from fazhi.core.models import Comment

from .conftest import DAY


def draft_of(org):
    return SimpleNamespace(_meta=SimpleNamespace(label_lower="tests.draft"), pk=1, org_id=org.pk)


@pytest.fixture
def opened(tree):
    return consultations.open_for(
        draft_of(tree["own"]),
        title="关于调整公交票价的决策草案",
        text="第一条 票价调整方案。\n第二条 学生票优惠。",
        opens_on=DAY - datetime.timedelta(days=5),
        closes_on=DAY + datetime.timedelta(days=25),
        actor=None,
    )


@pytest.fixture
def post(client, opened):
    def send(body="建议保留学生票优惠。", **extra):
        data = {"body": body, "name": "张三", "contact": "13800000000", **extra.pop("data", {})}
        return client.post(f"/open/consultations/{opened.pk}/", data, **extra)

    return send


def test_the_list_shows_open_drafts(client, opened):
    page = client.get("/open/consultations/").content.decode()
    assert "关于调整公交票价的决策草案" in page and "正在征求意见" in page


def test_the_draft_page_shows_the_text_and_a_form(client, opened):
    page = client.get(f"/open/consultations/{opened.pk}/").content.decode()
    assert "第二条 学生票优惠。" in page and 'name="body"' in page and "csrfmiddlewaretoken" in page


def test_a_comment_is_accepted_and_its_author_never_shown(client, post, opened):
    response = post()
    assert response.status_code == 200 and "意见已提交" in response.content.decode()
    assert Comment.objects.get().name == "张三"
    for url in ("/open/consultations/", f"/open/consultations/{opened.pk}/"):
        page = client.get(url).content.decode()
        assert "张三" not in page and "13800000000" not in page


def test_a_script_tag_is_stored_as_plain_text_and_shown_escaped(client, post, opened, people):
    post("<script>alert(1)</script>")
    made = Comment.objects.get()
    assert made.body == "<script>alert(1)</script>"
    consultations.decide(made, adopted=False, reply="与征求意见的内容无关。", actor=people["clerk"])
    consultations.close(opened, feedback="<script>alert(2)</script>", actor=people["clerk"])
    page = client.get(f"/open/consultations/{opened.pk}/").content.decode()
    assert "<script>alert(2)" not in page and "&lt;script&gt;alert(2)" in page


def test_ten_thousand_characters_get_a_clear_message(post):
    response = post("字" * 10_000)
    assert response.status_code == 400
    assert "不能超过2000字（现有10000字）" in response.content.decode()
    assert Comment.objects.count() == 0


def test_an_empty_comment_gets_a_clear_message(post):
    response = post("   ")
    assert response.status_code == 400 and "请填写意见内容" in response.content.decode()


def test_a_closed_period_refuses_comments(post, opened, monkeypatch):
    monkeypatch.setattr("fazhi.portal.views.today", lambda: DAY + datetime.timedelta(days=26))
    response = post()
    assert response.status_code == 400 and "不在意见征集期内" in response.content.decode()
    assert Comment.objects.count() == 0


def test_the_closed_consultation_shows_its_feedback_and_no_form(client, opened, people):
    consultations.close(opened, feedback="共收到意见0条。", actor=people["clerk"])
    page = client.get(f"/open/consultations/{opened.pk}/").content.decode()
    assert "意见采纳情况" in page and "共收到意见0条。" in page and 'name="body"' not in page
    assert "已结束（公布采纳情况）" in client.get("/open/consultations/").content.decode()


def test_the_honeypot_keeps_nothing(post):
    response = post(data={"website": "http://spam.example"})
    assert response.status_code == 200 and Comment.objects.count() == 0


def test_over_the_hourly_limit_gets_a_429_in_chinese(post, settings):
    settings.FAZHI_PORTAL_COMMENT_PER_HOUR = 2
    assert [post().status_code for _ in range(2)] == [200, 200]
    refused = post("第三条意见")
    page = refused.content.decode()
    assert refused.status_code == 429 and "一小时内最多提交2条意见" in page
    assert int(refused["Retry-After"]) > 0 and "第三条意见" in page
    assert Comment.objects.count() == 2


def test_a_draft_not_yet_open_or_missing_is_not_found(client, opened, tree):
    later = consultations.open_for(
        draft_of(tree["own"]), title="未开始", text="正文", opens_on=DAY + datetime.timedelta(days=3),
        closes_on=DAY + datetime.timedelta(days=40), actor=None,
    )  # fmt: skip
    assert client.get(f"/open/consultations/{later.pk}/").status_code == 404
    assert client.get("/open/consultations/99999/").status_code == 404


def test_a_post_without_the_csrf_token_is_refused_in_chinese_not_an_error(opened):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(f"/open/consultations/{opened.pk}/", {"body": "意见"})
    assert response.status_code == 403 and Comment.objects.count() == 0
