"""The draft drawn from the records: each part of the mandated outline filled with the
passages the systems declared (core.indicators.Passage), their figures computed through the
indicator registry for the unit's subtree and year, and a table of the year's main figures
against the year before. Nothing here counts rows: every number is a registered indicator.

A drawn part is a list of blocks, kept in the version as JSON:

    {"kind": "heading", "text": "推进政务公开"}
    {"kind": "paragraph", "segments": [{"text": "全年受理…"}, {"figure": key, "year": 2025}, …]}
    {"kind": "table", "caption": …, "head": […], "rows": [[{"text"} | {"figure", "year"}, …]]}
"""

import string
from dataclasses import dataclass

from fazhi.core import indicators as registry
from fazhi.core.indicators import Figure, Passage, Scope, Source
from fazhi.core.models import Org

from .procedure import PARTS

NO_DATA = "系统中没有{org}{year}年度的办理记录，无法从记录生成数据段落。请据实填写各部分。"


@dataclass(frozen=True)
class Drawn:
    parts: dict[str, list[dict]]  # part key -> blocks
    figures: list[dict]  # every figure the blocks name, as {key, value, unit, year, missing?}
    has_data: bool


def draw(org: Org, year: int) -> Drawn:
    keys = list(dict.fromkeys(k for p in _in_order(registry.PASSAGES) for k in p.figure_keys()))
    this = registry.figures(Scope.year(org, year), keys)
    if not any(f.value for f in this.values()):
        return Drawn({p.key: [] for p in PARTS}, [], False)
    before = registry.figures(Scope.year(org, year - 1), keys)
    compared = any(f.value for f in before.values())  # no records last year: nothing to compare
    applied = [p for p in _in_order(registry.PASSAGES) if _applies(p, this)]
    parts = {part.key: _blocks([p for p in applied if p.part == part.key], year) for part in PARTS}
    measured = dict.fromkeys(k for p in applied if p.part == "measures" for k in p.figure_keys())
    parts["measures"].append(_main_figures(list(measured), this, year, compared))
    figures = [_with_year(f, year) for f in this.values()]
    figures += [_with_year(f, year - 1) for f in before.values()] if compared else []
    return Drawn(parts, figures, True)


def _in_order(passages: list[Passage]) -> list[Passage]:
    rank = {p.key: n for n, p in enumerate(PARTS)}
    return sorted(passages, key=lambda p: (rank.get(p.part, len(rank)), p.order))


def _with_year(figure: Figure, year: int) -> dict:
    return figure.as_json() | {"year": year}


def _applies(passage: Passage, found: dict[str, Figure]) -> bool:
    """A passage says something only when its system had records that year (or its own
    condition holds): "全年交办督办事项0件" from a system nobody used is noise, not a fact."""
    if passage.shown is not None:
        return passage.shown(found)
    return any(found[k].value or found[k].missing for k in passage.figure_keys())


def _blocks(passages: list[Passage], year: int) -> list[dict]:
    """A part's passages that apply, under their systems' headings, in order."""
    blocks, heading = [], None
    for passage in passages:
        if passage.heading != heading:
            blocks.append({"kind": "heading", "text": passage.heading})
            heading = passage.heading
        blocks.append({"kind": "paragraph", "segments": segments(passage, year)})
    return blocks


def segments(passage: Passage, year: int) -> list[dict]:
    """The passage's text cut into literal pieces and figure references."""
    out = []
    for literal, key, _, _ in string.Formatter().parse(passage.text):
        if literal:
            out.append({"text": literal})
        if key:
            out.append({"figure": key, "year": year})
    return out


def _main_figures(keys: list[str], found: dict[str, Figure], year: int, compared: bool) -> dict:
    """The year's figures in one table, against the year before when there were records then."""
    counted = [k for k in keys if registry.get(k).source == Source.RECORDS and found[k].value is not None]
    years = (year, year - 1) if compared else (year,)
    rows = [[{"text": registry.get(k).name}, *({"figure": k, "year": y} for y in years)] for k in counted]
    caption = f"{year}年主要数据（与{year - 1}年对比）" if compared else f"{year}年主要数据"
    return {"kind": "table", "caption": caption, "head": ["指标", *(f"{y}年" for y in years)], "rows": rows}


def figure_text(figure: dict | None) -> str:
    """How a figure reads in the text: "29件", or the reason it is missing."""
    if figure is None:
        return "〔缺：未计算〕"
    if figure.get("value") is None:
        return f"〔缺：{figure.get('missing', '未计算')}〕"
    value = figure["value"]
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{shown}{figure['unit']}"


def figure_index(figures: list[dict]) -> dict[tuple[str, int], dict]:
    return {(f["key"], f["year"]): f for f in figures}
