"""The application form (第二十九条): what it asks, how it refuses, what it registers."""

import pytest
from django.test import Client

from fazhi.core.clocks import clocks_of
from fazhi.core.models import AuditEvent
from fazhi.disclosure.models import DisclosureRequest
from fazhi.portal.models import Submission

from .conftest import DAY


def test_the_form_asks_for_what_article_29_requires(client, tree):
    page = client.get("/open/SL-A/apply/").content.decode()
    for label in (
        "申请人类型",
        "姓名或名称",
        "身份证明号码",
        "联系电话",
        "所需政府信息的描述",
        "获取信息的方式",
    ):
        assert label in page
    assert "法人或其他组织" in page and "商业企业" in page and "法律服务机构" in page
    assert 'lang="zh-CN"' in page and "<script" not in page  # works without JavaScript
    assert 'maxlength="5000"' not in page  # a browser would cut a long text silently


def test_a_valid_application_is_registered_online_with_today_as_the_date_of_receipt(apply, form, tree):
    response = apply(form)
    request = DisclosureRequest.objects.get()
    assert response.status_code == 200
    assert (request.org, request.channel, request.received_on) == (tree["own"], "online", DAY)
    assert (request.applicant_name, request.id_number, request.delivery_form) == (
        "王晓明",
        "11010519491231002X",
        "electronic",
    )
    assert clocks_of(request).get(rule_key="disclosure.reply").state == "running"


def test_the_confirmation_shows_the_tracking_code_and_the_request_number(apply, form):
    page = apply(form).content.decode()
    request = DisclosureRequest.objects.get()
    code = request.tracking_code
    assert f"{code[:4]} {code[4:8]} {code[8:]}" in page and request.number in page
    assert "请务必记下或截图保存查询码" in page
    assert "王*明" in page and "138****0000" in page
    assert "王晓明" not in page and "11010519491231002X" not in page


def test_the_public_is_the_actor_of_the_registration_with_its_address(apply, form):
    apply(form, REMOTE_ADDR="203.0.113.7")
    event = AuditEvent.objects.get(kind="created", subject_id=DisclosureRequest.objects.get().pk)
    assert (event.actor_id, event.actor_name, event.ip) == (None, "公众", "203.0.113.7")


def test_missing_fields_are_answered_in_chinese_and_nothing_is_registered(apply):
    response = apply({"delivery_form": ""})
    page = response.content.decode()
    assert response.status_code == 400
    for message in ("请填写姓名或名称", "请填写身份证明号码", "请填写联系电话", "请描述您需要的政府信息"):
        assert message in page
    assert "请选择获取信息的方式" in page and "申请尚未提交" in page
    assert not DisclosureRequest.objects.exists() and not Submission.objects.exists()


def test_a_description_of_20000_characters_is_refused_with_a_clear_message(apply, form):
    response = apply({**form, "description": "申" * 20_000})
    assert response.status_code == 400
    assert "所需政府信息的描述不能超过5000字（现有20000字）" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_a_description_of_exactly_5000_characters_is_accepted(apply, form):
    assert apply({**form, "description": "申" * 5000}).status_code == 200
    assert len(DisclosureRequest.objects.get().description) == 5000


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("id_number", "110105194912310021", "身份证号码的校验位不正确"),
        ("id_number", "<b>110105</b>", "证件号码只能包含数字和字母"),
        ("phone", "请打电话", "请填写有效的联系电话"),
        ("phone", "123", "请填写有效的联系电话"),
        ("email", "not-an-address", "请填写有效的电子邮箱地址"),
        ("applicant_type", "government", "请选择申请人类型"),
        ("delivery_form", "carrier_pigeon", "请选择获取信息的方式"),
    ],
)
def test_a_malformed_field_is_refused_in_chinese(apply, form, field, value, message):
    response = apply({**form, field: value})
    assert response.status_code == 400 and message in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_an_organisation_applies_with_its_credit_code_and_a_landline(apply, form):
    data = {**form, "applicant_type": "business", "applicant_name": "示例市明德科技有限公司"}
    assert apply({**data, "id_number": "91350100M000100Y43", "phone": "0591-8888 6666"}).status_code == 200
    assert DisclosureRequest.objects.get().applicant_type == "business"


def test_paper_copies_need_an_address_to_post_them_to(apply, form):
    response = apply({**form, "delivery_form": "paper", "address": ""})
    assert response.status_code == 400 and "选择纸质文本的，请填写通信地址" in response.content.decode()


def test_a_posted_date_is_ignored_the_date_of_receipt_is_always_today(apply, form):
    apply({**form, "received_on": "1900-01-01", "state": "replied", "number": "伪造"})
    request = DisclosureRequest.objects.get()
    assert (request.received_on, request.state) == (DAY, "registered")
    assert request.number != "伪造"


def test_script_in_any_field_is_stored_as_text_and_escaped_on_the_confirmation(apply, form):
    script = "<script>alert('x')</script>"
    page = apply({**form, "applicant_name": f"王{script}明", "description": f"招生{script}"}).content.decode()
    assert DisclosureRequest.objects.get().description == f"招生{script}"
    assert script not in page and "招生&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_posting_the_same_form_twice_registers_one_request(apply, form):
    first = apply({**form, "key": "same-form-0123456789abcdef"}).content.decode()
    second = apply({**form, "key": "same-form-0123456789abcdef"}).content.decode()
    code = DisclosureRequest.objects.get().tracking_code
    assert code[:4] in first and code[:4] in second


def test_the_form_is_protected_against_cross_site_posts(tree, form):
    response = Client(enforce_csrf_checks=True).post("/open/SL-A/apply/", form)
    assert response.status_code == 403 and not DisclosureRequest.objects.exists()


def test_an_unknown_or_inactive_agency_has_no_form(client, tree, form):
    tree["sibling"].is_active = False
    tree["sibling"].save()
    assert client.get("/open/NOPE/apply/").status_code == 404
    assert client.post("/open/SL-B/apply/", form).status_code == 404
    assert "页面不存在" in client.get("/open/SL-B/apply/").content.decode()
