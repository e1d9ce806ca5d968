"""The report drawn: each table as the grid of the national format (merged header cells),
rendered to JSON, xlsx and docx (公文-like), and exported only when every sum rule holds."""

import json
from dataclasses import dataclass
from decimal import Decimal

from fazhi.core import gongwen
from fazhi.core import indicators as registry
from fazhi.core.gongwen import BODY_FONT, HEADING_FONT, TITLE_FONT
from fazhi.core.indicators import Scope

from ..procedure import OGI
from . import (
    AFTER_REVIEW,
    APPLICANT_COLUMNS,
    APPLICANTS,
    CONTENT,
    DIRECT,
    FOUR,
    FOUR_COLUMNS,
    LEGAL_PERSONS,
    LITIGATION,
    PARTS,
    RESULTS,
    REVIEW,
    STUB_NOTE,
    THREE,
    THREE_COLUMNS,
    TOTAL,
    TWO,
    TWO_BLOCKS,
    GioReport,
    Row,
    build,
    row,
)

# --- layouts: each table as the grid of the national format, drawn as HTML, xlsx and docx ----


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "stub"  # head | stub | figure
    value: object = None
    key: str = ""  # the indicator behind a figure
    pending: bool = False  # 待接入


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    cols: int
    cells: tuple[Cell, ...]

    @property
    def height(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    def grid(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = [[] for _ in range(self.height)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            rows[cell.row].append(cell)
        return rows


def _figure(r: int, c: int, data: Row, column: str, colspan: int = 1) -> Cell:
    value = data.values[column]
    key, pending = data.keys.get(column, ""), column in data.pending
    return Cell(r, c, str(value), colspan=colspan, kind="figure", value=value, key=key, pending=pending)


def layout_two(rows: list[Row]) -> Layout:
    cells, r = [], 0
    for block, columns, labels in TWO_BLOCKS:
        span = 3 // len(columns)
        cells += [Cell(r, 0, block, colspan=4, kind="head"), Cell(r + 1, 0, CONTENT, kind="head")]
        cells += [Cell(r + 1, 1 + i * span, c, colspan=span, kind="head") for i, c in enumerate(columns)]
        for i, (label, _) in enumerate(labels, start=r + 2):
            data = row(rows, label)
            cells += [
                Cell(i, 0, label),
                *(_figure(i, 1 + j * span, data, c, span) for j, c in enumerate(columns)),
            ]
        r += 2 + len(labels)
    return Layout("二", TWO, 4, tuple(cells))


def layout_three(rows: list[Row]) -> Layout:
    cells = [Cell(0, 0, STUB_NOTE, 3, 3, "head"), Cell(0, 3, APPLICANTS, 1, 7, "head")]
    cells += [Cell(1, 3, APPLICANT_COLUMNS[0], 2, 1, "head"), Cell(1, 4, LEGAL_PERSONS, 1, 5, "head")]
    cells += [Cell(1, 9, TOTAL, 2, 1, "head")]
    cells += [Cell(2, 4 + i, label, kind="head") for i, label in enumerate(APPLICANT_COLUMNS[1:])]
    for r, data in enumerate(rows, start=3):
        cells += [
            *_three_stub(r, data, rows),
            *(_figure(r, 3 + j, data, c) for j, c in enumerate(THREE_COLUMNS)),
        ]
    return Layout("三", THREE, 10, tuple(cells))


def _three_stub(r: int, data: Row, rows: list[Row]) -> list[Cell]:
    """The stub nests up to three levels: 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密."""
    if not data.path:
        return [Cell(r, 0, data.label, colspan=3)]
    under = [[x for x in rows if x.path[: len(p)] == p] for p in (data.path[:1], data.path)]
    cells = [Cell(r, 0, RESULTS, rowspan=len(under[0]))] if under[0][0] is data else []
    if len(data.path) == 1:
        return [*cells, Cell(r, 1, data.label, colspan=2)]
    if under[1][0] is data:
        cells.append(Cell(r, 1, data.path[1], rowspan=len(under[1])))
    return [*cells, Cell(r, 2, data.label)]


def layout_four(rows: list[Row]) -> Layout:
    cells = [Cell(0, 0, REVIEW, colspan=5, kind="head"), Cell(0, 5, LITIGATION, colspan=10, kind="head")]
    cells += [Cell(1, i, c, rowspan=2, kind="head") for i, c in enumerate(FOUR_COLUMNS)]
    cells += [Cell(1, 5, DIRECT, colspan=5, kind="head"), Cell(1, 10, AFTER_REVIEW, colspan=5, kind="head")]
    cells += [Cell(2, 5 * k + i, c, kind="head") for k in (1, 2) for i, c in enumerate(FOUR_COLUMNS)]
    cells += [
        _figure(3, 5 * k + i, data, c) for k, data in enumerate(rows) for i, c in enumerate(FOUR_COLUMNS)
    ]
    return Layout("四", FOUR, 15, tuple(cells))


def layouts(report: GioReport) -> list[Layout]:
    t = report.tables
    return [layout_two(t["二"]), layout_three(t["三"]), layout_four(t["四"])]


# --- exports -------------------------------------------------------------------------------

PREAMBLE = (
    f"本报告根据{OGI}（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
    "（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自{start}起至{end}止。"
)


def title_of(report: GioReport) -> str:
    return f"{report.scope.org.name}{report.year}年政府信息公开工作年度报告"


def to_json(report: GioReport) -> bytes:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2).encode()


def to_xlsx(report: GioReport) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for layout in layouts(report):
        _xlsx_sheet(book.create_sheet(f"表{layout.name}"), layout)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_sheet(sheet, layout: Layout) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.cell(1, 1, layout.title).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=layout.cols)
    for cell in layout.cells:
        _xlsx_cell(sheet, cell, top=2)
    for i in range(1, layout.cols + 1):
        sheet.column_dimensions[get_column_letter(i)].width = 14 if layout.cols < 15 else 10


def _xlsx_cell(sheet, cell: Cell, top: int) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, Side

    r, c = top + cell.row, 1 + cell.col
    value = float(cell.value) if isinstance(cell.value, Decimal) else cell.value
    target = sheet.cell(r, c, value if cell.kind == "figure" else cell.text)
    last_r, last_c = r + cell.rowspan - 1, c + cell.colspan - 1
    if (last_r, last_c) != (r, c):
        sheet.merge_cells(start_row=r, start_column=c, end_row=last_r, end_column=last_c)
    side = Side(style="thin")
    for line in sheet.iter_rows(min_row=r, max_row=last_r, min_col=c, max_col=last_c):
        for each in line:
            each.border = Border(left=side, right=side, top=side, bottom=side)
    target.alignment = Alignment(
        horizontal="left" if cell.kind == "stub" else "center", vertical="center", wrap_text=True
    )
    target.font = Font(bold=cell.kind == "head")
    if cell.pending:
        target.comment = Comment("待接入：相关系统接入前为0，不作估算。", "fazhi")


def to_docx(report: GioReport) -> bytes:
    import io

    from docx import Document

    doc = Document()
    gongwen.page_and_style(doc)
    gongwen.paragraph(doc, title_of(report), TITLE_FONT, 22, center=True)
    period = {"start": f"{report.year}年1月1日", "end": f"{report.year}年12月31日"}
    gongwen.paragraph(doc, PREAMBLE.format(**period), BODY_FONT, 16, indent=True)
    text = dict(report.narrative)
    drawn = {layout.title: layout for layout in layouts(report)}
    for part in PARTS:
        gongwen.paragraph(doc, part, HEADING_FONT, 16, indent=True)
        for paragraph in text.get(part, []):
            gongwen.paragraph(doc, paragraph, BODY_FONT, 16, indent=True)
        if part in drawn:
            _docx_table(doc, drawn[part])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# Column widths in cm within the 15.6 cm of a 公文 line: the stub of table 三 wide enough for its items.
DOCX_WIDTHS = {"二": (4.2, 3.8, 3.8, 3.8), "三": (1.3, 1.6, 4.4, *[1.18] * 7), "四": (1.04,) * 15}


def _docx_table(doc, layout: Layout) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    table = doc.add_table(rows=layout.height, cols=layout.cols)
    table.style, table.autofit = "Table Grid", False
    for column, width in zip(table.columns, DOCX_WIDTHS[layout.name], strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = Cm(width)  # each cell, which Word reads
    size = 7.5 if layout.cols > 10 else 9
    for cell in layout.cells:
        target = table.cell(cell.row, cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
        paragraph = target.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.kind == "stub" else WD_ALIGN_PARAGRAPH.CENTER
        gongwen.run_font(paragraph.add_run(cell.text), BODY_FONT, size, bold=cell.kind == "head")
    if any(c.pending for c in layout.cells):
        gongwen.paragraph(doc, "注：本表标为待接入的数据由相关系统接入后填报，当前为0。", BODY_FONT, 10.5)


RENDERERS = {"json": to_json, "xlsx": to_xlsx, "docx": to_docx}
MEDIA_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def export(scope: Scope, fmt: str, figures: dict | None = None) -> bytes:
    """The report as a file, only if every sum rule holds (a failed check is never written)."""
    report = build(scope, figures)
    if not report.ok:
        raise registry.ReportRefused(report.failures())
    return RENDERERS[fmt](report)


registry.register_report(registry.Report("gio", "政府信息公开工作年度报告", export, tuple(RENDERERS)))
