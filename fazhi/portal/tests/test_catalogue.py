"""The agency list, each agency's 公开指南 and 公开目录: only what was published, only its own."""

import pytest

from .conftest import publish


def test_the_home_page_lists_active_agencies_with_their_guide_and_catalogue(client, tree):
    tree["child"].is_active = False
    tree["child"].save()
    page = client.get("/open/").content.decode()
    assert "甲局" in page and "乙局" in page and "甲局下属中心" not in page
    assert "/open/SL-A/catalogue/" in page and "/open/SL-A/guide/" in page and "/open/SL-A/apply/" in page


def test_the_catalogue_shows_only_published_items_of_that_unit(client, tree):
    publish(tree["own"], "已发布的通知")
    publish(tree["own"], "草稿中的通知", state="draft")
    publish(tree["own"], "审查中的通知", state="in_review")
    publish(tree["own"], "已撤回的通知", state="withdrawn")
    publish(tree["sibling"], "乙局的通知")
    page = client.get("/open/SL-A/catalogue/").content.decode()
    assert "已发布的通知" in page
    for hidden in ("草稿中的通知", "审查中的通知", "已撤回的通知", "乙局的通知"):
        assert hidden not in page


def test_the_catalogue_filters_by_category_and_searches_titles(client, tree):
    publish(tree["own"], "教育收费通知", category="normative_document")
    publish(tree["own"], "部门预算", category="finance", document_number="")
    by_category = client.get("/open/SL-A/catalogue/", {"category": "finance"}).content.decode()
    assert "部门预算" in by_category and "教育收费通知" not in by_category
    searched = client.get("/open/SL-A/catalogue/", {"q": "收费"}).content.decode()
    assert "教育收费通知" in searched and "部门预算" not in searched
    assert "部门预算" in client.get("/open/SL-A/catalogue/", {"category": "nonsense"}).content.decode()


def test_the_catalogue_is_paged_twenty_at_a_time(client, tree):
    for n in range(25):
        publish(tree["own"], f"第{n:02d}号公告")
    first = client.get("/open/SL-A/catalogue/").content.decode()
    second = client.get("/open/SL-A/catalogue/", {"page": 2}).content.decode()
    assert "第 1 / 2 页，共 25 条" in first and "第24号公告" in first and "第05号公告" in first
    assert "第00号公告" in second and "第00号公告" not in first
    assert client.get("/open/SL-A/catalogue/", {"page": "x"}).status_code == 200


def test_an_item_shows_title_number_date_and_body_as_escaped_paragraphs(client, tree):
    item = publish(tree["own"], body="第一段<script>alert(1)</script>\n\n第二段")
    page = client.get(f"/open/SL-A/items/{item.pk}/").content.decode()
    assert item.title in page and "示甲〔2026〕3号" in page and "2026年3月5日" in page
    assert "<p>第一段&lt;script&gt;alert(1)&lt;/script&gt;</p>" in page and "<p>第二段</p>" in page


@pytest.mark.parametrize("state", ["draft", "in_review", "reviewed", "withdrawn"])
def test_an_item_not_published_is_not_found(client, tree, state):
    item = publish(tree["own"], state=state)
    response = client.get(f"/open/SL-A/items/{item.pk}/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_an_item_is_found_only_under_its_own_unit(client, tree):
    item = publish(tree["own"])
    assert client.get(f"/open/SL-B/items/{item.pk}/").status_code == 404
    assert client.get(f"/open/SL-A/items/{item.pk + 1000}/").status_code == 404


@pytest.mark.parametrize("page", ["guide", "catalogue", "apply"])
def test_unknown_and_inactive_agencies_have_no_pages(client, tree, page):
    tree["sibling"].is_active = False
    tree["sibling"].save()
    assert client.get(f"/open/NOPE/{page}/").status_code == 404
    assert client.get(f"/open/SL-B/{page}/").status_code == 404


def test_the_guide_explains_how_to_apply_what_it_costs_and_the_remedies(client, tree):
    page = client.get("/open/SL-A/guide/").content.decode()
    assert "甲局政府信息公开指南" in page
    for text in ("第二十九条", "名称、文号", "20个工作日内予以答复", "最长不超过20个工作日", "不收取费用"):
        assert text in page
    assert "行政复议" in page and "示例市人民政府" in page  # the body above 甲局
    assert "联系方式见本机关门户网站" in page.replace("和传真号码", "").replace(
        "办公地址、办公时间、联系电话", "联系方式"
    )
    assert "/open/SL-A/apply/" in page


def test_healthz_answers_ok_in_plain_text(client, db):
    response = client.get("/open/healthz/")
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
