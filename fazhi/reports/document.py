"""A report version as one plain document — the JSON export, and what the .docx, the PDF, the
screen and the portal are drawn from. Figures are resolved into the text here, and each one
is also listed as an object {key, value, unit, year} with its place in its paragraph.
"""

import datetime
import json

from .drafting import NO_DATA, figure_index, figure_text
from .models import LawReport, ReportVersion
from .procedure import PARTS, State


def document(report: LawReport, version: ReportVersion | None = None) -> dict:
    version = version or report.current
    index = figure_index(version.figures)
    return {
        "title": report.title,
        "org": {"code": report.org.code, "name": report.org.name},
        "year": report.year,
        "version": version.number,
        "state": report.state,
        "state_label": State(report.state).label,
        "final": report.approved_version == version.number,
        "issuer": report.org.name,
        "date": _dated(report, version).isoformat(),
        "notice": "" if version.figures else NO_DATA.format(org=report.org.name, year=report.year),
        "parts": [_part(p, version, index) for p in PARTS],
        "figures": version.figures,
    }


def _dated(report: LawReport, version: ReportVersion) -> datetime.date:
    return report.published_on or version.drawn_on


def _part(part, version: ReportVersion, index: dict) -> dict:
    blocks = [_resolved(b, index) for b in version.generated(part.key)]
    blocks += [
        {"kind": "paragraph", "source": "narrative", "text": t}
        for t in paragraphs(version.narrative(part.key))
    ]
    return {"key": part.key, "number": part.number, "title": part.title, "blocks": blocks}


def paragraphs(text: str) -> list[str]:
    """The unit's text, one paragraph per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _resolved(block: dict, index: dict) -> dict:
    if block["kind"] == "heading":
        return block
    if block["kind"] == "table":
        rows = [[_cell(c, index) for c in row] for row in block["rows"]]
        return {"kind": "table", "caption": block["caption"], "head": block["head"], "rows": rows}
    return _paragraph(block["segments"], index)


def _cell(cell: dict, index: dict) -> str:
    return cell["text"] if "text" in cell else figure_text(index.get((cell["figure"], cell["year"])))


def _paragraph(segments: list[dict], index: dict) -> dict:
    text, figures = "", []
    for segment in segments:
        if "text" in segment:
            text += segment["text"]
            continue
        figure = index.get((segment["figure"], segment["year"])) or {"key": segment["figure"], "value": None}
        shown = figure_text(figure)
        figures.append(figure | {"start": len(text), "end": len(text) + len(shown)})
        text += shown
    return {"kind": "paragraph", "source": "records", "text": text, "figures": figures}


class Unavailable(Exception):
    """The PDF engine (LibreOffice) is missing or failed: the message says which."""


def rendered(doc: dict, fmt: str) -> bytes:
    """The document as JSON, .docx (公文 layout) or PDF (made from the .docx)."""
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2).encode()
    from . import export  # python-docx and LibreOffice only when a file is asked for

    if fmt == "docx":
        return export.to_docx(doc)
    try:
        return export.to_pdf(doc)
    except export.PdfUnavailable as unavailable:
        raise Unavailable(str(unavailable)) from unavailable
