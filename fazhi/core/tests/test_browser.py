"""The demo city through a real browser: what a clerk and a supervisor see and do.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright; one browser per module and a
fresh context (cookies) per test. The live server needs committed data, so these tests are
transactional: each loads the demo city (through the real services) and Django flushes the
database afterwards (fazhi's flush keeps the audit guard and the calendar; see
fazhi/core/management/commands/flush.py).
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "fazhi-demo"

# The demo's 督办事项 (fazhi/supervision/demo.py).
RED_JYJ = "落实行政规范性文件合法性审核全覆盖"  # 教育局, due 6 days ago, 办理中
YELLOW_JYJ = "整改行政执法案卷评查发现的问题"  # 教育局, due in 2 days, 办理中
ASSIGNED_JYJ = "完善重大行政决策事项目录"  # 教育局, 已交办: waits for 签收
RED_HPZ = "规范镇级政务公开栏目设置"  # 和平镇, another unit
UNIT_ITEMS = re.compile("^本单位(其他)?在办事项$")  # the home page's list of the unit's items


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def lit_in(code: str, light: str) -> int:
    """How many clocks of one unit show `light` today, as the database has them."""
    from django.utils import timezone

    from fazhi.core import clocks
    from fazhi.core.models import Org

    return clocks.listing(Org.objects.filter(code=code), light, timezone.localdate()).count()


def log_in(page, base, username, password=PASSWORD):
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def region(page, name):
    return page.get_by_role("region", name=name)


def row(where, text):
    return where.locator("tbody tr", has_text=text)


def test_clerk_sees_own_units_items_with_their_lights_and_no_other_units(city, page):
    log_in(page, city, "clerk")
    expect(page).to_have_url(f"{city}/home/")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.locator("header")).to_contain_text("李经办")

    unit = region(page, UNIT_ITEMS)
    red, yellow = row(unit, RED_JYJ), row(unit, YELLOW_JYJ)
    expect(red.locator(".light-red")).to_have_text("超期")
    expect(yellow.locator(".light-yellow")).to_have_text("临期")
    expect(red).to_contain_text("示例市教育局")
    # The item waiting for the clerk's 签收 is a to-do of theirs.
    expect(row(region(page, "我的待办"), ASSIGNED_JYJ)).to_have_count(1)

    main = page.locator("main")
    expect(main).not_to_contain_text(RED_HPZ)
    expect(main).not_to_contain_text("和平镇")
    expect(region(page, "下属单位期限灯")).to_have_count(0)  # a clerk supervises nobody

    # The page is styled (static files served): the top bar wears the brand colour.
    expect(page.locator("header.topbar")).to_have_css("background-color", "rgb(29, 78, 137)")


def test_supervisor_follows_the_red_count_of_a_unit_to_its_clocks(city, page):
    log_in(page, city, "supervisor")
    expect(page).to_have_url(f"{city}/home/")
    lights = region(page, "下属单位期限灯")
    expect(lights.get_by_role("heading", name="下属单位期限灯")).to_be_visible()

    red, yellow = lit_in("SL-JYJ", "red"), lit_in("SL-JYJ", "yellow")
    assert red >= 1 and yellow >= 1  # the demo's 督办 items alone give one of each
    jyj = row(lights, "示例市教育局")
    expect(jyj.locator("a.count.red")).to_have_text(str(red))
    expect(jyj.locator("a.count.yellow")).to_have_text(str(yellow))
    town_red = lit_in("SL-HPZ", "red")  # its 督办 items and its report's publication clock
    expect(row(lights, "示例市和平镇人民政府").locator("a.count.red")).to_have_text(str(town_red))

    jyj.locator("a.count.red").click()
    expect(page).to_have_url(re.compile(r"/clocks/\?light=red&org=SL-JYJ$"))
    expect(page.get_by_role("heading", name="期限预警")).to_be_visible()
    clocks = page.locator("main table tbody tr")
    expect(clocks).to_have_count(red)
    expect(clocks.first.locator(".light-red")).to_have_text("超期")
    expect(clocks.first).to_contain_text("示例市教育局")
    expect(page.locator("main table")).not_to_contain_text("和平镇")

    # Behind the clock: the 督办事项, and how its due date came about.
    supervised = row(page.locator("main table"), RED_JYJ)
    supervised.get_by_role("link", name=RED_JYJ).click()
    expect(page.get_by_role("heading", name=RED_JYJ)).to_be_visible()
    page.go_back()
    supervised.get_by_role("link", name="怎么算的").click()
    expect(page.get_by_role("heading", name="期限计算说明")).to_be_visible()
    expect(page.locator("main")).to_contain_text("督办事项办理期限")


def test_a_wrong_password_is_refused_in_chinese(city, page):
    log_in(page, city, "clerk", password="not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")
    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.get_by_label("用户名")).to_have_value("clerk")
    expect(page.locator("header")).not_to_contain_text("退出登录")


def test_clerk_signs_for_an_assigned_item_and_sees_it_in_handling(city, page):
    log_in(page, city, "clerk")
    expect(page).to_have_url(f"{city}/home/")
    region(page, "我的待办").get_by_role("link", name=ASSIGNED_JYJ).click()
    expect(page.get_by_role("heading", name=ASSIGNED_JYJ)).to_be_visible()
    expect(page.locator('[aria-current="step"]')).to_have_text("已交办")

    step = page.locator("form#step-accept")
    expect(step).to_contain_text("承办单位确认收到督办事项")
    step.get_by_role("button", name="签收").click()

    expect(page.get_by_role("status")).to_contain_text("已签收")
    expect(page.locator('[aria-current="step"]')).to_have_text("办理中")
    expect(page.locator(".head-meta .state")).to_have_text("办理中")
    expect(page.locator("form#step-accept")).to_have_count(0)  # done: no second 签收
    latest = page.locator("ol.timeline li").last
    expect(latest).to_contain_text("签收：已交办 → 办理中")
    expect(latest).to_contain_text("李经办")

    # On the home page the item is no longer the clerk's to-do, but still the unit's.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="工作台").click()
    expect(row(region(page, "我的待办"), ASSIGNED_JYJ)).to_have_count(0)
    expect(row(region(page, UNIT_ITEMS), ASSIGNED_JYJ)).to_contain_text("办理中")
