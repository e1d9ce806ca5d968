"""政府信息公开工作年度报告, in the national format of 国办公开办函〔2021〕30号 (LAW.md §1.3).

Six parts: 一 总体情况 (narrative), 二 主动公开 (table), 三 申请的收到和处理 (table), 四 行政复议
和行政诉讼 (table), 五 问题和改进, 六 其他事项 (narratives). Every figure of the tables is a
registered indicator (indicators.py, and table 四's below). Tables 三 and 四 are read off one
GROUP BY of the request counts by applicant type, outcome and 复议/诉讼 result; table 二 waits
for the systems that will count it (待接入, shown as 0, never invented). The format's sum
rules are checked before any export; a report that fails one is shown with the failing rule
and never written.

The report is due by 31 January for 县级以上人民政府部门 and by 31 March for 县级以上地方人民政府
(条例第四十九条); that date is a clock per org and year on the supervisor's board.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from fazhi.core import audit, clocks
from fazhi.core import indicators as registry
from fazhi.core.indicators import Indicator, Scope, Source, count_together, matches
from fazhi.core.models import Clock, ClockState, EventKind, Level, Org, Unit
from fazhi.core.rules import Citation, Deadline
from fazhi.core.rules import register as register_rule

from . import indicators as ind
from .models import AnnualReport
from .procedure import OUTCOMES, SINCE, ApplicantType

TOTAL = "总计"

# --- table 二: 主动公开政府信息情况 --------------------------------------------------------------

TWO = "二、主动公开政府信息情况"
CONTENT = "信息内容"
COUNTS_20_1 = ("issued", "repealed", "in_force")  # 本年制发件数, 本年废止件数, 现行有效件数
TWO_BLOCKS = (  # (block, columns, ((row label, the indicator of each column), ...))
    (
        ind.ARTICLE_20_1,
        (ind.ISSUED, ind.REPEALED, ind.IN_FORCE),
        (
            ("规章", tuple(f"normdocs.regulations_{c}" for c in COUNTS_20_1)),
            ("行政规范性文件", tuple(f"normdocs.documents_{c}" for c in COUNTS_20_1)),
        ),
    ),
    (ind.ARTICLE_20_5, (ind.DECISIONS,), (("行政许可", ("enforcement.licensing_decisions",)),)),
    (
        ind.ARTICLE_20_6,
        (ind.DECISIONS,),
        (("行政处罚", ("enforcement.penalty_decisions",)), ("行政强制", ("enforcement.coercion_decisions",))),
    ),
    (ind.ARTICLE_20_8, (ind.FEES,), (("行政事业性收费", ("fees.administrative_fees",)),)),
)

# --- table 三: 收到和处理政府信息公开申请情况 ------------------------------------------------------

THREE = "三、收到和处理政府信息公开申请情况"
STUB_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS, LEGAL_PERSONS = "申请人情况", "法人或其他组织"
APPLICANT_COLUMNS = tuple(label for _, label in ApplicantType.choices)  # 自然人 … 其他
THREE_COLUMNS = (*APPLICANT_COLUMNS, TOTAL)
NEW, CARRIED, RESULTS = (
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
)
RESULTS_TOTAL, PENDING = "（七）总计", "四、结转下年度继续办理"
THREE_COUNTS = {
    "received": ind.RECEIVED,
    "carried": ind.CARRIED_OVER,
    "answered": ind.ANSWERED,
    "pending": ind.PENDING,
}


@dataclass(frozen=True)
class ThreeRow:
    label: str
    path: tuple[str, ...]
    count: str  # which of THREE_COUNTS
    key: str  # the indicator of its 总计 (the other columns are its groups by applicant type)
    outcome: str | None = None  # the outcome it narrows `answered` to


def _outcome_row(o) -> ThreeRow:
    path = (RESULTS, o.group) if o.item else (RESULTS,)
    return ThreeRow(o.item or o.group, path, "answered", ind.outcome_key(o.code), o.code)


THREE_ROWS = (
    ThreeRow(NEW, (), "received", "disclosure.requests_received"),
    ThreeRow(CARRIED, (), "carried", "disclosure.requests_carried_over"),
    *(_outcome_row(o) for o in OUTCOMES),
    ThreeRow(RESULTS_TOTAL, (RESULTS,), "answered", "disclosure.requests_answered"),
    ThreeRow(PENDING, (), "pending", "disclosure.requests_pending"),
)

# --- table 四: 政府信息公开行政复议、行政诉讼情况 ----------------------------------------------------

FOUR = "四、政府信息公开行政复议、行政诉讼情况"
REVIEW, LITIGATION = "行政复议", "行政诉讼"
DIRECT, AFTER_REVIEW = "未经复议直接起诉", "复议后起诉"
UPHELD, CORRECTED, OTHER, UNDECIDED = "结果维持", "结果纠正", "其他结果", "尚未审结"
FOUR_COLUMNS = (UPHELD, CORRECTED, OTHER, UNDECIDED, TOTAL)

# Which 复议 and 诉讼 outcomes count as 结果纠正 the format does not say (LAW.md §1.3, §16:
# unsure). This follows common practice — 纠正: 撤销、变更、确认违法、责令履行、确认无效;
# 其他: 驳回、终止、调解 and the like — and is a local setting: change it here, and the report
# page says it is configurable. A word not listed is never guessed: the sum check names it.
RESULT_COLUMNS = {
    "维持": UPHELD,
    "撤销": CORRECTED,
    "部分撤销": CORRECTED,
    "变更": CORRECTED,
    "确认违法": CORRECTED,
    "责令履行": CORRECTED,
    "确认无效": CORRECTED,
    "驳回": OTHER,
    "驳回复议申请": OTHER,
    "驳回复议请求": OTHER,
    "驳回起诉": OTHER,
    "驳回诉讼请求": OTHER,  # some localities count this as 结果维持: a local choice
    "终止": OTHER,
    "调解": OTHER,
    "和解": OTHER,
    "撤回申请": OTHER,
    "撤诉": OTHER,
    "审理中": UNDECIDED,
    "未审结": UNDECIDED,
    **{column: column for column in (UPHELD, CORRECTED, OTHER, UNDECIDED)},
}
LITIGATION_KINDS = {
    "未经复议直接起诉": DIRECT,
    "直接起诉": DIRECT,
    "复议后起诉": AFTER_REVIEW,
    "经复议后起诉": AFTER_REVIEW,
}
FOUR_ROWS = ((REVIEW, (), "review"), (DIRECT, (LITIGATION,), "litigation_direct"))
FOUR_ROWS += ((AFTER_REVIEW, (LITIGATION,), "litigation_after_review"),)
COLUMN_WORDS = {
    UPHELD: "upheld",
    CORRECTED: "corrected",
    OTHER: "other",
    UNDECIDED: "undecided",
    TOTAL: "total",
}


def words_for(column: str) -> list[str]:
    return [word for word, mapped in RESULT_COLUMNS.items() if mapped == column]


def _review(column: str) -> Q:
    return ~Q(review_result="") if column == TOTAL else Q(review_result__in=words_for(column))


def _litigation(kind: str, column: str) -> Q:
    filed = Q(litigation_kind__in=[w for w, k in LITIGATION_KINDS.items() if k == kind])
    if column == TOTAL:
        return filed
    undecided = [""] if column == UNDECIDED else []  # filed, no judgment recorded yet
    return filed & Q(litigation_result__in=words_for(column) + undecided)


def _where(row_key: str, column: str):
    """Read at each use, so a change of RESULT_COLUMNS applies at once."""
    kind = {"litigation_direct": DIRECT, "litigation_after_review": AFTER_REVIEW}.get(row_key)
    return (lambda: _review(column)) if kind is None else (lambda: _litigation(kind, column))


def four_key(row_key: str, column: str) -> str:
    return f"disclosure.{row_key}_{COLUMN_WORDS[column]}"


def _four_indicator(label: str, path: tuple, row_key: str, column: str) -> Indicator:
    name = f"{LITIGATION if path else ''}{label}{column}"
    shown = "" if column == TOTAL else column
    return Indicator(
        four_key(row_key, column),
        name,
        "件",
        f"本年度答复的申请中{label}{shown}的件数；结果按 gio.RESULT_COLUMNS 对照表归类。",
        "《中华人民共和国政府信息公开条例》第五十条第（三）项；国办公开办函〔2021〕30号表四",
        count=ind.ANSWERED.narrowed(_where(row_key, column)),
    )


FOUR_INDICATORS = tuple(
    _four_indicator(label, path, row_key, column)
    for label, path, row_key in FOUR_ROWS
    for column in FOUR_COLUMNS
)
registry.register(*FOUR_INDICATORS)

# --- the report ------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    path: tuple[str, ...]
    values: dict
    keys: dict = field(default_factory=dict)  # column -> the indicator behind the figure
    pending: frozenset = frozenset()  # columns still 待接入

    def as_json(self) -> dict:
        values = {k: float(v) if isinstance(v, Decimal) else v for k, v in self.values.items()}
        return {"label": self.label, "path": list(self.path), "values": values}


@dataclass(frozen=True)
class Check:
    rule: str
    failures: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures

    def __str__(self) -> str:
        return self.rule if self.ok else f"{self.rule}：{'；'.join(self.failures)}"


@dataclass
class GioReport:
    scope: Scope
    tables: dict[str, list[Row]]
    checks: list[Check]
    narrative: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def year(self) -> int:
        return self.scope.start.year

    def failures(self) -> list[str]:
        return [str(c) for c in self.checks if not c.ok]

    def as_json(self) -> dict:
        tables = {name: [r.as_json() for r in rows] for name, rows in self.tables.items()}
        return {"org": self.scope.org.code, "year": self.year, "tables": tables}


def table_two(scope: Scope, figures: dict | None = None) -> list[Row]:
    """Figures other systems will count; `figures` are values imported for this report."""
    figures = figures or {}
    keys = [k for _, _, rows in TWO_BLOCKS for _, ks in rows for k in ks]
    found = registry.values(scope, keys) | figures
    pending = {k for k in keys if registry.get(k).source == Source.PENDING and k not in figures}
    return [
        _two_row(label, block, dict(zip(columns, ks, strict=True)), found, pending)
        for block, columns, rows in TWO_BLOCKS
        for label, ks in rows
    ]


def _two_row(label: str, block: str, keys: dict, found: dict, pending: set) -> Row:
    values = {column: found[key] for column, key in keys.items()}
    return Row(label, (block,), values, keys, frozenset(c for c, k in keys.items() if k in pending))


GROUPED_BY = ("applicant_type", "outcome", "review_result", "litigation_kind", "litigation_result")


def grouped(scope: Scope) -> list[dict]:
    """The one query behind tables 三 and 四: the request counts grouped by the fields their
    rows and columns narrow them by."""
    return count_together(THREE_COUNTS, scope, by=GROUPED_BY)


def table_three(groups: list[dict]) -> list[Row]:
    """Each row sums its groups: a row narrowed to an outcome is the groups of that outcome,
    as its indicator is `answered` narrowed to it; a column, the groups of an applicant type."""
    cells: dict = {}
    for g in groups:
        for count in THREE_COUNTS:
            n = g[count]
            for key in ((count, None, g["applicant_type"]), (count, None, TOTAL)):
                cells[key] = cells.get(key, 0) + n
            for key in ((count, g["outcome"], g["applicant_type"]), (count, g["outcome"], TOTAL)):
                cells[key] = cells.get(key, 0) + n
    return [_three_row(r, cells) for r in THREE_ROWS]


def _three_row(r: ThreeRow, cells: dict) -> Row:
    columns = (*ApplicantType.values, TOTAL)
    values = {_column_label(c): cells.get((r.count, r.outcome, c), 0) for c in columns}
    return Row(r.label, r.path, values, {TOTAL: r.key})


def _column_label(code: str) -> str:
    return TOTAL if code == TOTAL else ApplicantType(code).label


REMEDIES = GROUPED_BY[2:]  # review_result, litigation_kind, litigation_result


def table_four(groups: list[dict]) -> list[Row]:
    """Each cell is its indicator, `answered` narrowed by the result mapping: read off the
    groups (first summed by their remedy fields, the only ones the mapping looks at)."""
    remedied: dict[tuple, int] = {}
    for g in groups:
        if g["answered"] and (g["review_result"] or g["litigation_kind"]):
            key = tuple(g[f] for f in REMEDIES)
            remedied[key] = remedied.get(key, 0) + g["answered"]
    found = {i.key: _sum_where(i.count.where(), remedied) for i in FOUR_INDICATORS}
    return [_four_row(label, path, rk, found) for label, path, rk in FOUR_ROWS]


def _sum_where(where: Q, remedied: dict[tuple, int]) -> int:
    return sum(n for key, n in remedied.items() if matches(where, dict(zip(REMEDIES, key, strict=True))))


def _four_row(label: str, path: tuple, row_key: str, found: dict) -> Row:
    keys = {column: four_key(row_key, column) for column in FOUR_COLUMNS}
    return Row(label, path, {column: found[key] for column, key in keys.items()}, keys)


def tables(scope: Scope, figures: dict | None = None) -> tuple[dict[str, list[Row]], list[Check]]:
    """The three tables and the result of every sum rule: what the bench times."""
    groups = grouped(scope)
    found = {"二": table_two(scope, figures), "三": table_three(groups), "四": table_four(groups)}
    return found, checks(scope, found)


def build(scope: Scope, figures: dict | None = None) -> GioReport:
    found, checked = tables(scope, figures)
    report = GioReport(scope, found, checked)
    report.narrative = narrative(report)
    return report


# --- the format's sum rules ---------------------------------------------------------------


def row(rows: list[Row], label: str, path: tuple = ()) -> Row:
    return next(r for r in rows if r.label == label and (not path or r.path == path))


def checks(scope: Scope, found: dict[str, list[Row]]) -> list[Check]:
    three, four = found["三"], found["四"]
    return [
        _identity(three),
        _results_total(three, scope),
        _total_column(three, scope),
        _four_totals(four, scope),
    ]


def _identity(three: list[Row]) -> Check:
    new, carried, done, pending = (
        row(three, label).values for label in (NEW, CARRIED, RESULTS_TOTAL, PENDING)
    )
    failures = tuple(
        f"{c}：一({new[c]})+二({carried[c]})≠三（七）({done[c]})+四({pending[c]})"
        for c in THREE_COLUMNS
        if new[c] + carried[c] != done[c] + pending[c]
    )
    hint = ("可能有答复日期早于收到日期的申请。",) if failures else ()
    return Check("表三：第一项加第二项之和，等于第三项（七）总计加第四项之和（每一列）", failures + hint)


def _results_total(three: list[Row], scope: Scope) -> Check:
    done = row(three, RESULTS_TOTAL).values
    outcomes = [r for r in three if r.path[:1] == (RESULTS,) and r.label != RESULTS_TOTAL]
    failures = tuple(
        f"{c}：（七）总计{done[c]}，（一）至（六）之和{sum(r.values[c] for r in outcomes)}"
        for c in THREE_COLUMNS
        if done[c] != sum(r.values[c] for r in outcomes)
    )
    if failures:
        codes = [o.code for o in OUTCOMES]
        missing = ind.ANSWERED.records(scope).exclude(outcome__in=codes).values_list("number", flat=True)
        failures += (f"处理结果未登记或不属于全国统一类型的已答复申请：{'、'.join(missing[:10])}",)
    return Check("表三：（七）总计等于（一）至（六）各项之和（每一列）", failures)


def _total_column(three: list[Row], scope: Scope) -> Check:
    failures = tuple(
        f"{r.label}：总计{r.values[TOTAL]}，六类申请人之和{sum(r.values[c] for c in APPLICANT_COLUMNS)}"
        for r in three
        if r.values[TOTAL] != sum(r.values[c] for c in APPLICANT_COLUMNS)
    )
    if failures:
        odd = ind.requests_in(scope).exclude(applicant_type__in=ApplicantType.values)
        failures += (
            f"申请人类型不在表三六类之中的申请：{'、'.join(odd.values_list('number', flat=True)[:10])}",
        )
    return Check("表三：总计列等于六类申请人之和（每一行）", failures)


def _four_totals(four: list[Row], scope: Scope) -> Check:
    failures = tuple(
        f"{r.label}：总计{r.values[TOTAL]}，前四项之和{sum(r.values[c] for c in FOUR_COLUMNS[:4])}"
        for r in four
        if r.values[TOTAL] != sum(r.values[c] for c in FOUR_COLUMNS[:4])
    )
    if failures:
        failures += (f"对照表未收录的结果或诉讼类型：{'、'.join(unmapped_words(scope))}",)
    return Check("表四：每个“总计”等于结果维持、结果纠正、其他结果、尚未审结之和", failures)


def unmapped_words(scope: Scope) -> list[str]:
    remedied = ind.ANSWERED.records(scope).exclude(review_result="", litigation_kind="")
    found = remedied.values_list("review_result", "litigation_kind", "litigation_result").distinct()
    known = {"", *RESULT_COLUMNS, *LITIGATION_KINDS}
    return sorted({w for words in found for w in words if w not in known})


# --- narrative parts 一、五、六, prefilled from the figures ----------------------------------

TO_FILL = "（待填写）"
PARTS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def figures_for(report: GioReport) -> dict:
    """The numbers the sentences need, all of them registered indicators."""
    three, four = report.tables["三"], report.tables["四"]
    keys = ("disclosure.requests_answered_on_time", "disclosure.requests_extended")
    keys += ("disclosure.items_published", "disclosure.items_published_on_time")
    found = registry.values(report.scope, keys)
    groups = {
        g: sum(r.values[TOTAL] for r in three if r.path[1:2] == (g,) or r.label == g) for g in _groups()
    }
    corrected = sum(r.values[CORRECTED] for r in four)
    return {k.split(".")[1]: v for k, v in found.items()} | {
        "received": row(three, NEW).values[TOTAL],
        "carried": row(three, CARRIED).values[TOTAL],
        "answered": row(three, RESULTS_TOTAL).values[TOTAL],
        "pending": row(three, PENDING).values[TOTAL],
        "groups": groups,
        "corrected": corrected,
        "fee_unpaid": next(
            r.values[TOTAL] for r in three if r.keys.get(TOTAL) == ind.outcome_key("fee_unpaid")
        ),
    }


def _groups() -> list[str]:
    return list(dict.fromkeys(o.group for o in OUTCOMES))


def narrative(report: GioReport) -> list[tuple[str, list[str]]]:
    f = figures_for(report)
    return [
        (PARTS[0], _overview(f, report)),
        (PARTS[4], _problems(f)),
        (PARTS[5], _other_matters(f)),
    ]


def _overview(f: dict, report: GioReport) -> list[str]:
    names = [g[3:].split("（")[0] for g in f["groups"]]
    by_group = "、".join(f"{n}{v}件" for n, v in zip(names, f["groups"].values(), strict=True))
    waiting = "规章、行政规范性文件、行政许可、行政处罚、行政强制和行政事业性收费等数据待相关系统接入后填报。"
    pending_two = waiting if any(r.pending for r in report.tables["二"]) else ""
    return [
        f"（一）主动公开。本年度主动公开政府信息{f['items_published']}条，其中在信息形成或者变更之日起"
        f"20个工作日内公开{f['items_published_on_time']}条。{pending_two}",
        f"（二）依申请公开。本年共收到政府信息公开申请{f['received']}件，上年结转{f['carried']}件；"
        f"办结{f['answered']}件，其中{by_group}；按期答复{f['requests_answered_on_time']}件，"
        f"延期答复{f['requests_extended']}件；结转下年度继续办理{f['pending']}件。",
        f"（三）政府信息管理。{TO_FILL}",
        f"（四）政府信息公开平台建设。{TO_FILL}",
        f"（五）监督保障。{TO_FILL}",
    ]


def _problems(f: dict) -> list[str]:
    late = f["answered"] - f["requests_answered_on_time"]
    late_items = f["items_published"] - f["items_published_on_time"]
    found = []
    if late:
        found.append(f"本年有{late}件政府信息公开申请未在法定期限内答复，答复时效有待提高。")
    if late_items:
        found.append(f"有{late_items}条主动公开信息未在形成或者变更之日起20个工作日内公开。")
    if f["corrected"]:
        found.append(f"有{f['corrected']}件政府信息公开答复被行政复议或者行政诉讼纠正。")
    return found + [f"改进措施：{TO_FILL}"] if found else [TO_FILL]


def _other_matters(f: dict) -> list[str]:
    fee = f"本年因申请人逾期未按收费通知要求缴纳费用而不再处理的申请{f['fee_unpaid']}件。"
    return [
        fee + f"信息处理费收取情况（国办函〔2020〕109号）：{TO_FILL}",
        f"年度政务公开工作要点落实、人大代表建议和政协提案办理结果公开等情况：{TO_FILL}",
    ]


# --- layouts: each table as the grid of the national format, drawn as HTML, xlsx and docx ----


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "stub"  # head | stub | figure
    value: object = None
    key: str = ""  # the indicator behind a figure
    pending: bool = False  # 待接入


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    cols: int
    cells: tuple[Cell, ...]

    @property
    def height(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    def grid(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = [[] for _ in range(self.height)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            rows[cell.row].append(cell)
        return rows


def _figure(r: int, c: int, data: Row, column: str, colspan: int = 1) -> Cell:
    value = data.values[column]
    key, pending = data.keys.get(column, ""), column in data.pending
    return Cell(r, c, str(value), colspan=colspan, kind="figure", value=value, key=key, pending=pending)


def layout_two(rows: list[Row]) -> Layout:
    cells, r = [], 0
    for block, columns, labels in TWO_BLOCKS:
        span = 3 // len(columns)
        cells += [Cell(r, 0, block, colspan=4, kind="head"), Cell(r + 1, 0, CONTENT, kind="head")]
        cells += [Cell(r + 1, 1 + i * span, c, colspan=span, kind="head") for i, c in enumerate(columns)]
        for i, (label, _) in enumerate(labels, start=r + 2):
            data = row(rows, label)
            cells += [
                Cell(i, 0, label),
                *(_figure(i, 1 + j * span, data, c, span) for j, c in enumerate(columns)),
            ]
        r += 2 + len(labels)
    return Layout("二", TWO, 4, tuple(cells))


def layout_three(rows: list[Row]) -> Layout:
    cells = [Cell(0, 0, STUB_NOTE, 3, 3, "head"), Cell(0, 3, APPLICANTS, 1, 7, "head")]
    cells += [Cell(1, 3, APPLICANT_COLUMNS[0], 2, 1, "head"), Cell(1, 4, LEGAL_PERSONS, 1, 5, "head")]
    cells += [Cell(1, 9, TOTAL, 2, 1, "head")]
    cells += [Cell(2, 4 + i, label, kind="head") for i, label in enumerate(APPLICANT_COLUMNS[1:])]
    for r, data in enumerate(rows, start=3):
        cells += [
            *_three_stub(r, data, rows),
            *(_figure(r, 3 + j, data, c) for j, c in enumerate(THREE_COLUMNS)),
        ]
    return Layout("三", THREE, 10, tuple(cells))


def _three_stub(r: int, data: Row, rows: list[Row]) -> list[Cell]:
    """The stub nests up to three levels: 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密."""
    if not data.path:
        return [Cell(r, 0, data.label, colspan=3)]
    under = [[x for x in rows if x.path[: len(p)] == p] for p in (data.path[:1], data.path)]
    cells = [Cell(r, 0, RESULTS, rowspan=len(under[0]))] if under[0][0] is data else []
    if len(data.path) == 1:
        return [*cells, Cell(r, 1, data.label, colspan=2)]
    if under[1][0] is data:
        cells.append(Cell(r, 1, data.path[1], rowspan=len(under[1])))
    return [*cells, Cell(r, 2, data.label)]


def layout_four(rows: list[Row]) -> Layout:
    cells = [Cell(0, 0, REVIEW, colspan=5, kind="head"), Cell(0, 5, LITIGATION, colspan=10, kind="head")]
    cells += [Cell(1, i, c, rowspan=2, kind="head") for i, c in enumerate(FOUR_COLUMNS)]
    cells += [Cell(1, 5, DIRECT, colspan=5, kind="head"), Cell(1, 10, AFTER_REVIEW, colspan=5, kind="head")]
    cells += [Cell(2, 5 * k + i, c, kind="head") for k in (1, 2) for i, c in enumerate(FOUR_COLUMNS)]
    cells += [
        _figure(3, 5 * k + i, data, c) for k, data in enumerate(rows) for i, c in enumerate(FOUR_COLUMNS)
    ]
    return Layout("四", FOUR, 15, tuple(cells))


def layouts(report: GioReport) -> list[Layout]:
    t = report.tables
    return [layout_two(t["二"]), layout_three(t["三"]), layout_four(t["四"])]


# --- exports -------------------------------------------------------------------------------

OGI = "《中华人民共和国政府信息公开条例》"
PREAMBLE = (
    f"本报告根据{OGI}（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
    "（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自{start}起至{end}止。"
)


def title_of(report: GioReport) -> str:
    return f"{report.scope.org.name}{report.year}年政府信息公开工作年度报告"


def to_json(report: GioReport) -> bytes:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2).encode()


def to_xlsx(report: GioReport) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for layout in layouts(report):
        _xlsx_sheet(book.create_sheet(f"表{layout.name}"), layout)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_sheet(sheet, layout: Layout) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.cell(1, 1, layout.title).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=layout.cols)
    for cell in layout.cells:
        _xlsx_cell(sheet, cell, top=2)
    for i in range(1, layout.cols + 1):
        sheet.column_dimensions[get_column_letter(i)].width = 14 if layout.cols < 15 else 10


def _xlsx_cell(sheet, cell: Cell, top: int) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, Side

    r, c = top + cell.row, 1 + cell.col
    value = float(cell.value) if isinstance(cell.value, Decimal) else cell.value
    target = sheet.cell(r, c, value if cell.kind == "figure" else cell.text)
    last_r, last_c = r + cell.rowspan - 1, c + cell.colspan - 1
    if (last_r, last_c) != (r, c):
        sheet.merge_cells(start_row=r, start_column=c, end_row=last_r, end_column=last_c)
    side = Side(style="thin")
    for line in sheet.iter_rows(min_row=r, max_row=last_r, min_col=c, max_col=last_c):
        for each in line:
            each.border = Border(left=side, right=side, top=side, bottom=side)
    target.alignment = Alignment(
        horizontal="left" if cell.kind == "stub" else "center", vertical="center", wrap_text=True
    )
    target.font = Font(bold=cell.kind == "head")
    if cell.pending:
        target.comment = Comment("待接入：相关系统接入前为0，不作估算。", "fazhi")


TITLE_FONT, BODY_FONT, HEADING_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体"


def to_docx(report: GioReport) -> bytes:
    import io

    from docx import Document

    doc = Document()
    _page_and_style(doc)
    _paragraph(doc, title_of(report), TITLE_FONT, 22, center=True)
    period = {"start": f"{report.year}年1月1日", "end": f"{report.year}年12月31日"}
    _paragraph(doc, PREAMBLE.format(**period), BODY_FONT, 16, indent=True)
    text = dict(report.narrative)
    drawn = {layout.title: layout for layout in layouts(report)}
    for part in PARTS:
        _paragraph(doc, part, HEADING_FONT, 16, indent=True)
        for paragraph in text.get(part, []):
            _paragraph(doc, paragraph, BODY_FONT, 16, indent=True)
        if part in drawn:
            _docx_table(doc, drawn[part])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _page_and_style(doc) -> None:
    """A4 with the margins of GB/T 9704 公文; 仿宋_GB2312 as the East Asian body face."""
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)


def _run_font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, font: str, size: float, center: bool = False, indent: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)  # 首行缩进二字
    _run_font(paragraph.add_run(text), font, size)
    return paragraph


# Column widths in cm within the 15.6 cm of a 公文 line: the stub of table 三 wide enough for its items.
DOCX_WIDTHS = {"二": (4.2, 3.8, 3.8, 3.8), "三": (1.3, 1.6, 4.4, *[1.18] * 7), "四": (1.04,) * 15}


def _docx_table(doc, layout: Layout) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    table = doc.add_table(rows=layout.height, cols=layout.cols)
    table.style, table.autofit = "Table Grid", False
    for column, width in zip(table.columns, DOCX_WIDTHS[layout.name], strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = Cm(width)  # each cell, which Word reads
    size = 7.5 if layout.cols > 10 else 9
    for cell in layout.cells:
        target = table.cell(cell.row, cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
        paragraph = target.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.kind == "stub" else WD_ALIGN_PARAGRAPH.CENTER
        _run_font(paragraph.add_run(cell.text), BODY_FONT, size, bold=cell.kind == "head")
    if any(c.pending for c in layout.cells):
        _paragraph(doc, "注：本表标为待接入的数据由相关系统接入后填报，当前为0。", BODY_FONT, 10.5)


RENDERERS = {"json": to_json, "xlsx": to_xlsx, "docx": to_docx}
MEDIA_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def export(scope: Scope, fmt: str, figures: dict | None = None) -> bytes:
    """The report as a file, only if every sum rule holds (a failed check is never written)."""
    report = build(scope, figures)
    if not report.ok:
        raise registry.ReportRefused(report.failures())
    return RENDERERS[fmt](report)


registry.register_report(registry.Report("gio", "政府信息公开工作年度报告", export, tuple(RENDERERS)))

# --- the deadline: a clock per org and year on the supervisor's board -----------------------

ANNUAL_REPORT = Deadline(
    "disclosure.annual_report",
    "政府信息公开工作年度报告公布期限",
    None,
    Unit.DATE,
    cite=Citation(OGI, "第四十九条"),
    since=SINCE,
    notes="县级以上人民政府部门每年1月31日前向本级政府信息公开工作主管部门提交并向社会公布上一年度报告；"
    "县级以上地方人民政府的政府信息公开工作主管部门每年3月31日前向社会公布本级政府上一年度报告。",
)
register_rule(ANNUAL_REPORT)


def due_on(org: Org, year: int) -> datetime.date:
    """条例第四十九条: 部门 by 31 January, 人民政府 (its 主管部门 publishes it) by 31 March."""
    return datetime.date(year + 1, 1, 31) if org.level == Level.DEPARTMENT else datetime.date(year + 1, 3, 31)


def report_clock(org: Org, year: int) -> Clock | None:
    report = AnnualReport.objects.filter(org=org, year=year).first()
    return clocks.clocks_of(report).first() if report is not None else None


@transaction.atomic
def start_clocks(year: int, orgs=None, actor: audit.Actor = audit.SYSTEM) -> int:
    """Start the report clock of every active org that has none for `year` (idempotent)."""
    orgs = orgs if orgs is not None else Org.objects.filter(is_active=True)
    started = [org for org in orgs if report_clock(org, year) is None]
    for org in started:
        report, _ = AnnualReport.objects.get_or_create(org=org, year=year)
        clocks.start(report, ANNUAL_REPORT.key, datetime.date(year + 1, 1, 1), due_on=due_on(org, year))
    summary = f"开始计算{year}年度政府信息公开工作年度报告公布期限：{len(started)}个单位"
    audit.record(
        EventKind.CLOCK, summary, actor=actor, data={"year": year, "orgs": [o.code for o in started]}
    )
    return len(started)


@transaction.atomic
def mark_published(org: Org, year: int, on: datetime.date, actor: audit.Actor) -> Clock:
    """The report was submitted and published on `on`: its clock stops."""
    clock = report_clock(org, year)
    if clock is None or clock.state == ClockState.STOPPED:
        raise ValueError(f"{org.name}{year}年度报告没有正在计算的公布期限。")
    clocks.stop(clock, on)
    subject = AnnualReport.objects.get(org=org, year=year)
    AnnualReport.objects.filter(pk=subject.pk).update(published_on=on)
    audit.record(
        EventKind.CLOCK,
        f"{year}年度政府信息公开工作年度报告已公布（{on.isoformat()}）",
        actor=actor,
        chain=org.pk,
        subject=subject,
        data={"year": year, "on": on, "due_on": clock.due_on},
    )
    return clock
