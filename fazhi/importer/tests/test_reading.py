"""Files of every kind and every fault: a clear message for the bad one, the others still read."""

import io
import json

import pytest
from django.core.management import call_command

from fazhi.core import reading
from fazhi.core.reading import Unreadable, read_bytes
from fazhi.importer.services import import_file

from .conftest import SEEDS, seed_text

REPORT = "某县司法局2024年法治政府建设年度报告\n一、主要举措和成效\n受理行政复议申请12件，审结10件。\n"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_simplified_text_is_read_in_any_common_encoding(codec):
    assert read_bytes(REPORT.encode(codec)) == REPORT


def test_traditional_text_in_big5_is_read():
    text = seed_text("000").replace("?", "").split("\n")[2]
    assert read_bytes(text.encode("big5", errors="ignore"), ".txt") == text.encode(
        "big5", errors="ignore"
    ).decode("big5")


def test_a_word_file_is_read(tmp_path):
    import docx

    document = docx.Document()
    for line in REPORT.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "报告.docx"
    document.save(path)
    result = import_file(str(path))
    assert result["error"] is None and result["indicators"][0]["value"] == 12


def test_a_web_page_is_read_without_its_scripts():
    body = "</p><p>".join(REPORT.splitlines())
    page = f"<html><head><script>var a='法治';</script></head><body><p>{body}</p></body></html>"
    text = read_bytes(page.encode("utf-8"), ".html")
    assert "var a" not in text and "受理行政复议申请12件" in text


def test_a_pdf_without_a_text_layer_is_refused_clearly():
    import pypdf

    buffer = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(buffer)
    with pytest.raises(Unreadable, match="扫描件"):
        read_bytes(buffer.getvalue(), ".pdf")


@pytest.mark.parametrize(
    ("data", "suffix", "message"),
    [
        (b"", ".txt", "文件为空"),
        (b"   \n\n", ".txt", "文件为空"),
        (bytes(range(256)) * 10, ".txt", "二进制"),
        (b"%PDF-1.4 garbage", ".pdf", "PDF"),
        (b"PK\x03\x04 not a docx", ".docx", "Word"),
        (b"hello", ".xls", "暂不支持"),
    ],
)
def test_a_bad_file_gets_a_clear_message(data, suffix, message):
    with pytest.raises(Unreadable, match=message):
        read_bytes(data, suffix)


def test_a_file_over_50_megabytes_is_refused_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 1001)
    assert "文件过大" in import_file(str(path))["error"]


def test_a_file_that_is_not_a_report_is_named_as_such(tmp_path):
    path = tmp_path / "菜谱.txt"
    path.write_text("西红柿炒鸡蛋：鸡蛋3个，西红柿2个。", encoding="utf-8")
    assert "不像法治政府建设年度报告" in import_file(str(path))["error"]


def test_a_garbled_report_is_read_and_its_damage_reported(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes(REPORT.encode("utf-8")[:40] + b"\xff\xfe\xfa" + REPORT.encode("utf-8")[40:])
    result = import_file(str(path))
    assert result["error"] is None
    assert any(w["kind"] == "garbled" for w in result["warnings"])


def test_one_bad_file_does_not_stop_the_others(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    call_command("import-report", seeds[0], str(empty), "/no/such/file.txt", seeds[1], "--json")
    results = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in results] == [seeds[0], str(empty), "/no/such/file.txt", seeds[1]]
    assert [bool(r["error"]) for r in results] == [False, True, True, False]


def test_the_command_fails_only_when_no_file_could_be_read(tmp_path):
    from django.core.management.base import CommandError

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="没有一个文件"):
        call_command("import-report", str(empty))


def test_the_plain_output_lists_parts_figures_and_warnings(capsys):
    call_command("import-report", str(next(SEEDS.glob("000_*.txt"))))
    out = capsys.readouterr().out
    assert "茂名市人民政府辦公室 2020年度（繁体）" in out and "“常務會議46次”" in out and "乱码" in out
