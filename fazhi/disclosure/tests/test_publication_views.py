"""主动公开 screens: entering an item, each step through its form, the reviewers above the
unit, and bad input answered in Chinese (400 for a bad form, 409 for a refused step).

Personas: fazhi/conftest.py, plus the city's 负责人 (分管领导) and 审核人 (保密审查委员会) as
in test_publication.py.
"""

import datetime

import pytest
from django.utils import timezone

from fazhi.conftest import make_user
from fazhi.core.models import AuditEvent
from fazhi.disclosure.models import PublicationItem, ReviewConfig
from fazhi.disclosure.services import publication as services

D = datetime.date
FORMED = D(2026, 11, 2)
NEW = {
    "org": None,
    "title": "2026年部门预算",
    "category": "finance",
    "document_number": "示甲财〔2026〕3号",
    "formed_on": "2026-11-02",
    "body": "现将本局2026年部门预算予以公开。",
}


@pytest.fixture
def everyone(people, tree):
    return people | {
        "city_head": make_user("city_head", tree["city"], "head", first_name="孙副市长"),
        "city_reviewer": make_user("city_reviewer", tree["city"], "reviewer", first_name="钱保密"),
    }


@pytest.fixture
def item(tree, everyone):
    fields = {k: v for k, v in NEW.items() if k not in ("org", "formed_on")}
    return services.create_draft(tree["own"], everyone["clerk"], formed_on=FORMED, **fields)


@pytest.fixture
def submitted(item, everyone):
    return services.submit(item, everyone["clerk"], on=FORMED)


def step(client, item, key, data=None):
    return client.post(
        f"/disclosure/items/{item.pk}/steps/{key}/", {f"{key}-{k}": v for k, v in (data or {}).items()}
    )


# --- entering and editing -----------------------------------------------------------------------


def test_a_clerk_enters_an_item_and_lands_on_its_page(tree, everyone, login):
    response = login(everyone["clerk"]).post("/disclosure/items/new/", NEW | {"org": tree["own"].pk})
    item = PublicationItem.objects.get()
    assert response.status_code == 302 and response.url == f"/disclosure/items/{item.pk}/"
    assert (item.org, item.state, item.created_by) == (tree["own"], "draft", everyone["clerk"])


def test_a_form_with_missing_fields_is_answered_in_chinese_and_saves_nothing(tree, everyone, login):
    response = login(everyone["clerk"]).post("/disclosure/items/new/", {"org": tree["own"].pk, "title": ""})
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()
    assert not PublicationItem.objects.exists()


def test_a_formed_date_in_the_future_is_a_400(tree, everyone, login):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = login(everyone["clerk"]).post(
        "/disclosure/items/new/", NEW | {"org": tree["own"].pk, "formed_on": tomorrow}
    )
    assert response.status_code == 400 and "形成或变更日期不能晚于今天" in response.content.decode()
    assert not PublicationItem.objects.exists()


@pytest.mark.parametrize("formed_on", ["昨天", "2026-13-01", "2019-05-14"])
def test_a_malformed_or_too_early_formed_date_is_a_400(tree, everyone, login, formed_on):
    response = login(everyone["clerk"]).post(
        "/disclosure/items/new/", NEW | {"org": tree["own"].pk, "formed_on": formed_on}
    )
    assert response.status_code == 400
    assert not PublicationItem.objects.exists()


def test_an_org_the_user_does_not_publish_for_is_a_400(tree, everyone, login):
    response = login(everyone["clerk"]).post("/disclosure/items/new/", NEW | {"org": tree["sibling"].pk})
    assert response.status_code == 400 and not PublicationItem.objects.exists()


@pytest.mark.parametrize("who", ["city_reviewer", "supervisor", "admin", "reviewer"])
def test_someone_without_a_clerk_or_head_post_may_not_open_the_form(everyone, login, who):
    assert login(everyone[who]).get("/disclosure/items/new/").status_code == 403


def test_a_draft_is_edited_through_the_form_and_the_page_shows_before_and_after(item, everyone, login):
    client = login(everyone["clerk"])
    data = NEW | {"title": "2026年部门预算（修订）"}
    del data["org"]
    assert client.post(f"/disclosure/items/{item.pk}/edit/", data).status_code == 302
    page = client.get(f"/disclosure/items/{item.pk}/").content.decode()
    assert "标题：“2026年部门预算” → “2026年部门预算（修订）”" in page


def test_editing_an_item_under_review_is_a_409(submitted, everyone, login):
    data = NEW | {"title": "偷偷改"}
    del data["org"]
    response = login(everyone["clerk"]).post(f"/disclosure/items/{submitted.pk}/edit/", data)
    assert response.status_code == 409 and "只有草稿可以修改" in response.content.decode()
    assert PublicationItem.objects.get(pk=submitted.pk).title == "2026年部门预算"


