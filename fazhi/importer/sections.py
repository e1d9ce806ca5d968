"""The five mandated parts of a 法治政府建设年度报告, located in the text.

督察工作规定 (厅字〔2019〕28号, LAW.md §2) asks each report for: (一) 主要举措和成效; (二) 存在的
不足和原因; (三) 党政主要负责人履行推进法治建设第一责任人职责情况; (四) 下一年度主要安排;
(五) 其他需要报告的情况. Reports number and word their headings freely (五 after 三, no
number at all, a covering letter first), so parts are recognised by the words of their
heading, never by their number; a heading naming no part continues the part before it.
Offsets are into the original text (the normalised text has the same length).
"""

import re
from dataclasses import dataclass

PARTS = ("measures", "shortcomings", "first_responsible", "next_year_plan", "other")
REQUIRED = PARTS[:4]
PART_NAMES = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "first_responsible": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "next_year_plan": "下一年度工作安排",
    "other": "其他需要报告的情况",
}
# Heading words of each part, tried in this order (a plan heading may say 成效, not vice versa).
HEADING_WORDS = (
    ("other", ("其他需要报告", "其他情况", "其他事项")),
    ("first_responsible", ("第一责任人", "主要负责人履行")),
    ("shortcomings", ("存在的问题", "存在问题", "不足", "问题和困难", "工作难点", "薄弱环节")),
    (
        "next_year_plan",
        (
            "工作计划",
            "工作安排",
            "下一步",
            "下一年",
            "工作思路",
            "工作打算",
            "主要安排",
            "努力方向",
            "工作设想",
        ),
    ),
    ("measures", ("举措", "成效", "工作情况", "主要做法", "建设情况", "主要工作", "工作开展")),
)
ORDINALS = "一二三四五六七八九十"
TOP = re.compile(rf"\s*(?:第)?([{ORDINALS}]{{1,3}})(?:部分)?\s*[、.]")
SUB = re.compile(rf"\s*\(([{ORDINALS}]{{1,3}})\)")
# 在取得成绩的同时，…仍存在不足: the shortcomings written as a paragraph, without a heading.
INLINE_SHORTCOMINGS = ("存在不足", "存在的问题", "存在以下问题", "仍存在", "还存在", "不足之处")
HEADING_MAX = 40


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # normalised


@dataclass(frozen=True)
class Heading:
    line: Line
    number: str | None  # 一, 二 … or None for an unnumbered heading line
    part: str | None


@dataclass
class Outline:
    parts: dict[str, tuple[int, int]]  # part → (start, end) in the text
    headings: list[Heading]
    body_end: int  # where the signature, date and site footer begin

    def as_json(self) -> dict:
        return {
            part: {
                "present": part in self.parts,
                "start": self.parts.get(part, (None,))[0],
                "end": self.parts.get(part, (None, None))[1],
            }
            for part in PARTS
        }


def lines_of(norm: str) -> list[Line]:
    found, start = [], 0
    for piece in norm.split("\n"):
        if piece.strip():
            found.append(Line(start, start + len(piece), piece))
        start += len(piece) + 1
    return found


def part_of(heading_text: str) -> str | None:
    for part, words in HEADING_WORDS:
        if any(word in heading_text for word in words):
            return part
    return None


def top_headings(lines: list[Line]) -> list[Heading]:
    found = []
    for line in lines:
        match = TOP.match(line.text)
        if match:
            found.append(Heading(line, match[1], part_of(_first_sentence(line.text))))
        elif _is_bare_heading(line.text):
            found.append(Heading(line, None, part_of(line.text)))
    return found


def _first_sentence(text: str) -> str:
    return re.split(r"[。.;；]", text[2:], maxsplit=1)[0][:HEADING_MAX] if "。" in text else text


def _is_bare_heading(text: str) -> bool:
    short = len(text.strip()) <= 20 and not re.search(r"[。，,；;：:]", text)
    return short and part_of(text) in ("shortcomings", "next_year_plan", "other")


def body_end(lines: list[Line]) -> int:
    """After the last paragraph of prose: what follows is signature, date and footer."""
    for line in reversed(lines):
        if len(line.text.strip()) > 30 or line.text.rstrip().endswith("。"):
            return line.end
    return lines[-1].end if lines else 0


def outline(norm: str) -> Outline:
    lines = lines_of(norm)
    headings = top_headings(lines)
    end = body_end(lines)
    parts: dict[str, tuple[int, int]] = {}
    current, start = None, None
    for heading in headings:
        part = heading.part or current or "measures"
        if part != current:
            if current is not None:
                parts.setdefault(current, (start, heading.line.start))
            current, start = part, heading.line.start
    if current is not None:
        parts.setdefault(current, (start, max(end, start)))
    _inline_shortcomings(norm, lines, parts)
    _first_responsible(norm, lines, parts)
    return Outline({p: parts[p] for p in PARTS if p in parts}, headings, end)


def _inline_shortcomings(norm: str, lines: list[Line], parts: dict) -> None:
    if "shortcomings" in parts or "measures" not in parts:
        return
    start, end = parts["measures"]
    for line in lines:
        plain = start < line.start < end and not TOP.match(line.text) and not SUB.match(line.text)
        if plain and any(word in line.text[:60] for word in INLINE_SHORTCOMINGS):
            parts["shortcomings"] = (line.start, end)
            parts["measures"] = (start, line.start)
            return


def _first_responsible(norm: str, lines: list[Line], parts: dict) -> None:
    """A sub-heading, or failing that a sentence, on the 第一责任人 duty, outside the plan
    and the shortcomings (a promise for next year is not a report of this one)."""
    if "first_responsible" in parts:
        return
    outside = [parts[p] for p in ("next_year_plan", "shortcomings") if p in parts]
    for match in re.finditer("第一责任人", norm):
        if any(s <= match.start() < e for s, e in outside) or _in_title(norm, match.start()):
            continue
        start = max(norm.rfind(c, 0, match.start()) for c in "。\n") + 1
        stop = [i for i in (norm.find(c, match.end()) for c in "。\n") if i >= 0]
        sentence_end = min(stop, default=len(norm)) + 1
        if "履行" in norm[start:sentence_end] or "职责" in norm[start:sentence_end]:
            parts["first_responsible"] = (start, min(sentence_end, len(norm)))
            return


def _in_title(norm: str, index: int) -> bool:
    """Inside 《…》: the name of a regulation (《…第一责任人职责规定》), not the duty itself."""
    return norm.rfind("《", 0, index) > norm.rfind("》", 0, index)
