"""The supervisor's screen in a real browser (Debian's Chromium through Playwright, as in
fazhi/reports/tests/test_dashboard_browser.py): two seed reports uploaded at once, one opened,
a marked figure clicked, corrected, and the correction seen in the comparison."""

import re

import pytest
from playwright.sync_api import expect

from fazhi.core.tests.browser import log_in, watched_tab

from .conftest import SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="zh-CN")
    context.set_default_timeout(10_000)
    yield watched_tab(context)
    context.close()


def test_the_supervisor_uploads_two_reports_corrects_a_figure_and_compares(city, page):
    log_in(page, city, "supervisor")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="年报导入").click()
    expect(page.get_by_role("heading", name="年报导入", exact=True)).to_be_visible()

    files = [next(SEEDS.glob(f"{n}_*.txt")) for n in ("001", "002")]
    page.get_by_label("年度报告文件").set_input_files(files)
    page.get_by_role("button", name="上传并导入").click()
    expect(page.locator(".messages li.success")).to_have_count(2)
    rows = page.locator("table.imp-reports tbody tr")
    expect(rows).to_have_count(2)

    rows.filter(has_text="城口县人民政府办公室").get_by_role("link", name="城口县人民政府办公室").click()
    expect(page.get_by_role("heading", name=re.compile("城口县人民政府办公室"))).to_be_visible()
    mark = page.locator("mark.fig", has_text="常务会议20次")
    mark.click()
    detail = page.locator(".fig-detail:not([hidden])")
    expect(detail.get_by_role("heading", name="政府常务会议")).to_be_visible()
    expect(detail.locator(".fig-quote")).to_have_text("常务会议20次")
    expect(detail.locator("code")).to_have_text("meetings.executive")
    expect(mark).to_have_class(re.compile(r"\bon\b"))

    detail.get_by_label("更正后的数值（次）").fill("21")
    detail.get_by_label("更正理由").fill("核对会议纪要，全年为21次")
    detail.get_by_role("button", name="保存更正").click()
    expect(page.locator(".messages li.success")).to_contain_text("20 → 21次")
    shown = page.locator(".fig-detail:not([hidden])")
    expect(shown.locator(".fig-value")).to_contain_text("21")
    expect(shown.locator("s")).to_have_text("20次")
    expect(page.locator("mark.fig.corrected", has_text="常务会议20次")).to_have_count(1)
    expect(page.locator(".timeline")).to_contain_text("更正数字：政府常务会议 20 → 21次")

    page.get_by_role("link", name="指标对比").click()
    expect(page.get_by_role("heading", name="指标对比")).to_be_visible()
    meetings = page.locator("table.imp-compare tbody tr", has_text="meetings.executive")
    expect(meetings.locator("a.corrected")).to_have_text("21")
    expect(meetings.locator("sup.corr")).to_have_text("更正")
    expect(page.locator("table.imp-compare thead th.report-col")).to_have_count(1)  # 2022 only
    page.get_by_role("link", name="全部").click()
    expect(page.locator("table.imp-compare thead th.report-col")).to_have_count(2)
    meetings.locator("a.corrected").click()
    expect(page.locator("mark.fig.on")).to_have_text("常务会议20次")
    assert page.errors == []
