"""Loading a unit's existing register: `fazhi import normdocs FILE --org CODE`.

Columns: 文号, 标题, 发布日期, 施行日期, 有效期至, 状态 (现行有效 / 已修改 / 已废止 / 已失效),
正文 (the text itself, or the name of a .txt/.docx file beside the sheet). Every row is read
and checked first and every problem named with its row number; only a file without
problems is written, in one transaction, through bulk inserts. Documents are keyed by
(org, 文号): loading the same file twice changes nothing, a changed row updates its document.
Imported documents keep no procedure history (they were made before the platform): their
state is the sheet's 状态, and one whose end date is unknown is not counted as in force on
any day after its publication (models.DocumentQuerySet.in_force_on).
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from fazhi.core import audit, reading
from fazhi.core import indicators as registry
from fazhi.core.models import EventKind, Org

from . import search
from .models import Document, SearchEntry, Version
from .procedure import STATUS_BY_LABEL

COLUMNS = ("文号", "标题", "发布日期", "施行日期", "有效期至", "状态", "正文")
REQUIRED = ("文号", "标题", "发布日期", "状态")
TEXT_FILE = re.compile(r"^[^/\\]+\.(txt|docx|pdf)$", re.IGNORECASE)
DATE_TEXT = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
FIELDS = ("title", "published_on", "effective_on", "valid_until", "state", "text")


@dataclass
class Row:
    line: int
    number: str
    title: str
    published_on: datetime.date
    effective_on: datetime.date
    valid_until: datetime.date | None
    state: str
    text: str


def read_table(path: Path) -> list[list]:
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            try:
                return [list(r) for r in book.active.iter_rows(values_only=True)]
            finally:
                book.close()
        return [list(r) for r in csv.reader(io.StringIO(reading.decode_text(path.read_bytes())))]
    except (ValueError, OSError, zipfile.BadZipFile, KeyError) as error:
        raise registry.FileProblems([f"无法读取文件（须为CSV或.xlsx）：{error}"]) from None


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell(value)
    if not text:
        return None
    match = DATE_TEXT.match(text.split(" ")[0])
    if not match:
        raise ValueError(f"日期“{text}”无法识别（应为2025-03-31）")
    return datetime.date(*map(int, match.groups()))


def parse(rows: list[list], base: Path) -> tuple[list[Row], list[str]]:
    if not rows:
        return [], ["文件为空。"]
    header = {cell(name): i for i, name in enumerate(rows[0]) if cell(name)}
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [f"第1行：缺少列 {'、'.join(missing)}"]
    parsed, problems = [], []
    for line, values in enumerate(rows[1:], start=2):
        values = list(values) + [None] * len(COLUMNS)
        get = {name: values[i] for name, i in header.items()}
        if not any(cell(v) for v in get.values()):
            continue
        try:
            parsed.append(parse_row(line, get, base))
        except ValueError as error:
            problems.append(f"第{line}行：{error}")
    seen: dict[str, int] = {}
    for row in parsed:
        if row.number in seen:
            problems.append(f"第{row.line}行：文号“{row.number}”与第{seen[row.number]}行重复")
        seen.setdefault(row.number, row.line)
    return parsed, problems


def parse_row(line: int, get: dict, base: Path) -> Row:
    empty = [c for c in REQUIRED if not cell(get[c])]
    if empty:
        raise ValueError(f"{'、'.join(empty)}不能为空")
    status = cell(get["状态"])
    if status not in STATUS_BY_LABEL:
        raise ValueError(f"状态“{status}”无效（应为{'、'.join(STATUS_BY_LABEL)}）")
    published = parse_date(get["发布日期"])
    effective = parse_date(get["施行日期"]) or published
    until = parse_date(get["有效期至"])
    if effective < published:
        raise ValueError("施行日期早于发布日期")
    if until is not None and until < effective:
        raise ValueError("有效期至早于施行日期")
    return Row(
        line, cell(get["文号"]), cell(get["标题"]), published, effective, until,
        STATUS_BY_LABEL[status], text_of(cell(get["正文"]), base),
    )  # fmt: skip


def text_of(value: str, base: Path) -> str:
    """The 正文 cell: the text, or a .txt/.docx/.pdf file beside the sheet (a bare name only)."""
    if not TEXT_FILE.match(value):
        return value
    path = base / value
    if not path.is_file():
        raise ValueError(f"找不到正文文件“{value}”（须与表格放在同一文件夹）")
    return reading.read_path(path)


def document_of(row: Row, org: Org) -> Document:
    return Document(
        org=org, number=row.number, title=row.title, published_on=row.published_on,
        effective_on=row.effective_on, valid_until=row.valid_until, state=row.state, text=row.text,
        issued_on=row.published_on, imported=True, filing_org=org.parent,
    )  # fmt: skip


def import_file(path: Path, org: Org, *, progress=None, actor=audit.SYSTEM) -> str:
    rows, problems = parse(read_table(path), path.parent)
    if problems:
        raise registry.FileProblems(problems)
    with transaction.atomic():
        existing = {
            d.number: d for d in Document.objects.filter(org=org, number__in=[r.number for r in rows])
        }
        wanted = [document_of(r, org) for r in rows]
        created = [d for d in wanted if d.number not in existing]
        changed = [_updated(existing[d.number], d) for d in wanted if d.number in existing]
        changed = [d for d in changed if d is not None]
        Document.objects.bulk_create(created, batch_size=500)
        Document.objects.bulk_update(changed, FIELDS, batch_size=500)
        _index(created, changed)
        if created or changed:
            audit.record(
                EventKind.CREATED,
                f"导入规范性文件登记簿：新增{len(created)}件，更新{len(changed)}件",
                actor=actor,
                chain=org.pk,
                data={"file": path.name, "created": len(created), "updated": len(changed)},
            )
    unchanged = len(rows) - len(created) - len(changed)
    return f"规范性文件导入完成：新增{len(created)}件，更新{len(changed)}件，未变化{unchanged}件。"


def _updated(current: Document, wanted: Document) -> Document | None:
    if all(getattr(current, f) == getattr(wanted, f) for f in FIELDS):
        return None
    for f in FIELDS:
        setattr(current, f, getattr(wanted, f))
    return current


def _index(created: list[Document], changed: list[Document]) -> None:
    if not created:
        numbers = {}
    else:
        org_id = created[0].org_id
        numbers = dict(
            Document.objects.filter(org_id=org_id, number__in=[d.number for d in created]).values_list(
                "number", "pk"
            )
        )
    for d in created:
        d.pk = d.id = numbers[d.number]
    SearchEntry.objects.filter(document__in=changed).delete()
    SearchEntry.objects.bulk_create(
        [
            SearchEntry(document_id=d.pk, org_id=d.org_id, tokens=search.document_tokens(d))
            for d in created + changed
        ],
        batch_size=500,
    )
    ids = [d.pk for d in created + changed]
    latest = dict(
        Version.objects.filter(document_id__in=ids)
        .values("document_id")
        .annotate(m=Max("seq"))
        .values_list("document_id", "m")
    )
    Version.objects.bulk_create(
        [
            Version(
                document_id=d.pk,
                org_id=d.org_id,
                seq=latest.get(d.pk, 0) + 1,
                title=d.title,
                text=d.text,
                reason="导入",
            )
            for d in created + changed
        ],
        batch_size=500,
    )


registry.register_importer(registry.Importer("normdocs", "规范性文件登记簿", import_file, COLUMNS))
