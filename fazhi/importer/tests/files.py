"""Files as a supervisor uploads them: seeds, a Word file and a PDF built here, bad ones."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.tests.files import tiny_pdf

from .conftest import SEEDS

REPORT_LINES = [
    "丙镇人民政府2025年法治政府建设年度报告",
    "一、主要举措和成效",
    "全年共收到政府信息公开申请12件，已办理答复完毕11件。受理行政复议申请3件，审结3件。",
    "二、存在的不足和原因",
    "法治宣传的针对性有待提升。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "镇长切实履行推进法治建设第一责任人职责，全年集中学法6次。",
    "四、2026年工作安排",
    "持续推进依法行政。",
]


def seed_file(prefix: str) -> SimpleUploadedFile:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def text_file(name: str, text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/plain")


def docx_file(name: str, lines: list[str]) -> SimpleUploadedFile:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def pdf_file(name: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(lines), content_type="application/pdf")
