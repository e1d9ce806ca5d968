"""`fazhi orgs import`: a city sets itself up from a sheet; bad rows are named, nothing half-written."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from fazhi.core.models import Org

HEADER = "机构代码,机构名称,层级,上级机构代码,发文字号前缀\n"
CITY = HEADER + (
    "MZ,茂州市人民政府,市,,茂府\n"
    "MZ-SFJ,茂州市司法局,部门,MZ,茂司\n"
    "MZ-XA,西安县人民政府,县,MZ,西府\n"
    "MZ-XA-DZ,东镇人民政府,乡镇,MZ-XA,东政\n"
)


def write(tmp_path, text, name="orgs.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_it_builds_the_tree_from_a_csv(db, tmp_path):
    call_command("orgs", "import", write(tmp_path, CITY))
    town = Org.objects.get(code="MZ-XA-DZ")
    assert town.path == "/MZ/MZ-XA/MZ-XA-DZ/" and town.level == "township"
    assert set(Org.objects.get(code="MZ").subtree().values_list("code", flat=True)) == {
        "MZ",
        "MZ-SFJ",
        "MZ-XA",
        "MZ-XA-DZ",
    }


def test_it_reads_an_xlsx_with_children_listed_before_parents(db, tmp_path):
    book = Workbook()
    sheet = book.active
    for row in [
        HEADER.strip().split(","),
        ["MZ-SFJ", "茂州市司法局", "部门", "MZ", "茂司"],
        ["MZ", "茂州市人民政府", "市", None, "茂府"],
    ]:
        sheet.append(row)
    path = tmp_path / "orgs.xlsx"
    book.save(path)
    call_command("orgs", "import", str(path))
    assert Org.objects.get(code="MZ-SFJ").parent.code == "MZ"


def test_importing_again_updates_and_moves_a_subtree(db, tmp_path):
    call_command("orgs", "import", write(tmp_path, CITY))
    call_command("orgs", "import", write(tmp_path, HEADER + "MZ-XA,西安县人民政府,县,MZ-SFJ,西府\n"))
    assert Org.objects.get(code="MZ-XA-DZ").path == "/MZ/MZ-SFJ/MZ-XA/MZ-XA-DZ/"
    assert Org.objects.count() == 4


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("MZ-JY,茂州市教育局,部门,NOPE,茂教", "上级机构代码“NOPE”不存在"),
        ("MZ JY,茂州市教育局,部门,MZ,茂教", "机构代码“MZ JY”无效"),
        ("MZ-JY,茂州市教育局,科室,MZ,茂教", "层级“科室”应为"),
        ("MZ-JY,,部门,MZ,茂教", "缺少机构名称"),
        ("MZ-SFJ,重复的司法局,部门,MZ,茂司", "在文件中重复"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(db, tmp_path, bad_row, message):
    with pytest.raises(CommandError) as refused:
        call_command("orgs", "import", write(tmp_path, CITY + bad_row + "\n"))
    assert message in str(refused.value) and "第6行" in str(refused.value)
    assert not Org.objects.exists()


def test_a_cycle_is_refused(db, tmp_path):
    text = HEADER + "A,甲,市,B,甲\nB,乙,县,A,乙\n"
    with pytest.raises(CommandError) as refused:
        call_command("orgs", "import", write(tmp_path, text))
    assert "循环" in str(refused.value)
    assert not Org.objects.exists()


def test_a_file_without_the_header_is_refused(db, tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("orgs", "import", write(tmp_path, "code,name\nA,甲\n"))
    assert "表头" in str(refused.value)
