"""The staff screens: bad input gives a Chinese message, never an error page; access is the core's."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.normdocs.models import Document

from .conftest import BASIS, D

pytestmark = pytest.mark.django_db


def _post_new(client, tree, **extra):
    data = {
        "org": tree["own"].pk,
        "title": "示例办法",
        "legal_basis": BASIS,
        "text": "第一条",
        "market_related": "on",
    }
    return client.post("/normdocs/new/", data | extra)


def test_a_clerk_proposes_a_document(login, people, tree):
    response = _post_new(login(people["clerk"]), tree)
    assert response.status_code == 302
    assert Document.objects.get().state == "proposed"


def test_an_empty_legal_basis_is_refused_in_chinese(login, people, tree):
    response = _post_new(login(people["clerk"]), tree, legal_basis="")
    assert response.status_code == 400
    assert "制定依据不能为空" in response.content.decode()
    assert not Document.objects.exists()


def test_an_upload_that_is_not_word_or_text_is_refused(login, people, tree):
    fake = SimpleUploadedFile("a.docx", b"%PDF-1.4 not a word file")
    response = _post_new(login(people["clerk"]), tree, upload=fake)
    assert response.status_code == 400 and "文件内容与扩展名不符" in response.content.decode()
    exe = SimpleUploadedFile("a.exe", b"MZ")
    response = _post_new(login(people["clerk"]), tree, upload=exe)
    assert "只能上传" in response.content.decode()


def test_an_oversized_upload_is_refused(login, people, tree):
    big = SimpleUploadedFile("a.txt", b"x" * (10 * 1024 * 1024 + 1))
    response = _post_new(login(people["clerk"]), tree, upload=big)
    assert response.status_code == 400 and "超过10MB" in response.content.decode()
    assert not Document.objects.exists()


def test_a_docx_upload_becomes_the_text(login, people, tree):
    from docx import Document as Docx

    buffer = io.BytesIO()
    word = Docx()
    word.add_paragraph("第一条 申请人应当提交其他材料。")
    word.save(buffer)
    upload = SimpleUploadedFile("办法.docx", buffer.getvalue())
    assert _post_new(login(people["clerk"]), tree, upload=upload).status_code == 302
    assert "其他材料" in Document.objects.get().text


def test_a_pdf_upload_becomes_the_text_and_a_scan_is_refused(login, people, tree):
    import pypdf

    from fazhi.core.tests.files import tiny_pdf

    upload = SimpleUploadedFile("办法.pdf", tiny_pdf(["第一条 申请人应当提交相关证明。"]))
    assert _post_new(login(people["clerk"]), tree, upload=upload).status_code == 302
    assert "相关证明" in Document.objects.get().text
    scan = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)  # a page without a text layer, as a scan has
    writer.write(scan)
    response = _post_new(
        login(people["clerk"]), tree, upload=SimpleUploadedFile("扫描件.pdf", scan.getvalue())
    )
    assert response.status_code == 400 and "没有文字层" in response.content.decode()
    html = SimpleUploadedFile("a.pdf", b"<html><script>alert(1)</script></html>")
    response = _post_new(login(people["clerk"]), tree, upload=html)
    assert response.status_code == 400 and "文件内容与扩展名不符" in response.content.decode()
    assert Document.objects.count() == 1


def test_the_text_check_is_shown_with_positions(login, people, walk):
    doc = walk("draft")
    page = login(people["clerk"]).get(f"/normdocs/{doc.pk}/").content.decode()
    start = doc.text.index("其他材料")
    assert f"{start}–{start + 4}" in page and "兜底条款" in page


def test_issuing_a_number_without_the_gates_is_a_chinese_refusal(login, people, walk):
    doc = walk("consult")
    response = login(people["clerk"]).post(f"/normdocs/{doc.pk}/steps/issue/")
    assert response.status_code == 409 and "不能「统一登记、编号、印发」" in response.content.decode()


def test_a_step_with_bad_dates_is_a_message(login, people, walk):
    doc = walk("draft")
    response = login(people["clerk"]).post(
        f"/normdocs/{doc.pk}/steps/consult/", {"consult-opens_on": "2026-03-10", "consult-closes_on": "bad"}
    )
    assert response.status_code == 400 and "请检查填写的内容" in response.content.decode()


def test_the_reviewer_rules_on_each_finding(login, walk, legal_reviewer):
    doc = walk("fair_competition")
    review = doc.reviews.get()
    client = login(legal_reviewer)
    assert "其他材料" in client.get(f"/normdocs/reviews/{review.pk}/").content.decode()
    response = client.post(
        f"/normdocs/reviews/{review.pk}/",
        {
            "conclude-outcome": "with_changes",
            "conclude-opinion": "删除兜底条款",
            "conclude-must_change": ["0"],
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.rulings[0]["phrase"] == "其他材料" and review.rulings[0]["ruling"] == "须修改"


def test_a_sibling_unit_cannot_see_the_document(login, people, walk):
    doc = walk("draft")
    assert login(people["sibling"]).get(f"/normdocs/{doc.pk}/").status_code == 404


def test_the_supervisor_sees_every_units_filing_lights(login, people, walk):
    doc = walk("publish")
    page = login(people["supervisor"]).get("/normdocs/filing/").content.decode()
    assert "甲局" in page and doc.title in page and "可在“地方期限规则”中设定" in page


def test_each_filing_count_opens_the_documents_behind_it(login, people, walk):
    unfiled, filed = walk("publish"), walk("file", title="示例市已备案办法")
    client = login(people["supervisor"])
    page = client.get("/normdocs/filing/").content.decode()
    code = unfiled.org.code
    overdue = f"/normdocs/?org={code}&amp;light=red"  # published 2026-04-24: its 备案 is long overdue
    assert overdue in page and f"/normdocs/?org={code}&amp;filed=1" in page
    listed = client.get(f"/normdocs/?org={code}&light=red").content.decode()
    assert unfiled.title in listed and filed.title not in listed
    assert f"筛选：{unfiled.org.name}、备案灯：超期" in listed
    listed = client.get(f"/normdocs/?org={code}&filed=1").content.decode()
    assert filed.title in listed and unfiled.title not in listed


def test_a_cleanup_lists_documents_in_force_and_exports_the_result(login, people, walk, tree):
    doc = walk("file")
    client = login(people["supervisor"])
    response = client.post("/normdocs/cleanups/", {"org": tree["city"].pk, "title": "2026年清理"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert doc.title in page
    from fazhi.normdocs.models import CleanupEntry

    entry = CleanupEntry.objects.get()
    client.post(
        f"{response['Location']}entries/{entry.pk}/", {"decision": "repeal", "reason": "上位法已废止"}
    )
    entry.refresh_from_db()
    assert entry.decision == "repeal"
    export = client.get(f"{response['Location']}result.xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")


def test_list_and_export_render(login, people, walk):
    walk("file")
    client = login(people["clerk"])
    assert client.get("/normdocs/").status_code == 200
    assert client.get("/normdocs/export.xlsx").status_code == 200
    assert client.get("/normdocs/?state=nonsense&light=red").status_code == 200
    assert D(2026, 1, 1)


def test_the_review_page_quotes_the_review_times_in_force_for_the_reviewing_body(
    login, walk, legal_reviewer, sfj
):
    from fazhi.core.models import RuleOverride
    from fazhi.normdocs.procedure import REVIEW_MINIMUM

    review = walk("fair_competition").reviews.get()
    page = login(legal_reviewer).get(f"/normdocs/reviews/{review.pk}/").content.decode()
    assert "审核时间不少于5个工作日、不超过15个工作日" in page
    RuleOverride.objects.create(
        org=sfj, rule_key=REVIEW_MINIMUM.key, amount=7, basis="本市规定", since=datetime.date(2018, 1, 1)
    )
    page = login(legal_reviewer).get(f"/normdocs/reviews/{review.pk}/").content.decode()
    assert "审核时间不少于7个工作日、不超过15个工作日" in page
