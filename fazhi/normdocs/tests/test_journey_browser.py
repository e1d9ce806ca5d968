"""A 规范性文件 through a real browser, in the demo city: the 教育局 clerk proposes it, drafts it
and puts it out for comment; after the period the 司法局 reviewer gives the legality opinion;
the head has it decided; the clerk has it registered, numbered, published and filed; the
public finds it in the portal's library by a two-character word. Where the law wants days to
pass (30 days of comment, 5 working days of review), the test moves the recorded dates back."""

import datetime

import pytest
from playwright.sync_api import expect

from fazhi.core.models import Consultation
from fazhi.core.tests.browser import log_in, step
from fazhi.normdocs.models import Document, LegalityReview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "示例市教育行政复议听证办法"


@pytest.fixture
def open_as(browser, city):
    contexts = []

    def login(username):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        tab = context.new_page()
        if username:
            log_in(tab, city, username)
        return tab

    yield login
    for context in contexts:
        context.close()


def days_pass(doc, days):
    """The comment period and the review time elapse: the recorded dates move back."""
    back = datetime.timedelta(days=days)
    Document.objects.filter(pk=doc.pk).update(
        consult_opens_on=doc.consult_opens_on - back, consult_closes_on=doc.consult_closes_on - back
    )
    Consultation.objects.filter(subject_type="normdocs.document", subject_id=doc.pk).update(
        opens_on=doc.consult_opens_on - back, closes_on=doc.consult_closes_on - back
    )
    LegalityReview.objects.filter(document=doc).update(submitted_on=datetime.date.today() - back)


def test_a_document_from_proposal_to_filing_and_found_by_the_public(open_as, city):
    clerk = open_as("clerk")
    clerk.goto(f"{city}/normdocs/new/")
    clerk.get_by_label("文件名称").fill(TITLE)
    clerk.get_by_label("制定依据").fill("《中华人民共和国行政复议法》")
    clerk.get_by_label("正文", exact=True).fill(
        "第一条 为规范教育行政复议听证，制定本办法。\n第二条 申请人应当提交申请书。"
    )
    clerk.get_by_role("button", name="立项").click()
    expect(clerk.get_by_role("heading", level=1)).to_have_text(TITLE)
    step(clerk, "draft", "起草")
    today = datetime.date.today()
    step(
        clerk, "consult", "公开征求意见",
        征求意见开始日期=today.isoformat(),
        征求意见截止日期=(today + datetime.timedelta(days=30)).isoformat(),
    )  # fmt: skip
    doc = Document.objects.get(title=TITLE)
    days_pass(doc, 40)
    clerk.reload()
    step(clerk, "submit_review", "提请合法性审核", 意见采纳情况="征求意见期间未收到意见。")
    step(clerk, "fair_competition", "公平竞争审查", 审查结论="未发现排除、限制竞争的内容。")
    days_pass(Document.objects.get(pk=doc.pk), 14)

    reviewer = open_as("reviewer")
    reviewer.goto(f"{city}/normdocs/reviews/")
    reviewer.get_by_role("link", name=TITLE).click()
    reviewer.get_by_label("审核结论").select_option(label="同意")
    reviewer.get_by_label("审核意见").fill("制定主体、权限、程序合法，同意出台。")
    reviewer.get_by_role("button", name="出具审核意见").click()
    expect(reviewer.get_by_role("status").first).to_contain_text("已出具审核意见")

    head = open_as("head")
    head.goto(f"{city}/normdocs/{doc.pk}/")
    step(head, "decide", "集体讨论决定", 会议名称及日期="局务会议（2026年第9次）")

    clerk.reload()
    step(clerk, "issue", "统一登记、编号、印发")
    number = Document.objects.get(pk=doc.pk).number
    expect(clerk.locator(".head-meta")).to_contain_text(number)
    step(clerk, "publish", "公布", 施行日期=today.isoformat(), 政策解读="明确听证的范围和程序。")
    expect(clerk.locator(".kv")).to_contain_text("未报送")
    step(clerk, "file", "报送备案", 备案机关="示例市人民政府")
    assert Document.objects.get(pk=doc.pk).filed_on == today

    public = open_as(None)
    public.goto(f"{city}/open/normdocs/")
    public.get_by_label("关键词").fill("听证")
    public.get_by_role("button", name="检索").click()
    public.get_by_role("link", name=TITLE).click()
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(public.locator(".kv")).to_contain_text(number)
    expect(public.locator("svg").first).to_be_visible()
    public.screenshot(path="var/normdocs-public.png", full_page=True)
