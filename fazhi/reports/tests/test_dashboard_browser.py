"""The dashboard of the demo city in a real browser: the charts draw, a number opens its records.

Debian's Chromium through Playwright, as in fazhi/core/tests/test_browser.py: one browser per
module, a fresh context per test, the demo city loaded into the live server's database.
"""

import re

import pytest
from playwright.sync_api import expect

from fazhi.core.tests.browser import log_in, watched_tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = ("trend", "lights", "reports", "indicators")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(10_000)
    yield watched_tab(context)
    context.close()


def test_the_supervisor_sees_the_charts_and_follows_a_number_to_its_records(city, page):
    log_in(page, city, "supervisor")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="数据看板").click()
    expect(page.get_by_role("heading", name="数据看板")).to_be_visible()

    for name in CHARTS:
        expect(page.locator(f'.chart[data-chart="{name}"] canvas').first).to_be_visible()
    units = page.get_by_role("region", name="下属单位")
    expect(units.locator("tbody tr", has_text="示例市教育局")).to_have_count(1)

    total = units.locator("tbody tr.row-total td.figure a").first  # 新收公开申请, the whole city
    count = int(total.inner_text())
    assert count > 0  # the demo's 教育局 received requests this year
    total.click()
    expect(page).to_have_url(re.compile(r"/dashboard/records/\?key=disclosure\.requests_received&org=SL&"))
    expect(page.get_by_role("heading", name="本年新收政府信息公开申请数量")).to_be_visible()
    expect(page.locator(".record-count")).to_have_text(str(count))
    expect(page.locator("table.records tbody tr")).to_have_count(min(count, 30))
    assert page.errors == []


def test_the_clerk_sees_the_own_unit_without_the_table_of_units(city, page):
    log_in(page, city, "clerk")
    page.goto(f"{city}/dashboard/")
    expect(page.locator(".dash-filters select[name=org] option")).to_have_count(1)
    expect(page.get_by_role("region", name="下属单位")).to_have_count(0)
    expect(page.locator('.chart[data-chart="trend"] canvas').first).to_be_visible()
    page.goto(f"{city}/dashboard/?org=SL-HPZ")
    expect(page.get_by_role("heading", name="没有权限")).to_be_visible()
    assert page.errors == [] or all("403" in e for e in page.errors)
