"""Figures of the vocabulary, found in the normalised text and quoted from the original.

One pass finds every number written with a unit; each is then offered to the vocabulary
(vocabulary.py), and the key whose naming phrase is nearest wins. Nothing here is specific
to one report: a figure no declaration claims is not reported.
"""

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from .normalise import NUM, value_of
from .vocabulary import UNITS, VOCABULARY, Term

FIGURE = re.compile(
    rf"(?P<pct>百分之)?(?P<num>{NUM})(?P<about1>余|多)?(?P<mult>万|亿)?(?P<about2>余|多)?"
    rf"\s?(?P<unit>%|{'|'.join(UNITS)})?"
)
CLAUSE_ENDS = "，,；;。：:\n()（）!！?？"
SENTENCE_ENDS = "；;。\n!！?？"
ITEM_SEPARATOR = "、"
BREAKDOWN = "其中"
WINDOW = 16  # characters between a naming phrase and its number
REACH = 2000  # no clause or sentence of a report is longer
AFTER_WINDOW = 12
# A Chinese numeral is a figure only in a plain position: not 第一, 一是, 十九大, 五中全会 …
NOT_AFTER = "第"
NOT_BEFORE = "是届中大次"


@dataclass(frozen=True)
class Figure:
    key: str
    value: float
    unit: str
    quote: str
    start: int
    end: int

    def as_json(self) -> dict:
        data = asdict(self)
        data["value"] = int(self.value) if float(self.value).is_integer() else self.value
        return data


@dataclass(frozen=True)
class Number:
    start: int  # of the number in the text
    end: int  # after its unit
    value: float
    unit: str


def numbers(norm: str, text: str | None = None) -> list[Number]:
    found = []
    for match in _figures(norm, norm if text is None else text):
        unit = "%" if match["pct"] else match["unit"]
        if not unit or _misplaced(match, norm):
            continue
        value = value_of(match)
        if value is not None:
            found.append(Number(match.start(), match.end(), value, unit))
    return found


def _figures(norm: str, text: str):
    """FIGURE's matches, where a comma between digits is a thousands separator only if it
    was one in the original: "12，300件" (a full-width comma) is a clause break, then 300件."""
    at = 0
    while (match := FIGURE.search(norm, at)) is not None:
        comma = text.find("，", match.start("num"), match.end("num"))
        if comma >= 0:
            at = comma + 1
            continue
        yield match
        at = max(match.end(), at + 1)


def _misplaced(match: re.Match, norm: str) -> bool:
    start, end = match.start(), match.end()
    if start and (norm[start - 1].isdigit() or norm[start - 1] in ".-/"):
        return True
    if match["num"][0].isdigit():
        return False
    return (start and norm[start - 1] in NOT_AFTER) or norm[end : end + 1] in tuple(NOT_BEFORE)


def extract(text: str, norm: str) -> list[Figure]:
    """Every figure of the vocabulary in `text` (its normalised form `norm`, same length)."""
    found, previous_end = [], 0
    for number in numbers(norm, text):
        clause_start = _boundary_before(norm, number.start, CLAUSE_ENDS)
        window_start = max(clause_start, previous_end, number.start - WINDOW)
        previous_end = number.end
        figure = _claim(text, norm, number, window_start, clause_start)
        if figure is not None:
            found.append(figure)
    return sorted(found + zeros(text, norm), key=lambda f: f.start)


def _boundary_before(norm: str, index: int, ends: str) -> int:
    """Where the clause (or sentence) around `index` begins; looked for within REACH, so that
    a long text costs time in proportion to its length."""
    low = max(0, index - REACH)
    found = max(norm.rfind(c, low, index) for c in ends)
    return found + 1 if found >= 0 else low


def _boundary_after(norm: str, index: int, ends: str) -> int:
    found = _ends_pattern(ends).search(norm, index)
    return found.start() if found else len(norm)


@lru_cache(maxsize=8)
def _ends_pattern(ends: str) -> re.Pattern:
    return re.compile(f"[{re.escape(ends)}]")


