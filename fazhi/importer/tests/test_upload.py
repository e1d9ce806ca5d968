"""A supervisor uploads reports: good ones are stored with their figures, each bad one is named
with its reason and the others are still imported; nothing of a file is half-written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError

from fazhi.core.models import AuditEvent, EventKind
from fazhi.core.reading import MAX_BYTES
from fazhi.importer import services
from fazhi.importer.models import ImportedFigure, ImportedReport
from fazhi.importer.services import analyse

from .conftest import seed_text
from .files import REPORT_LINES, docx_file, pdf_file, seed_file, text_file

pytestmark = pytest.mark.django_db
UPLOAD = "/imports/upload/"


def upload(client, tree, *files):
    """Post the files; the response after the redirect and the messages it shows, in order."""
    response = client.post(UPLOAD, {"org": tree["city"].pk, "files": list(files)}, follow=True)
    assert response.status_code == 200
    return response, [str(m) for m in response.context["messages"]]


@pytest.fixture
def supervisor(login, people):
    return login(people["supervisor"])


def test_the_supervisor_imports_several_reports_at_once(supervisor, tree):
    _, said = upload(supervisor, tree, seed_file("001"), seed_file("002"))
    assert ImportedReport.objects.count() == 2
    assert len(said) == 2 and all("已导入" in message for message in said)
    for number in ("001", "002"):
        report = ImportedReport.objects.get(file_name__startswith=number)
        expected = analyse(seed_text(number))
        assert report.org == tree["city"] and report.year == expected["year"]
        assert report.unit_name == expected["org"] and report.text == seed_text(number)
        stored = [(f.key, f.value, f.quote, f.start, f.end) for f in report.figures.order_by("start", "pk")]
        assert stored == [
            (f["key"], f["value"], f["quote"], f["start"], f["end"]) for f in expected["indicators"]
        ]


def test_each_bad_file_gets_its_own_message_and_the_good_one_is_still_imported(supervisor, tree):
    bad = [
        text_file("空白.txt", ""),
        SimpleUploadedFile("二进制.txt", bytes(range(256)) * 8),
        text_file("通知.txt", "关于召开运动会的通知\n各单位：定于周五下午举行运动会。"),
        SimpleUploadedFile("扫描.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        SimpleUploadedFile("损坏.docx", b"PK\x03\x04 not really a zip"),
    ]
    _, said = upload(supervisor, tree, bad[0], seed_file("002"), *bad[1:])
    assert ImportedReport.objects.count() == 1
    refused = [m for m in said if "未导入" in m]
    assert len(refused) == 5
    for name, reason in [
        ("空白.txt", "文件为空"),
        ("二进制.txt", "二进制文件"),
        ("通知.txt", "不像法治政府建设年度报告"),
        ("扫描.png", "暂不支持"),
        ("损坏.docx", "无法作为 Word"),
    ]:
        assert any(name in m and reason in m for m in refused), (name, refused)


def test_a_file_of_50_mb_and_one_byte_is_refused_without_being_read(supervisor, tree, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("an oversized file must not be read")

    monkeypatch.setattr(services, "read_bytes", never)
    big = SimpleUploadedFile("很大.txt", b"a" * (MAX_BYTES + 1))
    _, said = upload(supervisor, tree, big)
    assert ImportedReport.objects.count() == 0
    assert said == ["“很大.txt”未导入：文件过大（50.0 MB），上限为 50 MB。"]


def test_a_word_file_and_a_pdf_built_here_are_imported(supervisor, tree):
    upload(supervisor, tree, docx_file("丙镇.docx", REPORT_LINES), pdf_file("丙镇.pdf", REPORT_LINES))
    for name in ("丙镇.docx", "丙镇.pdf"):
        report = ImportedReport.objects.get(file_name=name)
        figures = {f.key: f.value for f in report.figures.all()}
        assert report.year == 2025 and report.unit_name == "丙镇人民政府"
        assert figures["disclosure.requests_received"] == 12 and figures["disclosure.requests_answered"] == 11
        assert report.parts_found == 4
        for figure in report.figures.all():
            assert report.text[figure.start : figure.end] == figure.quote


def test_a_report_in_gb18030_is_read_as_chinese(supervisor, tree):
    upload(supervisor, tree, text_file("丙镇.txt", "\n".join(REPORT_LINES), "gb18030"))
    assert ImportedReport.objects.get().unit_name == "丙镇人民政府"


def test_the_same_file_twice_is_recognised_and_not_stored_again(supervisor, tree):
    upload(supervisor, tree, seed_file("002"))
    _, said = upload(supervisor, tree, seed_file("002"))
    assert ImportedReport.objects.count() == 1
    assert said == [
        "“002_767747fbd6da3cd9.txt”与此前导入的“002_767747fbd6da3cd9.txt”是同一文件，未重复导入。"
    ]


def test_a_file_whose_saving_fails_leaves_nothing_and_the_next_is_imported(supervisor, tree, monkeypatch):
    real, calls = services.audit.record, []

    def failing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(services.audit, "record", failing_once)
    _, said = upload(supervisor, tree, seed_file("001"), seed_file("002"))
    assert list(ImportedReport.objects.values_list("file_name", flat=True)) == ["002_767747fbd6da3cd9.txt"]
    assert set(ImportedFigure.objects.values_list("report__file_name", flat=True)) == {
        "002_767747fbd6da3cd9.txt"
    }
    assert "保存时出错" in said[0] and "已导入" in said[1]


def test_each_import_is_in_the_audit_trail_with_what_was_found(supervisor, tree):
    upload(supervisor, tree, seed_file("002"))
    report = ImportedReport.objects.get()
    event = AuditEvent.objects.get(subject_type="importer.importedreport", subject_id=report.pk)
    assert event.kind == EventKind.CREATED and event.chain == tree["city"].pk
    assert event.data["before"] is None
    assert event.data["after"] == {
        "file": "002_767747fbd6da3cd9.txt",
        "sha256": report.sha256,
        "unit": "城口县人民政府办公室",
        "year": 2022,
        "sections": 3,
        "figures": report.figures.count(),
        "warnings": len(report.warnings),
    }


def test_no_file_chosen_is_said_plainly(supervisor, tree):
    response = supervisor.post(UPLOAD, {"org": tree["city"].pk}, follow=True)
    assert "请选择要导入的文件。" in response.content.decode()
    assert ImportedReport.objects.count() == 0


def test_the_list_shows_unit_year_file_parts_figures_and_warnings(supervisor, tree):
    upload(supervisor, tree, seed_file("000"))
    report = ImportedReport.objects.get()
    page = supervisor.get("/imports/").content.decode()
    assert "茂名市人民政府辦公室" in page and "2020年" in page and report.file_name in page
    assert f"{report.parts_found}/5" in page
    assert f'<td class="r">{report.figures.count()}</td>' in page
    assert f'<span class="tag warn">{len(report.warnings)}</span>' in page
    assert f'href="/imports/{report.pk}/"' in page


def test_a_unit_of_the_tree_named_in_the_report_is_linked_to_it(supervisor, tree):
    lines = ["甲局2025年法治政府建设年度报告", *REPORT_LINES[1:]]
    upload(supervisor, tree, text_file("甲局.txt", "\n".join(lines)))
    assert ImportedReport.objects.get().unit == tree["own"]


def test_a_unit_named_in_traditional_characters_is_linked_too(supervisor, tree):
    from fazhi.core.models import Level, Org

    town = Org.objects.create(code="SL-C", name="丙镇人民政府", level=Level.TOWNSHIP, parent=tree["city"])
    lines = ["丙鎮人民政府2025年法治政府建設年度報告", *REPORT_LINES[1:]]
    upload(supervisor, tree, text_file("丙鎮.txt", "\n".join(lines)))
    report = ImportedReport.objects.get()
    assert report.unit == town and report.unit_name == "丙鎮人民政府"
