"""The text as HTML, for any text and any ranges (nested, crossing, across lines): the text
comes back whole and escaped, and a figure that crosses no other is one mark around its quote."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.importer.display import document
from fazhi.importer.models import ImportedFigure, ImportedReport

from .test_report_page import read

TEXT = st.text(st.sampled_from(list("法治报告，。\n<>&\"'12件")), min_size=1, max_size=80)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def reports(draw):
    text = draw(TEXT)
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=6))
    figures = [
        ImportedFigure(pk=n + 1, key="k", value=1, unit="件", quote=text[a:b], start=a, end=b)
        for n, (a, b) in enumerate(sorted(tuple(sorted(span)) for span in spans))
        if a < b and "\n" not in text[a:b]
    ]
    warning = {"kind": "garbled", "message": "<乱码>"}
    warnings = [warning | {"start": a, "end": b} for a, b in spans[:2] if a <= b]
    part = {"present": True, "start": 0, "end": len(text)}
    return ImportedReport(text=text, sections={"measures": part}, warnings=warnings), figures


def crosses(figure, figures) -> bool:
    def cross(a, b) -> bool:
        return a.start < b.start < a.end < b.end

    return any(cross(other, figure) or cross(figure, other) for other in figures)


@FAST
@given(reports())
def test_the_text_comes_back_whole_and_every_figure_that_crosses_none_is_one_mark(case):
    report, figures = case
    html = str(document(report, figures, {"k": "名称"}))
    found = read(f'<div class="doc-text">{html}</div>')
    assert "\n".join(found.lines) == report.text
    for figure in figures:
        if not crosses(figure, figures):
            assert found.marks[f"fig-{figure.pk}"] == figure.quote
