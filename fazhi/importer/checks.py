"""Warnings about one report: missing parts, garbled passages, contradicting figures, and a
report year that does not fit the dates in the text. Each warning is a dict with `kind`, a
Chinese `message` and, where it points at the text, `start`/`end` offsets."""

import re
from collections import defaultdict

from .extract import Figure
from .sections import PART_NAMES, REQUIRED, Outline

# Parts that can never exceed their whole, when each is stated once: (part, whole).
PART_OF = (
    ("disclosure.requests_answered", "disclosure.requests_received"),
    ("reconsideration.concluded", "reconsideration.received"),
    ("litigation.concluded", "litigation.cases"),
    ("litigation.head_appearances", "litigation.cases"),
)
# A stated rate and the counts it is computed from: (rate, numerator, denominator).
RATE_OF = (("litigation.head_appearance_rate", "litigation.head_appearances", "litigation.cases"),)
RATE_TOLERANCE = 1.0  # percentage points: reports round
LOWER_BOUND_WORDS = ("超过", "以上", "不低于", "不少于")
ALL_DONE_RATE = re.compile(r"(?:答复|回复|办结|办理)率(?:均|达到|达)?\s?(?:100%|百分之百)")
RECEIVED = re.compile(r"(?:收到|受理|提出|共)[^。；;]{0,12}?(\d+)件")
DONE = re.compile(r"(?:答复|回复|办结|办理)[^。；;，,]{0,6}?(\d+)件")
GARBLE_SIGNS = re.compile(
    r"\ufffd|[\ue000-\uf8ff]|[\x00-\x08\x0b\x0c\x0e-\x1f]|(?<=[^\x00-\x7f])\?|\?(?=[^\x00-\x7f])"
    r"|(?<=[\u4e00-\u9fff])[A-Za-z](?=[\u4e00-\u9fff])|^[ \t]*\?[? \t]*$",
    re.M,
)
GARBLE_GAP = 12
DATE = re.compile(r"(20\d\d)年(\d{1,2})月(\d{1,2})日")


def warn(kind: str, message: str, start: int | None = None, end: int | None = None) -> dict:
    found = {"kind": kind, "message": message}
    if start is not None:
        found.update(start=start, end=end)
    return found


def missing_parts(outline: Outline) -> list[dict]:
    return [
        warn("missing_section", f"未找到必备内容“{PART_NAMES[part]}”。")
        for part in REQUIRED
        if part not in outline.parts
    ]


def numbering(outline: Outline) -> list[dict]:
    numbers = [h for h in outline.headings if h.number]
    order = "一二三四五六七八九十"
    found = []
    for before, after in zip(numbers, numbers[1:], strict=False):
        if (
            len(before.number) == 1
            and len(after.number) == 1
            and order.find(after.number) != order.find(before.number) + 1
        ):
            found.append(
                warn(
                    "heading_numbering",
                    f"标题序号不连续：“{before.number}”之后是“{after.number}”。",
                    after.line.start,
                    after.line.end,
                )
            )
    return found


def garbled(text: str) -> list[dict]:
    """Passages with U+FFFD, private-use or control characters, a '?' standing for a lost
    character, a lone Latin letter between Chinese characters, or UTF-8 read as GBK."""
    spans = [m.span() for m in GARBLE_SIGNS.finditer(text)] + _mojibake(text)
    found = []
    for start, end in _merged(sorted(spans)):
        found.append(
            warn("garbled", f"第{start}–{end}字符处文字乱码：“{text[start:end][:40]}”。", start, end)
        )
    return found


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] <= GARBLE_GAP:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


_HAN_RUN = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]{4,}")


def _mojibake(text: str) -> list[tuple[int, int]]:
    found = []
    for run in _HAN_RUN.finditer(text):
        try:
            again = run[0].encode("gbk").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if sum("\u4e00" <= c <= "\u9fff" for c in again) >= 2:
            found.append(run.span())
    return found


def contradictions(figures: list[Figure], norm: str) -> list[dict]:
    by_key = defaultdict(list)
    for figure in figures:
        by_key[figure.key].append(figure)
    once = {key: found[0] for key, found in by_key.items() if len(found) == 1}
    found = []
    for part, whole in PART_OF:
        if part in once and whole in once and once[part].value > once[whole].value:
            p, w = once[part], once[whole]
            found.append(warn("contradiction", f"“{p.quote}”大于“{w.quote}”，数字相互矛盾。", p.start, p.end))
    for rate, numerator, denominator in RATE_OF:
        found += _rate_check(once, rate, numerator, denominator)
    return found + _all_done_claims(norm)


def _rate_check(once: dict, rate: str, numerator: str, denominator: str) -> list[dict]:
    if not all(k in once for k in (rate, numerator, denominator)) or not once[denominator].value:
        return []
    stated, computed = once[rate].value, 100 * once[numerator].value / once[denominator].value
    lower_bound = any(word in once[rate].quote for word in LOWER_BOUND_WORDS)
    if (lower_bound and computed + RATE_TOLERANCE >= stated) or abs(computed - stated) <= RATE_TOLERANCE:
        return []
    r = once[rate]
    message = f"“{r.quote}”与“{once[numerator].quote}”“{once[denominator].quote}”算出的{computed:.1f}%不符。"
    return [warn("contradiction", message, r.start, r.end)]


def _all_done_claims(norm: str) -> list[dict]:
    """ "收到80件……答复率100%" next to "答复72件": a 100% rate that its own counts deny."""
    found = []
    for claim in ALL_DONE_RATE.finditer(norm):
        paragraph_start = norm.rfind("\n", 0, claim.start()) + 1
        before = norm[max(paragraph_start, claim.start() - 300) : claim.start()]
        received = [int(m[1]) for m in RECEIVED.finditer(before)]
        done = [int(m[1]) for m in DONE.finditer(before)]
        if received and done and min(done) < max(received) and sum(done) < sum(received):
            message = f"“{norm[claim.start() : claim.end()]}”，但前文所列办理件数少于收到件数。"
            found.append(warn("contradiction", message, claim.start(), claim.end()))
    return found


def year_checks(year: int | None, outline: Outline, norm: str) -> list[dict]:
    if year is None:
        return [warn("year", "未能确定报告年度。")]
    found = []
    plan = outline.parts.get("next_year_plan")
    if plan:
        heading = norm[plan[0] : norm.find("\n", plan[0]) if "\n" in norm[plan[0] :] else len(norm)]
        for match in re.finditer(r"(20\d\d)年", heading):
            if int(match[1]) != year + 1:
                found.append(
                    warn(
                        "year",
                        f"下一年度工作安排写的是{match[1]}年，报告年度为{year}年，应为{year + 1}年。",
                        plan[0] + match.start(),
                        plan[0] + match.end(),
                    )
                )
    for match in DATE.finditer(norm[outline.body_end :]):
        if int(match[1]) not in (year, year + 1):
            start = outline.body_end + match.start()
            found.append(
                warn("year", f"落款日期{match[0]}与报告年度{year}年不符。", start, start + len(match[0]))
            )
    return found
