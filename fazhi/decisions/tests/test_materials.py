"""过程材料 (第三十三条): a file's type is known by its first bytes, its size is limited, it is
kept in the database once, read only by those who may read the decision, and listed when the
decision is archived."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.engine import Refused
from fazhi.core.models import AuditEvent
from fazhi.decisions import materials, services
from fazhi.decisions.models import Decision, Material

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode."
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


def zipped(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<xml/>")
    return buffer.getvalue()


@pytest.fixture
def clerk(people, login):
    return login(people["clerk"])


def upload(client, decision, name, data, **extra):
    form = {"upload": SimpleUploadedFile(name, data), "title": "", **extra}
    return client.post(f"/decisions/{decision.pk}/materials/", form)


def nothing_written(decision):
    return (
        not Material.objects.exists()
        and not AuditEvent.objects.filter(summary__startswith="上传材料").exists()
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("专家论证意见.pdf", PDF),
        ("论证意见.docx", zipped("word/document.xml")),
        ("测算表.xlsx", zipped("xl/workbook.xml")),
        ("旧版通知.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
        ("现场照片.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 32),
        ("选址图.png", PNG),
    ],
)
def test_each_allowed_kind_of_file_is_kept_with_the_decision(clerk, decision, name, data):
    assert upload(clerk, decision, name, data).status_code == 302
    kept = Material.objects.get()
    assert (kept.name, bytes(kept.data), kept.size, kept.org_id) == (name, data, len(data), decision.org_id)
    assert kept.uploader.username == "clerk" and kept.uploaded_at is not None
    assert name in clerk.get(f"/decisions/{decision.pk}/").content.decode()


@pytest.mark.parametrize(
    ("situation", "name", "data", "said"),
    [
        ("an exe renamed .pdf", "通知.pdf", EXE, "不是真正的PDF文件"),
        ("an html page renamed .pdf", "通知.pdf", HTML, "不是真正的PDF文件"),
        ("a plain zip renamed .docx", "论证意见.docx", zipped("payload.txt"), "不是真正的Word文件"),
        ("a Word file renamed .xlsx", "测算表.xlsx", zipped("word/document.xml"), "不是真正的Excel文件"),
        ("an exe under its own name", "setup.exe", EXE, "只能上传以下类型的文件"),
        ("a file with no extension", "README", PDF, "只能上传以下类型的文件"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_written(
    clerk, decision, situation, name, data, said
):
    response = upload(clerk, decision, name, data)
    assert response.status_code == 400 and said in response.content.decode()
    assert nothing_written(decision)


def test_a_file_over_the_limit_is_refused_before_it_is_read(clerk, decision, settings):
    settings.DECISIONS_MATERIAL_MAX_BYTES = 1024
    response = upload(clerk, decision, "大文件.pdf", PDF + b"\x00" * 1024)
    assert response.status_code == 400 and "文件超过" in response.content.decode()
    assert nothing_written(decision)


def test_the_default_limit_is_20_megabytes(decision):
    assert materials.max_bytes() == 20 * 1024 * 1024
    with pytest.raises(materials.MaterialError, match="文件超过20MB"):
        materials.check("a.pdf", 20 * 1024 * 1024 + 1)
    assert materials.check("a.pdf", 20 * 1024 * 1024).content_type == "application/pdf"


def test_the_same_file_twice_is_recognised_by_its_sha256(clerk, decision):
    upload(clerk, decision, "论证意见.pdf", PDF)
    response = upload(clerk, decision, "论证意见（副本）.pdf", PDF)
    assert response.status_code == 409 and "该文件已经上传过（「论证意见.pdf」" in response.content.decode()
    assert Material.objects.count() == 1


def test_a_file_goes_with_one_of_the_decisions_process_records(clerk, ready):
    record = ready.latest_record("experts")
    assert upload(clerk, ready, "论证意见.pdf", PDF, record=record.pk).status_code == 302
    assert Material.objects.get().record == record


def test_a_record_of_another_decision_is_not_offered(clerk, ready, catalogue, people):
    other = services.add_decision(catalogue, people["clerk"], title="另一事项", undertaker="科室")
    response = upload(clerk, other, "论证意见.pdf", PDF, record=ready.latest_record("experts").pk)
    assert response.status_code == 400 and nothing_written(other)


def test_the_download_is_an_attachment_with_a_safe_name(clerk, decision, people):
    made = services.attach_material(decision, people["clerk"], name='..\\..\\a"b<c>.pdf', data=PDF)
    assert made.name == "abc.pdf"
    response = clerk.get(f"/decisions/{decision.pk}/materials/{made.pk}/")
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="abc.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_chinese_file_name_is_sent_encoded(clerk, decision, people):
    made = services.attach_material(decision, people["clerk"], name="听证笔录.pdf", data=PDF)
    disposition = clerk.get(f"/decisions/{decision.pk}/materials/{made.pk}/")["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''") and "%E5%90%AC" in disposition


@pytest.mark.parametrize(
    ("persona", "status"),
    [("clerk", 200), ("head", 200), ("supervisor", 200), ("sibling", 404), ("child_clerk", 404)],
)
def test_only_those_who_read_the_decision_download_its_files(persona, status, decision, people, login):
    made = services.attach_material(decision, people["clerk"], name="a.pdf", data=PDF)
    assert login(people[persona]).get(f"/decisions/{decision.pk}/materials/{made.pk}/").status_code == status


def test_the_public_is_sent_to_the_login_page(client, decision, people):
    made = services.attach_material(decision, people["clerk"], name="a.pdf", data=PDF)
    response = client.get(f"/decisions/{decision.pk}/materials/{made.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_supervisor_reads_but_does_not_upload(decision, people):
    with pytest.raises(Refused, match="只能由甲局"):
        services.attach_material(decision, people["supervisor"], name="a.pdf", data=PDF)


def test_archiving_lists_the_materials_and_closes_the_file(ready, people, clerk):
    from .test_procedure import published_decision

    services.attach_material(ready, people["clerk"], name="听证笔录.pdf", data=PDF, title="听证笔录")
    decision = published_decision(Decision.objects.get(pk=ready.pk), people)
    services.archive(decision, people["clerk"], archive_number="A-1")
    listed = AuditEvent.objects.get(summary="归档材料清单：1份")
    assert listed.data["materials"][0]["name"] == "听证笔录.pdf"
    page = clerk.get(f"/decisions/{ready.pk}/archive/").content.decode()
    assert "听证笔录.pdf" in page and Material.objects.get().sha256 in page
    with pytest.raises(Refused, match="已经归档"):
        services.attach_material(Decision.objects.get(pk=ready.pk), people["clerk"], name="b.png", data=PNG)
