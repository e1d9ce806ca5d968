"""The 法治政府建设年度报告 export: seconds to build the .docx of a large report (5 parts, about
60 paragraphs, a 40-row table) — the issue's target is under 3 s — and seconds for its PDF
through LibreOffice (one conversion; most of it is starting LibreOffice). No database work."""

import statistics
import time

from bench import figure, log

PARTS = (
    ("measures", "一", "主要举措和成效"),
    ("shortcomings", "二", "存在的不足和原因"),
    ("first_responsible", "三", "党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("next_year_plan", "四", "下一年度推进法治政府建设的主要安排"),
    ("other", "五", "其他需要报告的情况"),
)
HEADINGS = (
    "健全依法行政制度体系",
    "深入推进政务公开",
    "严格规范公正文明执法",
    "强化行政权力制约和监督",
    "依法有效化解社会矛盾纠纷",
)
SENTENCES = (
    "全年新收政府信息公开申请29件，均在法定期限内答复，未发生因答复超期被纠正的情形。",
    "严格落实重大行政决策程序规定，对涉及群众切身利益的3项决策事项开展公众参与和专家论证。",
    "组织开展行政规范性文件清理，废止文件4件、修改文件2件，清理结果已向社会公布。",
    "坚持把法治教育纳入干部教育培训总体规划，全年举办法治专题讲座6期，参训干部达420人次。",
    "推行行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，执法案卷评查合格率100%。",
    "畅通行政复议和行政诉讼渠道，全年办理行政复议案件11件，行政机关负责人出庭应诉率达到100%。",
)
ROWS = (
    ("本年新收政府信息公开申请数量", "件"),
    ("主动公开政府信息数量", "条"),
    ("制定行政规范性文件数量", "件"),
    ("行政复议案件数量", "件"),
    ("行政诉讼案件数量", "件"),
    ("组织法治培训场次", "场"),
    ("参加法治培训人次", "人次"),
    ("行政执法案件数量", "件"),
)


def report(paragraphs: int = 60, rows: int = 40, final: bool = True) -> dict:
    """A realistic document() dict: `paragraphs` spread over the five parts, one table."""
    per_part = max(1, paragraphs // len(PARTS))
    parts = []
    for i, (key, number, title) in enumerate(PARTS):
        blocks = []
        for j in range(per_part):
            if j % 4 == 0:
                blocks.append({"kind": "heading", "text": HEADINGS[(i + j // 4) % len(HEADINGS)]})
            text = "".join(SENTENCES[(i + j + k) % len(SENTENCES)] for k in range(3))
            blocks.append({"kind": "paragraph", "source": "records", "text": text, "figures": []})
            if i == 0 and j == 1:
                blocks.append(table(rows))
        parts.append({"key": key, "number": number, "title": title, "blocks": blocks})
    return {
        "title": "示例市教育局2025年法治政府建设年度报告",
        "org": {"code": "SL-JYJ", "name": "示例市教育局"},
        "year": 2025,
        "version": 2,
        "state": "published" if final else "draft",
        "state_label": "已公开" if final else "起草中",
        "final": final,
        "issuer": "示例市教育局",
        "date": "2026-02-20",
        "parts": parts,
        "figures": [],
    }


def table(rows: int) -> dict:
    lines = []
    for i in range(rows):
        name, unit = ROWS[i % len(ROWS)]
        label = name if i < len(ROWS) else f"{name}（第{i // len(ROWS) + 1}季度抽查）"
        lines.append([label, f"{29 + i * 3}{unit}", f"{20 + i * 2}{unit}"])
    return {
        "kind": "table",
        "caption": "2025年主要数据（与2024年对比）",
        "head": ["指标", "2025年", "2024年"],
        "rows": lines,
    }


def run(connection, args) -> list[dict]:
    from fazhi.reports.export import PdfUnavailable, to_docx, to_pdf

    doc = report()
    to_docx(doc)  # warm up (imports, the template)
    seconds = []
    for _ in range(7):
        started = time.perf_counter()
        data = to_docx(doc)
        seconds.append(time.perf_counter() - started)
    log(f"  docx: {len(data):,} bytes, median {statistics.median(seconds):.3f} s over 7 builds")
    figures = [figure("report_docx.docx_seconds", statistics.median(seconds), "s")]
    try:
        started = time.perf_counter()
        pdf = to_pdf(doc)
        figures.append(figure("report_docx.pdf_seconds", time.perf_counter() - started, "s"))
        log(f"  pdf: {len(pdf):,} bytes")
    except PdfUnavailable as error:
        log(f"  pdf skipped: {error}")
    return figures
