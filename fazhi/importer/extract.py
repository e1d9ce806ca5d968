"""Figures of the vocabulary, found in the normalised text and quoted from the original.

One pass finds every number written with a unit; each is then offered to the vocabulary
(vocabulary.py), and the key whose naming phrase is nearest wins. Nothing here is specific
to one report: a figure no declaration claims is not reported.
"""

import re
from dataclasses import asdict, dataclass

from .normalise import CN_DIGITS, value_of
from .vocabulary import UNITS, VOCABULARY, Term

_NUM = rf"(?:\d+(?:\.\d+)?|[{CN_DIGITS}][{CN_DIGITS}万亿]*(?:点[{CN_DIGITS}]+)?)"
FIGURE = re.compile(
    rf"(?P<pct>百分之)?(?P<num>{_NUM})(?P<about1>余|多)?(?P<mult>万|亿)?(?P<about2>余|多)?"
    rf"\s?(?P<unit>%|{'|'.join(UNITS)})?"
)
CLAUSE_ENDS = "，,；;。：:\n()（）!！?？"
SENTENCE_ENDS = "；;。\n!！?？"
WINDOW = 16  # characters between a naming phrase and its number
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


def numbers(norm: str) -> list[Number]:
    found = []
    for match in FIGURE.finditer(norm):
        unit = "%" if match["pct"] else match["unit"]
        if not unit or _misplaced(match, norm):
            continue
        value = value_of(match)
        if value is not None:
            found.append(Number(match.start(), match.end(), value, unit))
    return found


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
    for number in numbers(norm):
        clause_start = _boundary_before(norm, number.start, CLAUSE_ENDS)
        window_start = max(clause_start, previous_end, number.start - WINDOW)
        previous_end = number.end
        figure = _claim(text, norm, number, window_start, clause_start)
        if figure is not None:
            found.append(figure)
    return sorted(found + zeros(text, norm), key=lambda f: f.start)


def _boundary_before(norm: str, index: int, ends: str) -> int:
    return max(norm.rfind(c, 0, index) for c in ends) + 1


def _boundary_after(norm: str, index: int, ends: str) -> int:
    hits = [i for i in (norm.find(c, index) for c in ends) if i >= 0]
    return min(hits, default=len(norm))


def _claim(text: str, norm: str, number: Number, window_start: int, clause_start: int) -> Figure | None:
    clause_end = _boundary_after(norm, number.end, CLAUSE_ENDS)
    clause = norm[clause_start:clause_end]
    sentence = norm[_boundary_before(norm, number.start, SENTENCE_ENDS) : number.start]
    before = norm[window_start : number.start]
    after = norm[number.end : min(clause_end, number.end + AFTER_WINDOW)]
    best = None
    for term in VOCABULARY:
        if number.unit not in term.units or any(word in clause for word in term.excludes):
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
ZERO = re.compile(r"(?:未|没有)(?:收到|受理|发生)")


def zeros(text: str, norm: str) -> list[Figure]:
    found = []
    for match in ZERO.finditer(norm):
        rest = norm[match.start() : _boundary_after(norm, match.end(), CLAUSE_ENDS)]
        sentence = norm[_boundary_before(norm, match.start(), SENTENCE_ENDS) : match.start()]
        claims = [
            (len(phrase), rest.find(phrase) + len(phrase), term)
            for term in VOCABULARY
            if not term.is_rate
            and not any(word in rest for word in term.excludes)
            and _in_context(term, rest, sentence)
            for phrase in term.before
            if phrase in rest[2:]
        ]
        if claims:
            _, length, term = max(claims, key=lambda c: c[0])
            start = match.start()
            found.append(
                Figure(term.key, 0.0, term.unit, text[start : start + length], start, start + length)
            )
    return found
