"""Tracking by code: the right request, personal data masked, a wrong code reveals nothing."""

import datetime

import pytest

from fazhi.core.clocks import clocks_of
from fazhi.disclosure.models import DisclosureRequest
from fazhi.disclosure.services import requests as svc

from .conftest import DAY

UNKNOWN = "没有与该查询码对应的申请"


@pytest.fixture
def submitted(apply, form):
    """王晓明's application and his neighbour's, made on the portal."""
    apply(form)
    apply({**form, "applicant_name": "李四", "phone": "13911112222", "description": "另一件申请"})
    return DisclosureRequest.objects.get(applicant_name="王晓明")


def track(client, code):
    return client.get("/open/track/", {"code": code})


def test_a_code_shows_its_own_request_with_masked_personal_data(client, submitted):
    page = track(client, submitted.tracking_code).content.decode()
    due = clocks_of(submitted).get(rule_key="disclosure.reply").due_on
    assert submitted.number in page and "已收到" in page
    assert (
        f"{DAY.year}年{DAY.month}月{DAY.day}日" in page and f"{due.year}年{due.month}月{due.day}日前" in page
    )
    assert "王*明" in page and "138****0000" in page
    for secret in ("王晓明", "13800000000", "11010519491231002X", "wang@example.cn", "人民路"):
        assert secret not in page
    assert "另一件申请" not in page and "李*" not in page


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {a} {b} {c} ", "{a}-{b}-{c}", "{wide}"])
def test_codes_are_case_insensitive_and_spaces_are_ignored(client, submitted, typed):
    code = submitted.tracking_code
    wide = "".join(chr(ord(c) + 0xFEE0) for c in code)  # full-width, as a Chinese input method types
    text = typed.format(code=code, lower=code.lower(), a=code[:4], b=code[4:8], c=code[8:], wide=wide)
    assert submitted.number in track(client, text).content.decode()


@pytest.mark.parametrize("code", ["AAAAAAAAAAAA", "短", "' OR 1=1 --", "{code}X"])
def test_a_wrong_code_reveals_nothing(client, submitted, code):
    response = track(client, code.format(code=submitted.tracking_code))
    page = response.content.decode()
    assert response.status_code == 200 and UNKNOWN in page
    assert submitted.number not in page and "*" not in page.split("未查到申请")[1]


def test_an_empty_code_asks_for_one(client, tree):
    response = track(client, "")
    assert response.status_code == 400 and "请输入查询码" in response.content.decode()


def test_a_signed_reply_shows_its_outcome_and_letter_with_the_name_masked(client, submitted, people):
    svc.accept(submitted, people["clerk"], on=DAY)
    svc.propose_reply(submitted, people["clerk"], outcome="process_info", on=DAY + datetime.timedelta(days=3))
    svc.sign(submitted, people["head"], on=DAY + datetime.timedelta(days=4))
    page = track(client, submitted.tracking_code).content.decode()
    assert "已答复" in page and "不予公开（属于四类过程性信息）" in page
    assert "政府信息公开申请答复书" in page and "王*明：" in page and "王晓明" not in page
    assert "第二十三条" in page  # 行政复议前置, in the letter


def test_a_draft_reply_awaiting_signature_is_not_shown(client, submitted, people):
    svc.accept(submitted, people["clerk"], on=DAY)
    svc.propose_reply(submitted, people["clerk"], outcome="grant", on=DAY)
    page = track(client, submitted.tracking_code).content.decode()
    assert "办理中" in page and "答复书" not in page.split("申请办理情况")[1] and "予以公开" not in page


def test_a_request_awaiting_correction_shows_what_to_supply_and_the_paused_clock(client, submitted, people):
    svc.request_correction(
        submitted,
        people["clerk"],
        note="请写明文件的名称或文号。",
        due_on=DAY + datetime.timedelta(days=15),
        on=DAY,
    )
    page = track(client, submitted.tracking_code).content.decode()
    assert "待补正" in page and "请写明文件的名称或文号。" in page and "暂停计时" in page


def test_a_consultation_does_not_name_the_consulted_third_party(client, submitted, people):
    svc.accept(submitted, people["clerk"], on=DAY)
    svc.consult(submitted, people["clerk"], third_party=True, party="某某科技公司", on=DAY)
    page = track(client, submitted.tracking_code).content.decode()
    assert "征求意见" in page and "某某科技公司" not in page


def test_script_in_the_description_is_escaped_on_the_tracking_page(client, apply, form):
    apply({**form, "description": "<script>alert(1)</script>"})
    page = track(client, DisclosureRequest.objects.get().tracking_code).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_tracking_page_is_never_cached(client, submitted):
    assert "no-store" in track(client, submitted.tracking_code)["Cache-Control"]
