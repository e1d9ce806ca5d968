"""A member of the public applies on the portal and follows the request to its reply, while
the agency's staff register, correct, extend, answer and deliver it — all in a real browser.

Everything happens today, as it would: the portal records today as the day of receipt, so
the expected due dates come from the calendar (and may be 到期日待定 late in December).
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.core import workdays

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(browser):
    contexts = []

    def new_tab(username=None, base=""):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if username:
            page.goto(f"{base}/login/")
            page.get_by_label("用户名").fill(username)
            page.get_by_label("密码").fill("fazhi-demo")
            page.get_by_role("button", name="登录").click()
            expect(page).to_have_url(f"{base}/home/")
        return page

    yield new_tab
    for context in contexts:
        context.close()


def apply_on_the_portal(public, city) -> str:
    public.goto(f"{city}/open/SL-JYJ/apply/")
    public.get_by_label("姓名或名称").fill("吴晓燕")
    public.get_by_label("身份证明号码").fill("11010519491231002X")
    public.get_by_label("联系电话").fill("13912345678")
    public.get_by_label("所需政府信息的描述").fill("示例市2025年义务教育阶段学校课后服务收费标准<script>")
    public.get_by_role("button", name="提交申请").click()
    code = public.locator("strong.code").inner_text().replace(" ", "")
    assert re.fullmatch(r"[0-9A-Z]{12}", code)
    return code


def track(public, city, code) -> None:
    public.goto(f"{city}/open/track/?code={code.lower()}")


def step(page, key, label, **fields):
    form = page.locator(f"#step-{key}")
    for name, value in fields.items():
        form.get_by_label(name, exact=True).fill(value)
    form.get_by_role("button", name=label).click()
    expect(page.get_by_role("status")).to_contain_text(f"已{label}")


def test_a_portal_application_is_corrected_extended_answered_and_tracked(tab, city):
    today = timezone.localdate()
    public = tab()
    code = apply_on_the_portal(public, city)
    expect(public.locator("main")).to_contain_text("示教依申〔")
    expect(public.locator("main")).not_to_contain_text("吴晓燕")  # masked: 吴*燕

    clerk = tab("clerk", city)
    clerk.goto(f"{city}/disclosure/requests/")
    clerk.locator("tbody tr", has_text="课后服务收费标准").get_by_role("link").first.click()
    request_url = clerk.url
    expect(clerk.locator("main")).to_contain_text("吴晓燕")  # the agency sees who applied
    step(
        clerk,
        "request_correction",
        "通知补正",
        需要补正的事项="请说明所需的是公办学校还是全部学校。",
        补正期限=(today + _days(10)).isoformat(),
    )
    track(public, city, code)
    expect(public.locator("main")).to_contain_text("待补正")
    expect(public.locator("main")).to_contain_text("请说明所需的是公办学校还是全部学校")

    clerk.goto(request_url)
    step(clerk, "correction_received", "补正收到")
    head = tab("head", city)
    head.goto(request_url)
    step(head, "extend", "延期答复", 延期理由="需汇总各区县学校的收费文件。")
    due = _reply_due(today)
    if due is not None:  # late in December next year's holidays may still be unknown
        expect(head.locator("#reply-due")).to_contain_text(f"{due.year}年{due.month}月{due.day}日")

    clerk.goto(request_url)
    clerk.locator("#step-propose_reply").get_by_label("处理结果").select_option("grant")
    clerk.locator("#step-propose_reply").get_by_role("button", name="拟定答复").click()
    track(public, city, code)
    expect(public.locator("main")).not_to_contain_text("予以公开")  # nothing before it is signed

    head.goto(request_url)
    step(head, "sign", "签发答复")
    clerk.goto(request_url)
    step(clerk, "deliver", "送达")
    track(public, city, code)
    main = public.locator("main")
    expect(main).to_contain_text("予以公开")
    expect(main).to_contain_text("《中华人民共和国政府信息公开条例》第三十六条")
    expect(main).not_to_contain_text("13912345678")
    expect(main).to_contain_text("课后服务收费标准<script>")  # shown as text, never run


def _days(n):
    import datetime

    return datetime.timedelta(days=n)


def _reply_due(today):
    """20 working days after the correction arrived today, plus the 20 of the extension."""
    try:
        return workdays.add_workdays(today, 40)
    except workdays.CalendarUnknown:
        return None
