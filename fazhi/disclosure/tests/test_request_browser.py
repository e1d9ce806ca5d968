"""A walk-in request through a real browser, from the clerk's desk to delivery.

The clerk of 示例市教育局 registers a request handed in on Monday 2026-03-02 (due 2026-03-30),
asks for a correction, records it as received on 2026-03-20 (the 20 working days count again:
due 2026-04-20, 清明 skipped), the head extends by 20 working days (due 2026-05-20: 劳动节
skipped, Saturday 05-09 worked), the clerk proposes 部分公开, the head signs and the clerk
delivers. Dates are in the past, so the steps are recorded as paper arrives later.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "fazhi-demo"
OGI = "《中华人民共和国政府信息公开条例》"


@pytest.fixture
def desk(browser, city):
    """A logged-in tab per person, each with its own cookies."""
    contexts = []

    def open_as(username):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        context.set_default_timeout(10_000)
        contexts.append(context)
        tab = context.new_page()
        tab.goto(f"{city}/login/")
        tab.get_by_label("用户名").fill(username)
        tab.get_by_label("密码").fill(PASSWORD)
        tab.get_by_role("button", name="登录").click()
        expect(tab).to_have_url(f"{city}/home/")
        return tab

    yield open_as
    for context in contexts:
        context.close()


def state_of(tab):
    return tab.locator('.stepper [aria-current="step"]')


def reply_due(tab):
    return tab.locator("#reply-due")


def do_step(tab, key, label, **fields):
    form = tab.locator(f"#step-{key}")
    for field_label, value in fields.items():
        form.get_by_label(field_label, exact=True).fill(value)
    form.get_by_role("button", name=label).click()
    expect(tab.get_by_role("status")).to_contain_text(f"已{label}")


def register_walk_in(tab, city):
    tab.goto(f"{city}/disclosure/requests/")
    tab.get_by_role("link", name="＋ 登记申请").click()
    expect(tab.get_by_role("heading", name="登记政府信息公开申请")).to_be_visible()
    tab.get_by_label("申请方式").select_option(label="当面")
    tab.get_by_label("收到日期").fill("2026-03-02")
    tab.get_by_role("textbox", name="申请人", exact=True).fill("钱多多")
    tab.get_by_label("联系电话").fill("13900000000")
    tab.get_by_label("申请内容").fill("2025年本区学校食堂食品安全抽检结果")
    tab.get_by_role("button", name="登记").click()
    expect(tab.get_by_role("status")).to_contain_text("已登记申请")


def test_a_walk_in_request_from_registration_to_delivery(desk, city):
    clerk = desk("clerk")
    register_walk_in(clerk, city)
    request_url = clerk.url
    expect(clerk.get_by_role("heading", level=1)).to_have_text(re.compile(r"^示教依申〔2026〕\d+号$"))
    expect(state_of(clerk)).to_have_text("已登记")
    expect(reply_due(clerk)).to_contain_text("2026年3月30日")

    do_step(
        clerk,
        "request_correction",
        "通知补正",
        需要补正的事项="请写明所需抽检结果的学校范围和时间段。",
        补正期限="2026-03-20",
        告知日期="2026-03-04",
    )
    expect(state_of(clerk)).to_have_text("待补正")
    expect(reply_due(clerk)).to_contain_text("暂停计时")

    do_step(clerk, "correction_received", "补正收到", 收到补正日期="2026-03-20")
    expect(state_of(clerk)).to_have_text("办理中")
    expect(reply_due(clerk)).to_contain_text("2026年4月20日")  # counted again from 03-20

    head = desk("head")
    head.goto(request_url)
    do_step(head, "extend", "延期答复", 延期理由="需向多所学校调取抽检记录并逐件核对。")
    expect(reply_due(head)).to_contain_text("2026年5月20日")  # + 20 working days
    expect(head.locator("table")).to_contain_text("已延长20个工作日")

    clerk.goto(request_url)
    proposal = clerk.locator("#step-propose_reply")
    proposal.get_by_label("处理结果").select_option("partial")
    expect(proposal.locator("#letter-preview")).to_contain_text(f"{OGI}第三十七条")  # htmx preview
    proposal.get_by_role("button", name="拟定答复").click()
    expect(state_of(clerk)).to_have_text("待签发")
    letter = clerk.get_by_role("region", name="答复书")
    expect(letter).to_contain_text(f"依据：{OGI}第三十七条。")
    expect(letter).to_contain_text("应当自收到本答复之日起六十日内先向示例市人民政府申请行政复议")

    head.goto(request_url)
    do_step(head, "sign", "签发答复")
    expect(state_of(head)).to_have_text("已答复")

    clerk.goto(request_url)
    expect(clerk.locator("#step-deliver").get_by_label("送达方式")).to_have_value("in_person")
    do_step(clerk, "deliver", "送达")
    expect(state_of(clerk)).to_have_text("已送达")
    timeline = clerk.locator("ol.timeline")
    expect(timeline).to_contain_text("延期答复：办理中 → 办理中")
    expect(timeline).to_contain_text("张局长")

    clerk.goto(f"{city}/disclosure/requests/?state=delivered")
    expect(clerk.locator("tbody tr", has_text="钱多多")).to_contain_text("已送达")
