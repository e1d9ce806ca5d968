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

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from fazhi.core import indicators as registry
from fazhi.core.indicators import Indicator, Scope, Source, count_together, matches

from .. import indicators as ind
from ..procedure import OUTCOMES, PUBLICATION, ApplicantType

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
            ("行政规范性文件", tuple(f"normdocs.{c}" for c in COUNTS_20_1)),
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
        f"{PUBLICATION.amount}个工作日内公开{f['items_published_on_time']}条。{pending_two}",
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
        found.append(
            f"有{late_items}条主动公开信息未在形成或者变更之日起{PUBLICATION.amount}个工作日内公开。"
        )
    if f["corrected"]:
        found.append(f"有{f['corrected']}件政府信息公开答复被行政复议或者行政诉讼纠正。")
    return found + [f"改进措施：{TO_FILL}"] if found else [TO_FILL]


def _other_matters(f: dict) -> list[str]:
    fee = f"本年因申请人逾期未按收费通知要求缴纳费用而不再处理的申请{f['fee_unpaid']}件。"
    return [
        fee + f"信息处理费收取情况（国办函〔2020〕109号）：{TO_FILL}",
        f"年度政务公开工作要点落实、人大代表建议和政协提案办理结果公开等情况：{TO_FILL}",
    ]


# The drawing and the deadline live in their own modules; their names are part of `gio`.
from .deadline import ANNUAL_REPORT, due_on, mark_published, report_clock, start_clocks  # noqa: E402
from .render import MEDIA_TYPES, RENDERERS, Cell, Layout, export, layouts, title_of  # noqa: E402

__all__ = [  # the names of the submodules that are part of `gio`
    "ANNUAL_REPORT",
    "MEDIA_TYPES",
    "RENDERERS",
    "Cell",
    "Layout",
    "due_on",
    "export",
    "layouts",
    "mark_published",
    "report_clock",
    "start_clocks",
    "title_of",
]
