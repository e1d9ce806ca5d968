"""The 法治政府建设年度报告 as a 公文 (GB/T 9704-2012): a .docx drawn from the plain document of
`document.document()`, and a PDF converted from it by LibreOffice, with the official faces
drawn by Noto CJK through fonts/fonts.conf (see /work/shared/STACK.md, "Fonts for 公文").

Layout: 标题 2号小标宋 centred; 正文 3号仿宋, 首行缩进二字, 22 lines a page; 一级标题“一、”黑体,
二级标题“（一）”楷体 (numbered here, in order within their part); tables with a caption in 仿宋
四号/小四; 页码“— 1 —”4号宋体, odd pages right and even pages left, one character in;
发文机关署名 and 成文日期 at the end. A report the head has not approved is marked 草稿.
"""

import datetime
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.core import gongwen
from fazhi.core.gongwen import (
    BODY_FONT,
    ERHAO,
    HEADING_FONT,
    LINE,
    PAGE_NUMBER_FONT,
    SANHAO,
    SIHAO,
    SUBHEADING_FONT,
    TITLE_FONT,
    XIAOSI,
)

FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
PDF_TIMEOUT = 120  # seconds; a report of a few dozen pages converts in 1–3 s
TITLE_LINE = Pt(36)  # 2号 in a 28.95 pt line would be clipped
TITLE_CHARS = 20  # 2号 characters on the 156 mm line
NOTHING = "无。"  # what an office prints under a part it has nothing to report in


class PdfUnavailable(Exception):
    """LibreOffice is missing or failed; the message is Chinese, for "PDF生成服务不可用：…"."""


# --- docx ------------------------------------------------------------------------------------


