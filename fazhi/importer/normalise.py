"""Text normalised for matching, always the same length as the original.

Every character maps to exactly one character (OpenCC t2s one character at a time, full-width
forms to half-width), so an offset into the normalised text is an offset into the original:
quotes are sliced from the original, in its own script (STACK.md: opencc converts character
by character; cn2an.transform changes lengths, so numbers are parsed span by span instead).
"""

import re
from functools import lru_cache

import cn2an
import opencc

_T2S = opencc.OpenCC("t2s")
# Chinese numerals as they appear in figures: 三十、一百二十、两千、十九 (no 第, no 是 after).
CN_DIGITS = "零〇一二两三四五六七八九十百千"
# Digits, with thousands separated by commas ("1,326") or not, or Chinese numerals.
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
NUM = rf"(?:{DIGITS}|[{CN_DIGITS}][{CN_DIGITS}万亿]*(?:点[{CN_DIGITS}]+)?)"
NUMBER = re.compile(rf"(?P<pct>百分之)?(?P<num>{NUM})(?P<about1>余|多)?(?P<mult>万|亿)?(?P<about2>余|多)?")
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}


def normalise(text: str) -> str:
    """Simplified script and half-width forms, character for character."""
    converted = _T2S.convert(text)
    if len(converted) != len(text):  # a phrase rule changed the length: go character by character
        converted = "".join(_one_char(c) for c in text)
    return converted.translate(_HALF_WIDTH)


@lru_cache(maxsize=4096)
def _one_char(char: str) -> str:
    out = _T2S.convert(char)
    return out if len(out) == 1 else char


_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def is_traditional(text: str, normalised: str) -> bool:
    """Traditional when t2s changes a noticeable share of the Chinese characters."""
    han = [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return False
    changed = sum(1 for i in han if text[i] != normalised[i])
    return changed / len(han) > 0.04


def parse_number(span: str) -> float | None:
    """The value of one figure as written: "30余" → 30, "1.9万余" → 19000, "百分之百" → 100,
    "三十" → 30, "96.9" → 96.9, "1,326" → 1326. None when the span is not a number."""
    match = NUMBER.fullmatch(span)
    if match is None:
        return None
    return value_of(match)


def value_of(match: re.Match) -> float | None:
    base = _digits(match["num"])
    if base is None:
        return None
    if match["mult"]:
        base *= MULTIPLIERS[match["mult"]]
    return round(base, 6)


def _digits(text: str) -> float | None:
    if text[0].isdigit():
        return float(text.replace(",", ""))
    if text == "百":  # 百分之百
        return 100.0
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None
