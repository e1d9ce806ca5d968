"""Reading and analysing narrative annual reports: `analyse(text)` for one text,
`import_files(paths)` for the command (one bad file never stops the others)."""

import re
from collections import Counter
from pathlib import Path

from . import checks
from .extract import extract
from .normalise import is_traditional, normalise
from .reading import Unreadable, read_path
from .sections import lines_of, outline

# A report names 法治 or 依法行政 somewhere; a file that does not is not one.
REPORT_WORDS = ("法治", "依法行政")
ORG_ENDINGS = (
    "局",
    "办公室",
    "政府",
    "委员会",
    "厅",
    "委",
    "办",
    "院",
    "镇",
    "街道",
    "所",
    "中心",
    "部",
    "乡",
)
TITLE_YEAR = re.compile(r"(20\d\d)\s*年度?")
DATE_LINE = re.compile(r"\s*20\d\d年\d{1,2}月\d{1,2}日\s*")


def import_files(paths: list[str]) -> list[dict]:
    return [import_file(path) for path in paths]


def import_file(path: str) -> dict:
    try:
        text = read_path(Path(path))
        return {"file": path, "error": None, **analyse(text)}
    except Unreadable as error:
        return {"file": path, "error": str(error)}
    except Exception as error:  # noqa: BLE001 — one broken file must not stop the batch
        return {"file": path, "error": f"读取时出错：{type(error).__name__}: {error}"}


def analyse(text: str) -> dict:
    """The org, year, script, parts, figures and warnings of one report's text."""
    norm = normalise(text)
    if not any(word in norm for word in REPORT_WORDS):
        raise Unreadable("这不像法治政府建设年度报告（全文没有“法治”或“依法行政”）。")
    parts = outline(norm)
    figures = outside_plan(extract(text, norm), parts)
    year = report_year(norm)
    warnings = (
        checks.missing_parts(parts)
        + checks.numbering(parts)
        + checks.garbled(text)
        + checks.contradictions(figures, norm)
        + checks.year_checks(year, parts, norm)
    )
    return {
        "org": report_org(text, norm),
        "year": year,
        "script": "traditional" if is_traditional(text, norm) else "simplified",
        "sections": parts.as_json(),
        "indicators": [figure.as_json() for figure in figures],
        "warnings": warnings,
    }


def outside_plan(figures: list, parts) -> list:
    """The figures of the year reported: a number in the next year's plan ("开展普法宣传活动
    不少于300场") is a target, not a result."""
    plan = parts.parts.get("next_year_plan")
    if plan is None:
        return figures
    return [f for f in figures if not plan[0] <= f.start < plan[1]]


def title_lines(norm: str) -> list:
    return [
        line
        for line in lines_of(norm)[:12]
        if "报告" in line.text
        and len(line.text.strip()) <= 60
        and not line.text.rstrip().endswith((":", "。"))
    ]


def report_year(norm: str) -> int | None:
    for line in title_lines(norm):
        match = TITLE_YEAR.search(line.text)
        if match:
            return int(match[1])
    opening = norm[:600]
    years = Counter(int(y) for y in re.findall(r"(20\d\d)年(?!\d{1,2}月)", opening))
    return years.most_common(1)[0][0] if years else None


def report_org(text: str, norm: str) -> str | None:
    """The issuing body as stated (original script): from the title, else the signature."""
    lines = lines_of(norm)
    for line in title_lines(norm):
        head = line.text.split("关于")[0] if "关于" in line.text else TITLE_YEAR.split(line.text)[0]
        head = head.strip()
        if head and head != line.text.strip():
            return text[line.start : line.start + len(head)]
        before = [x for x in lines if x.end < line.start]
        if before and _looks_like_org(before[-1].text):
            return text[before[-1].start : before[-1].end].strip()
    return _signature(text, lines)


def _signature(text: str, lines: list) -> str | None:
    for index in range(len(lines) - 1, 0, -1):
        if DATE_LINE.fullmatch(lines[index].text):
            names = [x for x in lines[max(0, index - 2) : index] if _looks_like_org(x.text)]
            if names:
                return " ".join(text[x.start : x.end].strip() for x in names)
    return None


def _looks_like_org(line: str) -> bool:
    line = line.strip()
    return 2 < len(line) <= 30 and line.endswith(ORG_ENDINGS) and not re.search(r"[。，,；;：:]", line)
