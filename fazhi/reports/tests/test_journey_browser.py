"""The 2025 report of 示例市司法局 through a real browser, in the demo city: it drafts itself
from the year's records, the clerk writes and proposes it, the head approves and submits,
the 依法治市办 returns it once with comments, the unit revises (a new version; the submitted
one stays), resubmits, the superior accepts, the clerk publishes it, and the public reads
and downloads it from the portal as .docx and PDF."""

import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from fazhi.core.models import Membership, Org
from fazhi.core.tests.browser import PASSWORD, log_in, step
from fazhi.disclosure.models import DisclosureRequest
from fazhi.reports.models import LawReport
from fazhi.reports.procedure import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "一、主要举措和成效": "全面落实行政执法“三项制度”，全年开展行政执法案卷评查2次。",
    "二、存在的不足和原因": "基层法治工作力量不足，法律顾问作用发挥不充分。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况": "局主要负责人带头学法、述法。",
    "四、下一年度推进法治政府建设的主要安排": "深化行政复议体制改革，提升行政执法质量。",
    "五、其他需要报告的情况": "无。",
}


@pytest.fixture
def desk(browser, city):
    """司法局's clerk and head (the demo has none there), and a tab per person."""
    org = Org.objects.get(code="SL-SFJ")
    for username, role, name in (("sfj_clerk", "clerk", "吴经办"), ("sfj_head", "head", "郑局长")):
        user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=name)
        Membership.objects.create(user=user, org=org, role=role)
    contexts = []

    def open_as(username):
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        tab = context.new_page()
        if username:
            log_in(tab, city, username)
        return tab

    yield open_as
    for context in contexts:
        context.close()


def write(tab, **changes):
    for label, text in (TEXT | changes).items():
        tab.locator("#narrative").get_by_label(label, exact=True).fill(text)
    tab.locator("#narrative").get_by_role("button", name="保存").click()
    expect(tab.get_by_role("status").first).to_contain_text("已保存")


def test_the_2025_report_from_draft_to_the_portal(desk, city, tmp_path):
    clerk = desk("sfj_clerk")
    clerk.goto(f"{city}/reports/?year=2025")
    row = clerk.get_by_role("row").filter(has_text="示例市司法局")
    row.get_by_role("button", name="起草").click()
    expect(clerk.get_by_role("heading", level=1)).to_have_text("示例市司法局2025年法治政府建设年度报告")

    # the draft says what the records say, and each figure opens its records
    received = DisclosureRequest.objects.filter(org__code="SL-SFJ", received_on__year=2025).count()
    assert received > 0
    paper = clerk.get_by_label("报告正文")
    expect(paper).to_contain_text(f"全年新收政府信息公开申请{received}件")
    paper.locator("p.drawn a.fig").filter(has_text=f"{received}件").first.click()
    expect(clerk.locator("table tbody tr")).to_have_count(received)
    clerk.go_back()

    write(clerk)
    step(clerk, "propose", "提请审定")
    head = desk("sfj_head")
    head.goto(clerk.url)
    step(head, "approve", "审定")
    step(head, "submit", "报送")

    supervisor = desk("supervisor")
    supervisor.goto(clerk.url)
    expect(supervisor.locator(".stepper [aria-current=step]")).to_have_text("已报送")
    step(supervisor, "return", "退回", 意见="请补充行政复议纠错情况。")

    clerk.reload()
    expect(clerk.get_by_role("note")).to_contain_text("请补充行政复议纠错情况。")
    expect(clerk.locator("#narrative")).to_contain_text("保存后将生成第2版")
    write(clerk, **{"一、主要举措和成效": TEXT["一、主要举措和成效"] + "全年行政复议纠错3件。"})
    step(clerk, "propose", "提请审定")
    head.reload()
    step(head, "approve", "审定")
    step(head, "submit", "报送")
    supervisor.reload()
    step(supervisor, "accept", "接收")
    clerk.reload()
    step(clerk, "publish", "公开")

    report = LawReport.objects.get(org__code="SL-SFJ", year=2025)
    assert report.state == State.PUBLISHED and report.approved_version == 2
    assert "纠错3件" not in report.versions.get(number=1).narrative("measures")  # the first text stays

    public = desk(None)
    public.goto(f"{city}/open/reports/")
    public.get_by_role("link", name="示例市司法局2025年法治政府建设年度报告").click()
    expect(public.locator("article")).to_contain_text("全年行政复议纠错3件。")
    expect(public.locator("article")).to_contain_text(f"全年新收政府信息公开申请{received}件")
    with public.expect_download() as word:
        public.get_by_role("link", name="Word").click()
    docx = tmp_path / "report.docx"
    word.value.save_as(docx)
    assert docx.read_bytes()[:2] == b"PK"
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF download cannot be checked here")
    with public.expect_download() as pdf:
        public.get_by_role("link", name="PDF").click()
    out = tmp_path / "report.pdf"
    pdf.value.save_as(out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())  # pdftotext spaces digits from Chinese and breaks lines
    assert "示例市司法局2025年法治政府建设年度报告" in flat and "全年行政复议纠错3件" in flat
    assert f"全年新收政府信息公开申请{received}件" in flat
