"""A decision of the demo city's 教育局 through a real browser: 提请集体讨论 is refused, citing
第二十五条, while its 合法性审查 is missing; the clerk records the review (with its reviewer),
the draft is tabled, and the head records the 集体讨论决定. The public sees the open
consultation on the portal without the commenter's name."""

import datetime

import pytest
from playwright.sync_api import expect

from fazhi.decisions.models import Decision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "fazhi-demo"
BLOCKED = "示例市义务教育阶段学校招生入学办法"


@pytest.fixture
def open_as(browser, city):
    contexts = []

    def open_tab(username=None):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        tab = context.new_page()
        if username:
            tab.goto(f"{city}/login/")
            tab.get_by_label("用户名").fill(username)
            tab.get_by_label("密码").fill(PASSWORD)
            tab.get_by_role("button", name="登录").click()
            expect(tab).to_have_url(f"{city}/home/")
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def test_a_decision_is_refused_collective_discussion_until_its_gates_are_passed(open_as, city):
    decision = Decision.objects.get(title=BLOCKED)
    clerk = open_as("clerk")
    clerk.goto(f"{city}/decisions/")
    clerk.get_by_role("link", name=f"{datetime.date.today().year}年度").first.click()
    clerk.get_by_role("link", name=BLOCKED).click()
    expect(clerk.locator("#gates-status")).to_contain_text("尚不能提请集体讨论")
    expect(clerk.locator("#gates-status")).to_contain_text("第二十五条")

    clerk.locator("#step-table").get_by_role("button", name="提请集体讨论").click()
    refusal = clerk.get_by_role("status").first
    expect(refusal).to_contain_text("不得提交决策机关讨论")
    expect(refusal).to_contain_text("《重大行政决策程序暂行条例》第二十五条")
    assert Decision.objects.get(pk=decision.pk).state == "drafting"

    gate = clerk.locator("#gate-legality")
    gate.get_by_text("记录合法性审查").click()
    gate.get_by_label("审查人", exact=True).fill("赵审核")
    gate.get_by_label("审查机构", exact=True).fill("示例市司法局")
    today = datetime.date.today()
    gate.get_by_label("送审日期", exact=True).fill((today - datetime.timedelta(days=21)).isoformat())
    gate.get_by_label("出具审查意见日期", exact=True).fill(today.isoformat())
    gate.get_by_label("审查结论", exact=True).select_option("lawful")
    gate.get_by_label("审查意见", exact=True).fill("符合法律法规规定，合法。")
    gate.get_by_role("button", name="保存合法性审查记录").click()
    expect(clerk.get_by_role("status").first).to_contain_text("已记录合法性审查")
    expect(clerk.locator("#gates-status")).to_contain_text("可以提请集体讨论")

    clerk.locator("#step-table").get_by_role("button", name="提请集体讨论").click()
    expect(clerk.get_by_role("status").first).to_contain_text("已提请集体讨论")

    head = open_as("head")
    head.goto(f"{city}/decisions/{decision.pk}/")
    form = head.locator("#step-decide")
    form.get_by_label("会议日期", exact=True).fill(today.isoformat())
    form.get_by_label("会议类型", exact=True).select_option("executive")
    form.get_by_label("讨论情况（含不同意见）", exact=True).fill(
        "会议组成人员充分发表意见；局长最后发表意见，同意通过。"
    )
    form.get_by_role("button", name="集体讨论决定").click()
    expect(head.get_by_role("status").first).to_contain_text("已集体讨论决定")
    assert Decision.objects.get(pk=decision.pk).state == "decided"


def test_the_public_reads_the_open_consultation_without_the_commenters_name(open_as, city):
    visitor = open_as()
    visitor.goto(f"{city}/open/consultations/")
    visitor.get_by_role("link", name="示例市中小学课后服务收费标准调整方案（征求意见稿）").click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("课后服务收费标准")
    expect(visitor.locator("main")).not_to_contain_text("张三")
    visitor.get_by_label("意见内容").fill("<script>alert(1)</script>建议分档收费。")
    visitor.get_by_role("button", name="提交意见").click()
    expect(visitor.get_by_role("status").first).to_contain_text("意见已提交")