# --- the list ---------------------------------------------------------------------------------------


def test_the_list_shows_each_items_light_and_the_review_that_applies(item, everyone, login):
    page = login(everyone["clerk"]).get("/disclosure/items/").content.decode()
    assert "2026年部门预算" in page and "light light-" in page
    assert "甲局适用的保密审查：平台默认配置「默认三审」：经办单位负责人 → 分管领导 → 保密审查委员会" in page


def test_the_list_filters_by_state_and_category(item, submitted, tree, everyone, login):
    client = login(everyone["clerk"])
    services.create_draft(
        tree["own"], everyone["clerk"], title="招生公告", category="announcement", body="b", formed_on=FORMED
    )
    titles = lambda query: client.get(f"/disclosure/items/?{query}").context["page"].object_list  # noqa: E731
    assert [i.title for i in titles("state=in_review")] == ["2026年部门预算"]
    assert [i.title for i in titles("category=announcement")] == ["招生公告"]
    assert len(titles("state=bogus&category=nothing")) == 2


def test_waiting_for_my_review_shows_the_reviewer_above_its_stage(submitted, everyone, login):
    services.approve(submitted, everyone["head"], stage=1, on=FORMED)
    response = login(everyone["city_head"]).get("/disclosure/items/?view=review")
    page = response.content.decode()
    assert [i.title for i in response.context["page"]] == ["2026年部门预算"]
    assert "待分管领导审查" in page


# --- the item page ------------------------------------------------------------------------------


def test_the_item_page_shows_the_stages_with_who_passed_them_and_when(submitted, everyone, login):
    services.approve(submitted, everyone["head"], stage=1, on=D(2026, 11, 3))
    page = login(everyone["clerk"]).get(f"/disclosure/items/{submitted.pk}/").content.decode()
    assert 'class="stepper"' in page and "经办单位负责人" in page and "保密审查委员会" in page
    assert "张局长 2026-11-03 审查通过" in page
    assert 'aria-current="step"' in page


def test_a_draft_shows_the_stages_it_would_go_through_and_any_vacant_post(tree, people, login):
    item = services.create_draft(
        tree["own"], people["clerk"], title="t", category="other", body="b", formed_on=FORMED
    )
    page = login(people["clerk"]).get(f"/disclosure/items/{item.pk}/").content.decode()
    assert "将适用平台默认配置「默认三审」" in page and "尚无人任职" in page


def test_a_reviewer_above_opens_the_item_waiting_for_it_and_passes_its_stage(submitted, everyone, login):
    services.approve(submitted, everyone["head"], stage=1, on=FORMED)
    client = login(everyone["city_head"])
    page = client.get(f"/disclosure/items/{submitted.pk}/").content.decode()
    assert "第二审（分管领导）审查通过" in page and 'id="step-submit"' not in page
    assert step(client, submitted, "approve", {"stage": 2, "opinion": "同意"}).status_code == 302
    assert submitted.current_reviews().get(stage=2).opinion == "同意"


def test_a_reviewer_above_cannot_open_a_units_draft(item, everyone, login):
    assert login(everyone["city_head"]).get(f"/disclosure/items/{item.pk}/").status_code == 404


def test_a_sibling_unit_cannot_open_the_item(submitted, everyone, login):
    assert login(everyone["sibling"]).get(f"/disclosure/items/{submitted.pk}/").status_code == 404


def test_the_public_is_sent_to_the_login_page(submitted, client):
    response = client.get(f"/disclosure/items/{submitted.pk}/")
    assert response.status_code == 302 and "/login/" in response.url


# --- steps and bad input ----------------------------------------------------------------------------


def test_a_step_by_the_wrong_post_is_a_409_with_the_citation(submitted, everyone, login):
    response = step(login(everyone["clerk"]), submitted, "approve", {"stage": 1})
    page = response.content.decode()
    assert response.status_code == 409
    assert "只能由负责人办理" in page and "依据：《中华人民共和国政府信息公开条例》第十七条" in page


def test_publishing_before_the_review_has_passed_is_a_409(submitted, everyone, login):
    response = step(login(everyone["clerk"]), submitted, "publish")
    assert response.status_code == 409 and "不能「发布」" in response.content.decode()
    assert not PublicationItem.objects.published().exists()


def test_sending_back_without_a_reason_is_a_400_and_changes_nothing(submitted, everyone, login):
    response = step(login(everyone["head"]), submitted, "send_back", {"stage": 1, "reason": ""})
    assert response.status_code == 400 and "退回理由" in response.content.decode()
    assert PublicationItem.objects.get(pk=submitted.pk).state == "in_review"


