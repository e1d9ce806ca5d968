"""`fazhi import normdocs`: the whole file checked first, problems by row, one transaction, idempotent."""

import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.normdocs.models import Document

pytestmark = pytest.mark.django_db
HEADER = ["文号", "标题", "发布日期", "施行日期", "有效期至", "状态", "正文"]


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


ROWS = [
    [
        "示甲规〔2023〕1号",
        "示例市教育收费管理办法",
        "2023-03-01",
        "2023-04-01",
        "2028-03-31",
        "现行有效",
        "正文一：行政复议。",
    ],
    ["示甲规〔2020〕2号", "示例市旧办法", "2020-01-01", "", "", "已废止", "第一条"],
    [
        "示甲规〔2023〕3号",
        "示例市培训机构暂行办法",
        "2023-05-01",
        "2023-05-01",
        "2025-04-30",
        "现行有效",
        "办法.txt",
    ],
]


def test_a_register_is_imported_once(tmp_path, tree):
    (tmp_path / "办法.txt").write_text("第一条 备案。", encoding="utf-8")
    path = write(tmp_path / "register.csv", ROWS)
    call_command("import", "normdocs", str(path), "--org", "SL-A")
    assert Document.objects.count() == 3
    assert Document.objects.get(number="示甲规〔2023〕3号").text == "第一条 备案。"
    call_command("import", "normdocs", str(path), "--org", "SL-A")
    assert Document.objects.count() == 3
    import datetime

    in_force = Document.objects.in_force_on(datetime.date(2024, 1, 1))
    assert sorted(d.number for d in in_force) == ["示甲规〔2023〕1号", "示甲规〔2023〕3号"]


def test_the_search_finds_imported_documents(tmp_path, tree):
    from fazhi.normdocs.queries import public_documents

    (tmp_path / "办法.txt").write_text("第一条 备案。", encoding="utf-8")
    call_command("import", "normdocs", str(write(tmp_path / "r.csv", ROWS)), "--org", "SL-A")
    assert [d.number for d in public_documents("复议")] == ["示甲规〔2023〕1号"]


def test_bad_rows_are_named_and_nothing_is_written(tmp_path, tree):
    rows = [
        ROWS[0],
        ["", "无文号", "2023-01-01", "", "", "现行有效", ""],
        ["示甲规〔2023〕5号", "日期错", "2023-13-01", "", "", "现行有效", ""],
        ["示甲规〔2023〕6号", "状态错", "2023-01-01", "", "", "有效", ""],
        ["示甲规〔2023〕1号", "重复", "2023-01-01", "", "", "现行有效", ""],
        ["示甲规〔2023〕7号", "缺文件", "2023-01-01", "", "", "现行有效", "missing.docx"],
    ]
    with pytest.raises(CommandError) as error:
        call_command("import", "normdocs", str(write(tmp_path / "bad.csv", rows)), "--org", "SL-A")
    message = str(error.value)
    for line in ("第3行", "第4行", "第5行", "第6行", "第7行"):
        assert line in message
    assert not Document.objects.exists()


def test_a_file_without_the_columns_is_refused(tmp_path, tree):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import", "normdocs", str(path), "--org", "SL-A")
    assert "缺少列" in str(error.value)


def test_a_text_beside_the_sheet_may_be_a_pdf(tmp_path, tree):
    from fazhi.core.tests.files import tiny_pdf

    (tmp_path / "办法.pdf").write_bytes(tiny_pdf(["第一条 公平竞争审查。"]))
    rows = [[*ROWS[2][:6], "办法.pdf"]]
    call_command("import", "normdocs", str(write(tmp_path / "r.csv", rows)), "--org", "SL-A")
    assert "公平竞争审查" in Document.objects.get().text
