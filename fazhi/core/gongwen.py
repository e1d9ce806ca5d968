"""The 公文 page in python-docx, after GB/T 9704-2012《党政机关公文格式》: A4, the margins of its
版心, the official faces and sizes, and text made safe for the XML of a .docx.

The faces named here (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) are those an office's Word
has; Word takes Chinese glyphs from `w:eastAsia`, so every run and the Normal style carry it.
On a server without them, LibreOffice draws them through fazhi/reports/fonts/fonts.conf.
"""

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"  # 标题：2号小标宋体字
BODY_FONT = "仿宋_GB2312"  # 正文：3号仿宋体字
HEADING_FONT = "黑体"  # 第一层标题“一、”
SUBHEADING_FONT = "楷体_GB2312"  # 第二层标题“（一）”
PAGE_NUMBER_FONT = "宋体"  # 页码：4号半角宋体阿拉伯数字

# 字号 in points
ERHAO, SANHAO, SIHAO, XIAOSI = 22.0, 16.0, 14.0, 12.0

# 版心 156 mm × 225 mm: 22 lines of 三号 make 225 mm / 22 = 28.95 pt a line (GB/T 9704 §5.2.2).
LINE = Pt(28.95)
TEXT_WIDTH_MM = 210 - 28 - 26

# What the XML of a .docx cannot hold (XML 1.0 Char): C0 controls but tab and newline, lone
# surrogates, U+FFFE/U+FFFF; C1 controls and DEL never belong in a 公文 either.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """The text with what python-docx would reject removed; CR line ends become newlines."""
    return _UNSAFE.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def page_and_style(doc) -> None:
    """A4 with the margins of GB/T 9704 公文 (上37 下35 左28 右26 mm); 仿宋_GB2312 三号 as Normal."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(SANHAO)
    properties = normal.element.get_or_add_rPr()
    properties.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = properties.makeelement(qn("w:lang"), {})
        properties.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")  # Chinese line breaking (避头尾) in Word and LibreOffice


def run_font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def add_run(paragraph, text: str, font: str, size: float, bold: bool = False):
    run = paragraph.add_run(xml_safe(text))
    run_font(run, font, size, bold)
    return run


def paragraph(
    doc,
    text: str,
    font: str,
    size: float,
    center: bool = False,
    indent: bool = False,
    line=None,
    bold: bool = False,
):
    """One paragraph in one face; `indent` is 首行缩进二字, `line` a fixed line height."""
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        para.paragraph_format.first_line_indent = Pt(size * 2)  # 首行缩进二字
    if line is not None:
        fixed(para, line)
    add_run(para, text, font, size, bold)
    return para


def fixed(para, line) -> None:
    """Exactly `line` per line and no space around the paragraph: the 公文 grid of 22 lines."""
    form = para.paragraph_format
    form.line_spacing, form.space_before, form.space_after = line, Pt(0), Pt(0)


def width(text: str) -> float:
    """Width in characters of the text in a CJK face: a Chinese character is one, an ASCII
    character a little over half (the proportional digits of Noto CJK), plus the 1/5 character
    Word and LibreOffice put between Chinese and digits or Latin letters (autospace)."""
    ascii_ = [ord(c) < 0x80 for c in text]
    changes = sum(a != b for a, b in zip(ascii_, ascii_[1:], strict=False))
    return sum(0.56 if a else 1.0 for a in ascii_) + 0.2 * changes