@pytest.mark.parametrize("stage", ["", "二", "0"])
def test_a_missing_or_malformed_stage_is_a_400(submitted, everyone, login, stage):
    response = step(login(everyone["head"]), submitted, "approve", {"stage": stage})
    assert response.status_code == 400 and "请检查填写的内容" in response.content.decode()


def test_a_stage_out_of_order_is_a_409(submitted, everyone, login):
    response = step(login(everyone["city_reviewer"]), submitted, "approve", {"stage": 3})
    assert response.status_code == 409 and "等待前一审" in response.content.decode()
    assert submitted.current_reviews().get(stage=3).state == "queued"


def test_a_step_that_does_not_exist_is_a_404(submitted, everyone, login):
    assert login(everyone["head"]).post(f"/disclosure/items/{submitted.pk}/steps/delete/").status_code == 404


def test_a_step_is_posted_not_fetched(submitted, everyone, login):
    assert login(everyone["head"]).get(f"/disclosure/items/{submitted.pk}/steps/approve/").status_code == 405


def test_the_whole_way_through_the_pages_to_publication_and_withdrawal(submitted, everyone, login, client):
    for who, stage in (("head", 1), ("city_head", 2), ("city_reviewer", 3)):
        assert step(login(everyone[who]), submitted, "approve", {"stage": stage}).status_code == 302
    clerk = login(everyone["clerk"])
    assert step(clerk, submitted, "publish").status_code == 302
    assert step(clerk, submitted, "withdraw", {"reason": ""}).status_code == 400
    assert step(clerk, submitted, "withdraw", {"reason": "附件含个人信息"}).status_code == 302
    page = clerk.get(f"/disclosure/items/{submitted.pk}/").content.decode()
    assert "撤回：已发布 → 已撤回" in page and "理由：附件含个人信息" in page
    assert not PublicationItem.objects.published().exists()
    assert AuditEvent.objects.filter(kind="refused").count() == 0  # the 400 never reached the engine


# --- which review applies where -------------------------------------------------------------------


def test_the_configuration_page_says_which_review_applies_to_each_org(everyone, login):
    page = login(everyone["supervisor"]).get("/disclosure/items/review-config/").content.decode()
    assert "甲局" in page and "平台默认配置「默认三审」" in page and "设置本级审查环节" not in page


def test_an_administrator_sets_a_jurisdictions_stages(tree, everyone, login):
    data = {"org": tree["city"].pk, "name": "示例市两审制", "basis": "示府办〔2026〕1号"}
    data |= {"stages-TOTAL_FORMS": "5", "stages-INITIAL_FORMS": "0"}
    data |= {"stages-0-name": "单位负责人", "stages-0-role": "head", "stages-0-toward": "own"}
    data |= {"stages-1-name": "市保密办", "stages-1-role": "reviewer", "stages-1-toward": "parent"}
    response = login(everyone["admin"]).post("/disclosure/items/review-config/", data)
    assert response.status_code == 302
    assert ReviewConfig.objects.get().stages == [
        {"name": "单位负责人", "role": "head", "toward": "own"},
        {"name": "市保密办", "role": "reviewer", "toward": "parent"},
    ]
    page = login(everyone["clerk"]).get("/disclosure/items/").content.decode()
    assert "示例市人民政府的配置「示例市两审制」：单位负责人 → 市保密办" in page


def test_a_configuration_without_any_stage_is_a_400(tree, everyone, login):
    data = {"org": tree["city"].pk, "name": "空", "stages-TOTAL_FORMS": "5", "stages-INITIAL_FORMS": "0"}
    response = login(everyone["admin"]).post("/disclosure/items/review-config/", data)
    assert response.status_code == 400 and "至少设置一个审查环节" in response.content.decode()
    assert not ReviewConfig.objects.exists()


def test_someone_who_is_not_an_administrator_may_not_change_the_configuration(tree, everyone, login):
    response = login(everyone["supervisor"]).post(
        "/disclosure/items/review-config/", {"org": tree["city"].pk}
    )
    assert response.status_code == 403


def test_a_draft_sent_back_says_by_whom_and_why(submitted, everyone, login):
    services.send_back(submitted, everyone["head"], stage=1, reason="文号有误", on=FORMED)
    page = login(everyone["clerk"]).get(f"/disclosure/items/{submitted.pk}/").content.decode()
    assert "第一审（经办单位负责人）已退回修改" in page and "文号有误" in page


def test_the_reviewer_above_is_not_offered_the_units_clock_page_it_cannot_open(submitted, everyone, login):
    services.approve(submitted, everyone["head"], stage=1, on=FORMED)
    page = login(everyone["city_head"]).get(f"/disclosure/items/{submitted.pk}/").content.decode()
    assert "怎么算的" not in page and "正在等待" not in page  # its own step is shown instead
    assert "怎么算的" in login(everyone["clerk"]).get(f"/disclosure/items/{submitted.pk}/").content.decode()
