"""The annual report as a 公文 (GB/T 9704-2012): the .docx read back with python-docx, and the PDF
LibreOffice makes of it read back with poppler (pdftoppm, pdftotext, pdffonts).

The documents are written here by hand in the shape of `document.document()`, so these tests
do not depend on the reports models. The PDF tests are skipped, saying why, only where
LibreOffice is not installed (scripts/system-deps.sh installs it on CI); they share one
conversion of a document full of unusual text.
"""

import io
import shutil
import struct
import subprocess

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from fazhi.core.gongwen import xml_safe
from fazhi.reports import export
from fazhi.reports.export import PdfUnavailable, chinese_date, chinese_number, title_lines, to_docx, to_pdf

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; scripts/system-deps.sh installs libreoffice-writer-nogui",
)

TITLE = "示例市教育局2025年法治政府建设年度报告"
FIRST_RESPONSIBLE = "党政主要负责人履行推进法治建设第一责任人职责情况"
LONG_PARAGRAPH = "依法行政" * 5000  # 20,000 characters
ODD = "繁體「法治政府建設」📄✅ <script>alert(1)</script> 控制\x00字符\x0b已去除"


def part(key: str, number: str, title: str, *blocks: dict) -> dict:
    return {"key": key, "number": number, "title": title, "blocks": list(blocks)}


def heading(text: str) -> dict:
    return {"kind": "heading", "text": text}


def para(text: str, source: str = "narrative") -> dict:
    return {"kind": "paragraph", "source": source, "text": text}


def table(rows: list[list[str]], caption: str = "2025年主要数据（与2024年对比）") -> dict:
    return {"kind": "table", "caption": caption, "head": ["指标", "2025年", "2024年"], "rows": rows}


def report(*parts: dict, final: bool = True, **changes) -> dict:
    return {
        "title": TITLE,
        "org": {"code": "SL-EDU", "name": "示例市教育局"},
        "year": 2025,
        "version": 2,
        "state": "published" if final else "draft",
        "state_label": "已公开" if final else "起草中",
        "final": final,
        "issuer": "示例市教育局",
        "date": "2026-02-20",
        "parts": list(parts) or five_parts(),
        "figures": [{"key": "disclosure.requests_received", "value": 29, "unit": "件", "year": 2025}],
    } | changes


def five_parts() -> list[dict]:
    figure = para("全年新收政府信息公开申请29件，均在法定期限内答复。", source="records")
    return [
        part(
            "measures",
            "一",
            "主要举措和成效",
            heading("深入推进政务公开"),
            figure,
            table([["本年新收政府信息公开申请数量", "29件", "20件"], ["行政复议案件数量", "11件", "9件"]]),
            heading("严格规范公正文明执法"),
            para("推行行政执法三项制度。"),
        ),
        part("shortcomings", "二", "存在的不足和原因", heading("（一）法治宣传"), para("宣传形式较为单一。")),
        part(
            "first_responsible",
            "三",
            "党政主要负责人履行推进法治建设第一责任人职责情况",
            para("主要负责人……"),
        ),
        part("next_year_plan", "四", "下一年度推进法治政府建设的主要安排", para("继续推进……")),
        part("other", "五", "其他需要报告的情况"),
    ]


def unusual() -> dict:
    rows = [[f"指标{i}", f"{i}件", f"{i + 1}件"] for i in range(60)]
    parts = five_parts()
    parts[1]["blocks"] += [para(LONG_PARAGRAPH), para(ODD), table(rows, caption="六十行的表")]
    return report(*parts)


def opened(doc: dict):
    return Document(io.BytesIO(to_docx(doc)))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def found(document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


def east_asian(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


# --- the page --------------------------------------------------------------------------------


def test_the_page_is_a4_with_the_margins_of_gb_t_9704():
    section = opened(report()).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm, 1) for m in margins] == [37.0, 35.0, 28.0, 26.0]


def test_the_normal_style_is_fangsong_gb2312_sanhao_for_chinese_text():
    normal = opened(report()).styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.size.pt == 16


def test_the_title_is_centred_in_xiaobiaosong_erhao():
    title = opened(report()).paragraphs[0]
    assert title.text == TITLE and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {(east_asian(r), r.font.size.pt) for r in title.runs} == {("方正小标宋简体", 22)}


def test_a_title_too_long_for_one_line_breaks_after_the_issuer():
    assert title_lines(TITLE, "示例市教育局") == [TITLE]
    long = "示例市和平镇人民政府2025年法治政府建设年度报告"
    assert title_lines(long, "示例市和平镇人民政府") == ["示例市和平镇人民政府", "2025年法治政府建设年度报告"]
    assert "\n" in opened(report(title=long, issuer="示例市和平镇人民政府")).paragraphs[0].text


def test_part_headings_are_heiti_and_sub_headings_kaiti_numbered_within_their_part():
    document = opened(report())
    one = found(document, "一、主要举措和成效")
    assert (east_asian(one.runs[0]), one.runs[0].font.size.pt) == ("黑体", 16)
    first, second = found(document, "（一）深入推进政务公开"), found(document, "（二）严格规范公正文明执法")
    assert {(east_asian(p.runs[0]), p.runs[0].font.size.pt) for p in (first, second)} == {("楷体_GB2312", 16)}
    assert "（一）法治宣传" in texts(document)  # numbering restarts in part 二, the given number not doubled