def _claim(text: str, norm: str, number: Number, window_start: int, clause_start: int) -> Figure | None:
    clause_end = _boundary_after(norm, number.end, CLAUSE_ENDS)
    clause = norm[clause_start:clause_end]
    item = _item(norm, number, clause_start, clause_end)
    if BREAKDOWN in norm[clause_start : number.start]:
        item = BREAKDOWN + item  # "其中A3件、B2件": every item of the list is a part
    sentence = norm[_boundary_before(norm, number.start, SENTENCE_ENDS) : number.start]
    before = norm[window_start : number.start]
    after = norm[number.end : min(clause_end, number.end + AFTER_WINDOW)]
    best = None
    for term in VOCABULARY:
        if number.unit not in term.units or any(word in item for word in term.excludes):
            continue
        place = _named(term, before, after)
        if place is None or not _in_context(term, clause, sentence):
            continue
        if best is None or place[0] < best[0][0]:
            best = (place, term)
    if best is None:
        return None
    (distance, phrase_len, is_after), term = best
    if is_after:
        start, end = number.start, number.end + distance + phrase_len
    else:
        start, end = number.start - distance - phrase_len, number.end
    value = number.value
    return Figure(term.key, value, term.unit, text[start:end], start, end)


def _item(norm: str, number: Number, clause_start: int, clause_end: int) -> str:
    """The figure's own item of a clause that lists several ("建议98件、提案121件"): what
    rules a figure out must be said of it, not of its neighbour in the list."""
    start = max(clause_start, norm.rfind(ITEM_SEPARATOR, clause_start, number.start) + 1)
    stop = norm.find(ITEM_SEPARATOR, number.end, clause_end)
    return norm[start : clause_end if stop < 0 else stop]


def _named(term: Term, before: str, after: str) -> tuple[int, int, bool] | None:
    """(distance, phrase length, after?) of the nearest naming phrase, longest on a tie."""
    places = []
    for phrase in term.before:
        at = before.rfind(phrase)
        if at >= 0:
            places.append((len(before) - at - len(phrase), -len(phrase), False))
    for phrase in term.after:
        at = after.find(phrase)
        if at >= 0:
            places.append((at, -len(phrase), True))
    if not places:
        return None
    distance, negative_len, is_after = min(places)
    return distance, -negative_len, is_after


def _in_context(term: Term, clause: str, sentence: str) -> bool:
    if not term.context:
        return True
    where = clause if term.context_in == "clause" else sentence + clause
    return any(word in where for word in term.context)


# "未收到行政复议申请": a count stated as none. Its value is 0, its quote the negation and phrase.
# "未发生行政复议和行政诉讼案件" states two: nouns joined by 和/及/、 share the last one's head.
ZERO = re.compile(r"(?:未|没有)(?:收到|受理|发生)")
AND = re.compile(r"和|及|与|或|、")
HEADS = ("案件", "申请", "事项")


def zeros(text: str, norm: str) -> list[Figure]:
    found = []
    for match in ZERO.finditer(norm):
        end = _boundary_after(norm, match.end(), CLAUSE_ENDS)
        sentence = norm[_boundary_before(norm, match.start(), SENTENCE_ENDS) : match.start()]
        for part_start, part_end, part in _coordinated(norm, match.end(), end):
            claim = _zero_claim(part, sentence)
            if claim is not None:
                term, phrase_end = claim
                start, stop = match.start(), min(part_start + phrase_end, part_end)
                found.append(Figure(term.key, 0.0, term.unit, text[start:stop], start, stop))
    return found


def _coordinated(norm: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each noun of "A和B案件" after a negation; the text of each with
    the head it shares with the last ("行政复议" + "案件"), the offsets of the noun as written."""
    spans, at = [], start
    for separator in AND.finditer(norm, start, end):
        spans.append((at, separator.start()))
        at = separator.end()
    spans.append((at, end))
    head = next((h for h in HEADS if h in norm[spans[-1][0] : end]), "")
    parts = [(s, e, norm[s:e]) for s, e in spans if e > s]
    return [(s, e, text if head in text else text + head) for s, e, text in parts]


def _zero_claim(part: str, sentence: str) -> tuple[Term, int] | None:
    """The term whose longest naming phrase is in `part`, and where that phrase ends."""
    claims = [
        (len(phrase), part.find(phrase) + len(phrase), term)
        for term in VOCABULARY
        if not term.is_rate
        and not any(word in part for word in term.excludes)
        and _in_context(term, part, sentence)
        for phrase in term.before
        if phrase in part
    ]
    if not claims:
        return None
    _, phrase_end, term = max(claims, key=lambda c: c[0])
    return term, phrase_end
