"""Setting up the org tree from a CSV or xlsx: all rows checked first, then written at once.

Columns: 机构代码, 机构名称, 层级 (省/市/县/乡镇/部门), 上级机构代码, 发文字号前缀.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from . import audit
from .models import EventKind, Level, Org
from .models.org import code_validator

COLUMNS = ["机构代码", "机构名称", "层级", "上级机构代码", "发文字号前缀"]
LEVELS = {label: value for value, label in Level.choices}


class OrgFileError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("；".join(problems))


@dataclass(frozen=True)
class OrgRow:
    line: int
    code: str
    name: str
    level: str
    parent: str
    prefix: str


def read_rows(path: Path) -> list[list[str]]:
    """The sheet's cells as text; an unreadable file is an `OrgFileError`."""
    try:
        return _cells(path)
    except (UnicodeDecodeError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise OrgFileError([f"无法读取文件（须为UTF-8编码的CSV或.xlsx）：{error}"]) from None


def _cells(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        return [
            ["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    text = path.read_bytes().decode("utf-8-sig")
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def parse(rows: list[list[str]]) -> list[OrgRow]:
    if not rows or rows[0][: len(COLUMNS)] != COLUMNS:
        raise OrgFileError([f"第1行须为表头：{','.join(COLUMNS)}"])
    parsed, problems = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        row = (row + [""] * 5)[:5]
        problems += _row_problems(line, row)
        parsed.append(OrgRow(line, row[0], row[1], LEVELS.get(row[2], ""), row[3], row[4]))
    problems += _tree_problems(parsed)
    if problems:
        raise OrgFileError(problems)
    return parsed


def _row_problems(line: int, row: list[str]) -> list[str]:
    code, name, level = row[0], row[1], row[2]
    problems = []
    try:
        code_validator(code)
    except Exception:
        problems.append(f"第{line}行：机构代码“{code}”无效（只能包含字母、数字、下划线和连字符）")
    if not name:
        problems.append(f"第{line}行：缺少机构名称")
    if level not in LEVELS:
        problems.append(f"第{line}行：层级“{level}”应为 省、市、县、乡镇、部门 之一")
    return problems


def _tree_problems(rows: list[OrgRow]) -> list[str]:
    codes = [r.code for r in rows]
    known = set(Org.objects.values_list("code", flat=True)) | set(codes)
    problems = [
        f"第{r.line}行：机构代码“{r.code}”在文件中重复" for i, r in enumerate(rows) if r.code in codes[:i]
    ]
    problems += [
        f"第{r.line}行：上级机构代码“{r.parent}”不存在" for r in rows if r.parent and r.parent not in known
    ]
    problems += [f"第{r.line}行：机构“{r.code}”不能以自身为上级" for r in rows if r.parent == r.code]
    return problems


def ordered(rows: list[OrgRow]) -> list[OrgRow]:
    """Parents before children; a cycle inside the file is an error."""
    pending, done, out = {r.code: r for r in rows}, set(Org.objects.values_list("code", flat=True)), []
    while pending:
        ready = [r for r in pending.values() if not r.parent or r.parent not in pending]
        if not ready:
            raise OrgFileError([f"第{r.line}行：上级关系形成循环" for r in pending.values()])
        for r in ready:
            out.append(pending.pop(r.code))
            done.add(r.code)
    return out


@transaction.atomic
def import_rows(rows: list[OrgRow], actor: audit.Actor = audit.SYSTEM) -> tuple[int, int]:
    created = updated = 0
    for r in ordered(rows):
        org = Org.objects.filter(code=r.code).first()
        old_path = org.path if org else None
        org = org or Org(code=r.code)
        org.name, org.level, org.doc_prefix = r.name, r.level, r.prefix
        org.parent = Org.objects.get(code=r.parent) if r.parent else None
        if old_path and org.parent and org.parent.path.startswith(old_path):
            raise OrgFileError([f"第{r.line}行：不能把“{r.code}”移到它自己的下级机构之下"])
        org.save()
        if old_path and old_path != org.path:
            _move_subtree(old_path, org.path)
        created, updated = created + (old_path is None), updated + (old_path is not None)
    audit.record(
        EventKind.ORGS_IMPORTED,
        f"导入机构：新增{created}个，更新{updated}个",
        actor=actor,
        data={"codes": [r.code for r in rows]},
    )
    return created, updated


def _move_subtree(old_path: str, new_path: str) -> None:
    """Re-root the descendants, shallowest first so each parent is already moved."""
    below = Org.objects.filter(path__startswith=old_path).exclude(path=new_path)
    for child in sorted(below.select_related("parent"), key=lambda o: o.path.count("/")):
        child.parent.refresh_from_db(fields=["path"])
        child.save()