def to_docx(doc: dict) -> bytes:
    document = Document()
    gongwen.page_and_style(document)
    _properties(document, doc)
    _page_numbers(document)
    if not doc.get("final"):
        _draft_header(document, doc)
    _title(document, doc)
    if doc.get("notice") and not doc.get("final"):  # e.g. no records that year: the writer's hint
        _body(document, f"（{doc['notice']}）", BODY_FONT, SANHAO, indent=True)
    for part in doc["parts"]:
        _part(document, part)
    _signature(document, doc.get("issuer") or doc["org"]["name"], doc.get("date"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _properties(document, doc: dict) -> None:
    props = document.core_properties
    props.title = gongwen.xml_safe(doc["title"])
    props.subject = "法治政府建设年度报告"
    props.author = props.last_modified_by = gongwen.xml_safe(doc.get("issuer") or "")
    props.comments = f"第{doc.get('version', 1)}版，{doc.get('state_label', '')}"
    dated = _date(doc.get("date"))
    if dated:  # not the python-docx template's own date
        props.created = props.modified = datetime.datetime.combine(dated, datetime.time())


def _title(document, doc: dict) -> None:
    lines = title_lines(doc["title"], doc.get("issuer") or "")
    _body(document, "\n".join(lines), TITLE_FONT, ERHAO, center=True, line=TITLE_LINE)
    if not doc.get("final"):
        _body(document, "（草稿）", SUBHEADING_FONT, SANHAO, center=True)
    _body(document, "", BODY_FONT, SANHAO)  # 标题下空一行


def title_lines(title: str, issuer: str) -> list[str]:
    """A title too long for one line breaks after the issuer's name, so neither line splits a
    word and the second is the longer (the 梯形 of GB/T 9704 §7.3.3)."""
    rest = title[len(issuer) :] if issuer and title.startswith(issuer) else ""
    if gongwen.width(title) <= TITLE_CHARS or not rest or gongwen.width(rest) > TITLE_CHARS:
        return [title]
    return [issuer, rest]


def _part(document, part: dict) -> None:
    heading = _body(document, f"{part['number']}、{part['title']}", HEADING_FONT, SANHAO, indent=True)
    heading.paragraph_format.keep_with_next = True
    if not part["blocks"]:
        _body(document, NOTHING, BODY_FONT, SANHAO, indent=True)
    headings = 0
    for block in part["blocks"]:
        if block["kind"] == "heading":
            headings += 1
            _subheading(document, headings, block["text"])
        elif block["kind"] == "table":
            _table(document, block)
        else:
            _body(document, block.get("text", ""), BODY_FONT, SANHAO, indent=True)


_NUMBERED = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)\s*")


def _subheading(document, n: int, text: str) -> None:
    """“（一）…” in 楷体; a number the text already carries is replaced, not doubled."""
    para = _body(
        document, f"（{chinese_number(n)}）{_NUMBERED.sub('', text)}", SUBHEADING_FONT, SANHAO, indent=True
    )
    para.paragraph_format.keep_with_next = True


def chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _body(document, text: str, font: str, size: float, center=False, indent=False, line=LINE):
    return gongwen.paragraph(document, text, font, size, center=center, indent=indent, line=line)


# --- tables ----------------------------------------------------------------------------------


def _table(document, block: dict) -> None:
    head, rows = list(block.get("head") or []), [list(r) for r in block.get("rows") or []]
    cols = max([len(head), *(len(r) for r in rows), 1])
    if block.get("caption"):
        caption = _body(document, block["caption"], BODY_FONT, SIHAO, center=True)
        caption.runs[0].font.bold = True
        caption.paragraph_format.keep_with_next = True
    table = document.add_table(rows=0, cols=cols)
    table.style, table.autofit, table.alignment = "Table Grid", False, WD_TABLE_ALIGNMENT.CENTER
    widths = _widths([head, *rows], cols)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice reads
    if head:
        _row(table, head, widths, head=True)
    for values in rows:
        _row(table, values, widths)
    _body(document, "", BODY_FONT, SANHAO)  # 表下空一行


def _widths(lines: list[list], cols: int) -> list:
    """Each column as wide as its longest cell asks, within the 156 mm line (5–30 characters)."""
    asked = [5.0] * cols
    for values in lines:
        for i, value in enumerate(values):
            asked[i] = max(asked[i], min(gongwen.width(str(value)), 30.0))
    total = sum(asked)
    return [Mm(gongwen.TEXT_WIDTH_MM * a / total) for a in asked]


def _row(table, values: list, widths: list, head: bool = False) -> None:
    row = table.add_row()
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if head:
        properties.append(OxmlElement("w:tblHeader"))  # repeated on every page the table spans
    for i, cell in enumerate(row.cells):
        cell.width = widths[i]  # each cell, which Word reads
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        para = cell.paragraphs[0]
        left = i == 0 and not head
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_before = para.paragraph_format.space_after = Pt(2)
        para.paragraph_format.line_spacing = 1.0
        text = "" if i >= len(values) or values[i] is None else str(values[i])
        gongwen.add_run(para, text, BODY_FONT, XIAOSI, bold=head)


# --- page numbers, the draft mark, the signature -------------------------------------------


def _page_numbers(document) -> None:
    """“— 1 —” in 4号宋体 below the text: odd pages right, even pages left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    section.footer_distance = Mm(24)
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(para, alignment) -> None:
    para.alignment = alignment
    form = para.paragraph_format
    form.space_before = form.space_after = Pt(0)
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        form.right_indent = Pt(SIHAO)  # 单页码居右空一字
    else:
        form.left_indent = Pt(SIHAO)  # 双页码居左空一字
    gongwen.add_run(para, "— ", PAGE_NUMBER_FONT, SIHAO)
    _field(para, "PAGE", "1")
    gongwen.add_run(para, " —", PAGE_NUMBER_FONT, SIHAO)


def _field(para, instruction: str, shown: str) -> None:
    """A Word field as its five runs: begin, the instruction, separate, the last result, end."""
    for tag, value in (("begin", None), ("w:instrText", f" {instruction} "), ("separate", None)):
        run = gongwen.add_run(para, "", PAGE_NUMBER_FONT, SIHAO)
        run._element.append(_fld_char(tag) if value is None else _text(tag, value))
    gongwen.add_run(para, shown, PAGE_NUMBER_FONT, SIHAO)
    gongwen.add_run(para, "", PAGE_NUMBER_FONT, SIHAO)._element.append(_fld_char("end"))


def _fld_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _text(tag: str, value: str):
    element = OxmlElement(tag)
    element.set(qn("xml:space"), "preserve")
    element.text = value
    return element


def _draft_header(document, doc: dict) -> None:
    mark = f"草稿（第{doc.get('version', 1)}版，未经审定）"
    section = document.sections[0]
    for header in (section.header, section.even_page_header):
        para = header.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(0)
        gongwen.add_run(para, mark, BODY_FONT, XIAOSI)


def _signature(document, issuer: str, date: str | None) -> None:
    """Without a seal (GB/T 9704 §7.3.5.2): below the text one line left blank, the issuer two
    characters from the right, the date below it starting two characters further right; a date
    longer than the issuer keeps two characters from the right and moves the issuer left. The
    last lines of text go to the page of the signature, which never stands on a page alone."""
    dated = chinese_date(date)
    line = gongwen.TEXT_WIDTH_MM / 25.4 * 72 / SANHAO  # characters on the line
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    _body(document, "", BODY_FONT, SANHAO).paragraph_format.keep_with_next = True
    issuer_w, date_w = gongwen.width(issuer), gongwen.width(dated)
    if issuer_w - date_w >= 2:
        _placed(document, issuer, right=2).paragraph_format.keep_with_next = True
        _placed(document, dated, left=line - issuer_w)
    else:
        _placed(document, issuer, left=line - 4 - date_w).paragraph_format.keep_with_next = True
        _placed(document, dated, right=2)


def _placed(document, text: str, left: float | None = None, right: float | None = None):
    """A line of the signature, `left` or `right` characters in from the margin."""
    para = _body(document, text, BODY_FONT, SANHAO)
    form = para.paragraph_format
    if right is not None:
        para.alignment, form.right_indent = WD_ALIGN_PARAGRAPH.RIGHT, Pt(SANHAO * right)
    else:
        para.alignment, form.left_indent = WD_ALIGN_PARAGRAPH.LEFT, Pt(SANHAO * max(left, 0))
    return para


def chinese_date(value: str | None) -> str:
    """ "2026-02-20" → "2026年2月20日": Arabic numerals, 月 and 日 without a leading zero."""
    day = _date(value)
    return f"{day.year}年{day.month}月{day.day}日" if day else str(value or "")


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# --- PDF -------------------------------------------------------------------------------------


def to_pdf(doc: dict, timeout: float = PDF_TIMEOUT) -> bytes:
    """The .docx converted by LibreOffice headless, in a private profile and a temporary
    directory of its own (so conversions may run side by side), both removed afterwards."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise PdfUnavailable("服务器未安装LibreOffice（soffice），无法转换PDF。")
    docx = to_docx(doc)
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(docx)
        _convert(soffice, source, timeout)
        pdf = source.with_suffix(".pdf")
        if not pdf.exists() or pdf.stat().st_size == 0:
            raise PdfUnavailable("LibreOffice未生成PDF文件。")
        return pdf.read_bytes()


def _convert(soffice: str, source: Path, timeout: float) -> None:
    profile = (source.parent / "profile").as_uri()
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(source.parent),
        str(source),
    ]
    env = os.environ | {"FONTCONFIG_FILE": str(FONTS_CONF), "HOME": str(source.parent)}
    try:
        process = subprocess.Popen(
            command,
            cwd=source.parent,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # soffice starts soffice.bin: a timeout ends the whole group
        )
    except OSError as error:
        raise PdfUnavailable(f"无法启动LibreOffice：{error}") from error
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfUnavailable(f"LibreOffice转换超时（超过{timeout:g}秒）。") from error
    if process.returncode != 0:
        detail = err.decode(errors="replace").strip()[-300:]
        raise PdfUnavailable(f"LibreOffice转换失败（退出码{process.returncode}）：{detail}")