def test_body_paragraphs_are_indented_two_characters_on_a_fixed_line_of_about_29_points():
    body = found(opened(report()), "全年新收政府信息公开申请29件，均在法定期限内答复。")
    assert body.paragraph_format.first_line_indent.pt == 32
    assert 28 <= body.paragraph_format.line_spacing.pt <= 29
    assert east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16


def test_a_part_with_nothing_to_report_prints_its_heading_then_none():
    lines = texts(opened(report()))
    assert lines[lines.index("五、其他需要报告的情况") + 1] == "无。"


def test_the_table_has_its_caption_borders_and_values():
    document = opened(report())
    assert "2025年主要数据（与2024年对比）" in texts(document)
    grid = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert grid == [
        ["指标", "2025年", "2024年"],
        ["本年新收政府信息公开申请数量", "29件", "20件"],
        ["行政复议案件数量", "11件", "9件"],
    ]
    assert document.tables[0].style.name == "Table Grid"
    assert document.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated per page


def test_the_footer_numbers_pages_with_a_page_field_between_dashes():
    section = opened(report()).sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in "".join(t.text for t in footer._element.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and footer.paragraphs[0].text == "— 1 —"
        assert {east_asian(r) for r in footer.paragraphs[0].runs} == {"宋体"}
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_it_ends_with_the_issuer_above_the_date_written_in_chinese():
    lines = texts(opened(report()))
    assert lines[-2:] == ["示例市教育局", "2026年2月20日"]


def test_a_report_not_approved_by_the_head_is_marked_draft_under_the_title_and_in_the_header():
    draft = opened(report(final=False))
    assert texts(draft)[1] == "（草稿）"
    assert "草稿" in draft.sections[0].header.paragraphs[0].text
    final = opened(report())
    assert "草稿" not in "".join(texts(final)) + final.sections[0].header._element.xml


@pytest.mark.parametrize(
    ("iso", "chinese"), [("2026-02-20", "2026年2月20日"), ("2025-12-01", "2025年12月1日"), ("", "")]
)
def test_dates_are_written_with_year_month_and_day_without_leading_zeros(iso, chinese):
    assert chinese_date(iso) == chinese


def test_sub_headings_count_in_chinese_numerals():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]


# --- unusual text ----------------------------------------------------------------------------


def test_text_is_made_safe_for_xml_keeping_traditional_characters_and_emoji():
    assert xml_safe("a\x00b\x0bc\x1f\ud800d\tе\n「法治政府建設」📄✅") == "abcd\tе\n「法治政府建設」📄✅"
    assert xml_safe("一\r\n二\r三") == "一\n二\n三"


def test_unusual_text_still_makes_a_docx_that_reopens_with_it_all():
    document = opened(unusual())
    lines = texts(document)
    assert LONG_PARAGRAPH in lines
    assert "繁體「法治政府建設」📄✅ <script>alert(1)</script> 控制字符已去除" in lines
    assert len(document.tables[1].rows) == 61


# --- PDF -------------------------------------------------------------------------------------


def test_without_libreoffice_the_pdf_is_refused_in_chinese(monkeypatch):
    monkeypatch.setattr(export.shutil, "which", lambda name: None)
    with pytest.raises(PdfUnavailable, match="未安装LibreOffice"):
        to_pdf(report())


def test_a_failing_libreoffice_is_reported_not_raised_as_an_error_page(monkeypatch):
    monkeypatch.setattr(export.shutil, "which", lambda name: "/bin/false")
    with pytest.raises(PdfUnavailable, match="转换失败"):
        to_pdf(report())


def test_a_hanging_libreoffice_is_stopped_after_the_timeout(monkeypatch, tmp_path):
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nsleep 30\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(export.shutil, "which", lambda name: str(hanging))
    with pytest.raises(PdfUnavailable, match="超时"):
        to_pdf(report(), timeout=0.5)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    """One conversion of the unusual document, rendered to PNG pages at 50 dpi."""
    folder = tmp_path_factory.mktemp("pdf")
    path = folder / "report.pdf"
    path.write_bytes(to_pdf(unusual()))
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(folder / "page")], check=True)
    return path


def poppler(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def png_size(path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])  # IHDR width, height


@needs_soffice
def test_the_pdf_has_as_many_a4_pages_as_the_text_needs_none_blank(pdf):
    pages = sorted(pdf.parent.glob("page-*.png"))
    # 20,000 characters at 28 to a line and 22 lines to a page fill at least 32 pages.
    assert 36 <= len(pages) <= 50
    assert all(abs(w - 413) <= 1 and abs(h - 585) <= 1 for w, h in map(png_size, pages))  # A4 at 50 dpi
    text = poppler("pdftotext", "-layout", str(pdf), "-").split("\f")
    assert len([t for t in text if t.strip()]) == len(pages)


@needs_soffice
def test_the_pdf_text_holds_the_title_the_figures_and_the_unusual_text(pdf):
    text = "".join(poppler("pdftotext", str(pdf), "-").split())  # digits stand apart from 汉字 there
    assert TITLE in text and "申请29件" in text and "「法治政府建設」" in text
    assert "<script>alert(1)</script>" in text and "指标59" in text and "—1—" in text


@needs_soffice
def test_the_pdf_embeds_noto_cjk_and_no_type_3_font(pdf):
    fonts = poppler("pdffonts", str(pdf)).splitlines()[2:]
    cjk = [line for line in fonts if "NotoSerifCJK" in line or "NotoSansCJK" in line]
    assert cjk and all(" yes " in line for line in cjk)
    assert any("NotoSansCJK" in line for line in cjk)  # 黑体 headings, not a serif fallback
    assert not any("Type 3" in line for line in fonts)
