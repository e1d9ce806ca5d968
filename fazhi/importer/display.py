"""An imported report's original text as HTML for its page.

Every figure is a `<mark>` around exactly [start, end) of the original text; the mandated
parts are outlined (a label where each begins, lines marked with the part they belong to) and
anchored; every warning with a place is anchored and underlined there. Everything else is the
text itself, escaped. Ranges that nest are nested; a warning or a part is cut where a figure
begins or ends inside it, and any other range that crosses another is closed and opened again
(only its first piece carries the id).
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .models import ImportedFigure, ImportedReport

WARNING_KINDS = {
    "missing_section": "缺少必备内容",
    "heading_numbering": "标题序号",
    "garbled": "文字乱码",
    "contradiction": "数字矛盾",
    "year": "年度",
}


@dataclass(frozen=True, eq=False)  # two warnings may cover the same passage: compared by identity
class Range:
    start: int
    end: int
    opening: str  # the first piece's opening tag (with its id)
    again: str  # the opening tag of a later piece
    closing: str


@dataclass(frozen=True)
class Anchor:
    at: int
    html: str


def figure_range(figure: ImportedFigure, name: str) -> Range:
    kind = "fig corrected" if figure.is_corrected else "fig"
    shown = f"{name}：{figure.shown_value}{figure.unit}"
    opening = format_html(
        '<mark class="{}" id="fig-{}" data-figure="{}" tabindex="0" title="{}">',
        kind,
        figure.pk,
        figure.pk,
        shown,
    )
    again = format_html('<mark class="{}" data-figure="{}">', kind, figure.pk)
    return Range(figure.start, figure.end, opening, again, "</mark>")


def warning_marks(warnings: list[dict]) -> tuple[list[Range], list[Anchor]]:
    ranges, anchors = [], []
    for number, warning in enumerate(warnings):
        if warning.get("start") is None:
            continue
        kind = escape(warning["kind"])
        anchors.append(
            Anchor(
                warning["start"],
                format_html(
                    '<span class="warn-at" id="warn-{}" title="{}" aria-label="提示{}"></span>',
                    number,
                    warning["message"],
                    number + 1,
                ),
            )
        )
        opening = f'<span class="warn-range warn-{kind}">'
        ranges.append(
            Range(warning["start"], max(warning["end"], warning["start"]), opening, opening, "</span>")
        )
    return ranges, anchors


def part_marks(report: ImportedReport, text: str) -> tuple[list[Range], dict[int, str], list[Anchor]]:
    """Inline parts (a sentence inside another part, e.g. the 第一责任人 duty) as ranges; the
    label of each part beginning a line, by that line's start; anchors of the inline ones."""
    ranges, labels, anchors = [], {}, []
    for part in report.parts:
        if not part["present"]:
            continue
        start, label = part["start"], f"{part['number']}. {part['name']}"
        if start == 0 or text[start - 1] == "\n":
            labels[start] = format_html(
                '<div class="part-label part-{}" id="part-{}">{}</div>', part["key"], part["key"], label
            )
            continue
        anchors.append(
            Anchor(
                start,
                format_html(
                    '<span class="part-at part-{}" id="part-{}" data-number="{}" title="{}"></span>',
                    part["key"],
                    part["key"],
                    part["number"],
                    label,
                ),
            )
        )
        opening = f'<span class="part-inline part-{part["key"]}">'
        ranges.append(Range(start, part["end"], opening, opening, "</span>"))
    return ranges, labels, anchors


def line_part(parts: list[dict], at: int) -> str:
    """The part a line belongs to: the innermost part containing its start."""
    inside = [p for p in parts if p["present"] and p["start"] <= at < p["end"]]
    return max(inside, key=lambda p: p["start"])["key"] if inside else ""


def document(report: ImportedReport, figures: list[ImportedFigure], names: dict[str, str]) -> SafeString:
    """The whole text: one paragraph per line. One pass over the ranges and anchors sorted by
    their start, so a long text with many figures costs no more than its length."""
    text, parts = report.text, report.parts
    marks = [figure_range(f, names.get(f.key, f.key)) for f in figures]
    warn_ranges, anchors = warning_marks(report.warnings)
    inline, labels, part_anchors = part_marks(report, text)
    bounds = sorted({r.start for r in marks} | {r.end for r in marks})
    pieces = [piece for r in warn_ranges + inline for piece in _pieces(r, bounds)]
    ranges = sorted(marks + pieces, key=lambda r: r.start)
    anchors = sorted(anchors + part_anchors, key=lambda a: a.at)
    out, start, active, next_range, next_anchor = [], 0, [], 0, 0
    for line in text.split("\n"):
        end = start + len(line)
        while next_range < len(ranges) and ranges[next_range].start < end:
            active.append(ranges[next_range])
            next_range += 1
        active = [r for r in active if r.end > start]
        here = []
        while next_anchor < len(anchors) and anchors[next_anchor].at <= end:
            here.append(anchors[next_anchor])
            next_anchor += 1
        part = line_part(parts, start)
        css = f"ln in-{part}" if part else "ln"
        css += "" if line.strip() else " blank"
        out.append(f'{labels.get(start, "")}<p class="{css}">{render(text, start, end, active, here)}</p>')
        start = end + 1
    return mark_safe("".join(out))  # noqa: S308 — every piece of text above is escaped


def _pieces(r: Range, bounds: list[int]) -> list[Range]:
    """A warning or a part cut where a figure begins or ends inside it, so that it nests
    with the figures and never splits a figure's mark."""
    cuts = [r.start, *bounds[bisect_right(bounds, r.start) : bisect_left(bounds, r.end)], r.end]
    return [
        Range(a, b, r.opening if n == 0 else r.again, r.again, r.closing)
        for n, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False))
    ]


def render(text: str, start: int, end: int, ranges: list[Range], anchors: list[Anchor]) -> str:
    """text[start:end] with the ranges and anchors that fall in it."""
    mine = [r for r in ranges if r.start < end and r.end > start]
    here = [a for a in anchors if start <= a.at < end or (a.at == end and _ends_line(text, end))]
    cuts = {start, end, *(a.at for a in here)}
    cuts |= {max(r.start, start) for r in mine} | {min(r.end, end) for r in mine}
    cuts = sorted(cuts)
    out, stack = [], []
    for at, following in zip(cuts, [*cuts[1:], end], strict=True):
        _close_at(at, stack, out)
        out += [a.html for a in here if a.at == at]
        starting = [r for r in mine if max(r.start, start) == at < end and r not in stack]
        for r in sorted(starting, key=lambda r: -r.end):
            out.append(r.opening if r.start >= start else r.again)
            stack.append(r)
        out.append(escape(text[at:following]))
    out += [r.closing for r in reversed(stack)]
    return "".join(out)


def _ends_line(text: str, end: int) -> bool:
    """An anchor on a line break (or at the very end) belongs to the line it ends."""
    return end == len(text) or text[end] == "\n"


def _close_at(at: int, stack: list[Range], out: list[str]) -> None:
    """Close the ranges ending at `at`; any range above one of them in the stack is closed
    with it and opened again after."""
    ending = [r for r in stack if r.end <= at]
    if not ending:
        return
    deepest = min(stack.index(r) for r in ending)
    above = stack[deepest:]
    out += [r.closing for r in reversed(above)]
    del stack[deepest:]
    for r in above:
        if r.end > at:
            out.append(r.again)
            stack.append(r)
