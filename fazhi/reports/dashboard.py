"""The dashboard's reads (issue 4): a unit's figures this year against last, its deadline
lights and its 法治政府建设年度报告; for a supervisor, every unit below it side by side.

Every number comes from the indicator registry (fazhi/core/indicators.py) — per unit in one
GROUP BY org per family (`values_by_org` + `rolled_up`) — or, for the lights, from the
clocks' stored due dates, and each carries the link to the records behind it. A figure
without a value (待接入, or its query failed) keeps its reason and is never shown as 0.

Who sees what is the access module's (fazhi/core/access.py): a unit's figures include the
units below only for a user who reads all of them (督察员, 管理员); anyone else sees the
unit's own records, which is also what the records page lists for them.

A unit below that keeps no records on the platform but whose annual report for the year was
imported (registry.imported_figures) is shown with the figures its report states, marked
导入 and linking to their words in the report; its other figures are — (not stated), never 0.
"""

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode

from django.db import DatabaseError, transaction
from django.db.models import Count as SqlCount
from django.urls import reverse

from fazhi.core import access
from fazhi.core import indicators as registry
from fazhi.core.clocks import yellow_line
from fazhi.core.indicators import Figure, Indicator, Scope, Source
from fazhi.core.models import Clock, Light, Org
from fazhi.core.models.clocks import light_condition

from .models import LawReport
from .procedure import State
from .queries import with_lights

# The figures a dashboard leads with, and their short labels for table heads and charts.
# A key counts only once its system has registered it (督办 adds its own keys).
KEY_INDICATORS = (
    ("disclosure.requests_received", "新收申请"),
    ("disclosure.requests_answered", "办结申请"),
    ("disclosure.requests_answered_on_time", "按期答复"),
    ("disclosure.items_published", "主动公开"),
    ("supervision.items_assigned", "交办督办"),
    ("supervision.items_closed", "办结督办"),
    ("supervision.items_overdue", "超期督办"),
)
CHARTED = 4  # key indicators drawn side by side per unit
FIRST_YEAR = 2000
LIGHTS = (Light.RED, Light.YELLOW, Light.GREEN, Light.PAUSED)
SYSTEMS = {
    "disclosure": "政务公开",
    "supervision": "督办",
    "normdocs": "规范性文件",
    "enforcement": "行政执法",
    "fees": "收费",
    "reports": "年度报告",
}
NOT_STARTED = "尚未起草"
PUBLISHING_STATES = (State.SUBMITTED, State.ACCEPTED, State.PUBLISHED)


def key_indicators() -> list[Indicator]:
    return [registry.get(key) for key, _ in KEY_INDICATORS if key in registry.INDICATORS]


def short_label(indicator: Indicator) -> str:
    return dict(KEY_INDICATORS).get(indicator.key, indicator.name)


def reads_below(user, org: Org) -> bool:
    """Whether `user` reads every unit below `org` (a 督察员 or 管理员 there or above)."""
    return bool(access.roles_toward(user, org) & access.SUBTREE_READERS)


def home_org(user) -> Org | None:
    """The highest org the user holds a post in: the dashboard opens there."""
    orgs = [m.org for m in access.memberships(user)]
    return min(orgs, key=lambda o: (o.depth, o.path), default=None)


def org_choices(user) -> list[tuple[str, str]]:
    """(code, indented name) of every org the user reads, in tree order."""
    orgs = list(access.readable_orgs(user).order_by("path"))
    top = min((o.depth for o in orgs), default=0)
    return [(o.code, "\u3000" * (o.depth - top) + o.name) for o in orgs]


def records_url(key: str, org: Org, year: int, subtree: bool = True) -> str:
    query = {"key": key, "org": org.code, "year": year, **({} if subtree else {"subtree": 0})}
    return f"{reverse('dashboard:records')}?{urlencode(query)}"


def clocks_url(light: str, org: Org) -> str:
    """The 期限预警 list behind a light count: the org and the units below that the user reads."""
    return f"{reverse('clocks')}?{urlencode({'light': light, 'org': org.code})}"


NO_RECORDS = "无记录：系统中没有{year}年度的记录，不作比较"


@dataclass(frozen=True)
class Cell:
    """One number as the dashboard shows it: its value, or why it has none, and its records.
    `source` is "imported" for a figure read from a unit's imported report (`note` its quote,
    `url` its place in the report) and "mixed" for a sum that includes such figures."""

    value: registry.Number | None
    missing: str = ""
    url: str = ""
    source: str = ""
    note: str = ""

    @property
    def plain(self):
        """As exported: the number, or "—" and the short reason (待接入, 计算失败)."""
        if self.missing:
            return f"— {self.missing.split('：')[0]}"
        return float(self.value) if isinstance(self.value, Decimal) else self.value


def cell(figure: Figure, org: Org, year: int, subtree: bool) -> Cell:
    if figure.missing:
        return Cell(None, figure.missing)
    return Cell(figure.value, url=records_url(figure.key, org, year, subtree))


@dataclass(frozen=True)
class Compared:
    """One indicator for a unit: this year against last year."""

    indicator: Indicator
    this_year: Cell
    last_year: Cell

    @property
    def change(self) -> registry.Number | None:
        if self.this_year.missing or self.last_year.missing:
            return None
        return self.this_year.value - self.last_year.value

    @property
    def change_label(self) -> str:
        change = self.change
        if change is None:
            return "—"
        if not change:
            return "持平"
        percent = f"（{change / self.last_year.value:+.0%}）" if self.last_year.value else ""
        return f"{change:+}{percent}"

    @property
    def system(self) -> str:
        prefix = self.indicator.key.split(".")[0]
        return SYSTEMS.get(prefix, prefix)

    @property
    def source_label(self) -> str:
        return Source(self.indicator.source).label


@dataclass(frozen=True)
class ReportStatus:
    """A unit's 法治政府建设年度报告 for the year, with its next deadline's date and light."""

    report: LawReport | None

    @property
    def label(self) -> str:
        return self.report.get_state_display() if self.report else NOT_STARTED

    @property
    def stage(self) -> str:
        """The deadline that matters now: 报送 until the report is sent, then 公开."""
        return "公开" if self.report and self.report.state in PUBLISHING_STATES else "报送"

    @property
    def due(self) -> datetime.date | None:
        return getattr(self.report, "publish_due" if self.stage == "公开" else "submit_due", None)

    @property
    def light(self) -> str:
        found = getattr(self.report, "publish_light" if self.stage == "公开" else "submit_light", None)
        return found or Light.NONE

    @property
    def url(self) -> str:
        return reverse("reports:detail", args=[self.report.pk]) if self.report else ""


@dataclass(frozen=True)
class Outside:
    """A unit below that keeps no records on the platform, with its imported report's figures."""

    path: str
    name: str
    figures: dict[str, Figure]


@dataclass(frozen=True)
class UnitRow:
    """One row of the supervisor's table: a unit below with everything under it, the org's
    own records (本级), or the total."""

    org: Org
    label: str
    kind: str  # unit | own | total
    lights: dict[str, Cell]
    cells: list[Cell]
    report: ReportStatus | None
    imported: bool = False  # the unit keeps no records; its figures come from its imported report


class Board:
    """What the dashboard shows for one org and year; each part is read when first used, so
    an export reads only its own table."""

    def __init__(self, user, org: Org, year: int, today: datetime.date):
        self.user, self.org, self.year, self.today = user, org, year, today
        self.subtree = reads_below(user, org)
        self.keys = key_indicators()
        self.counted = [i for i in self.keys if i.source != Source.PENDING]  # those with records
        self.outside: dict[int, Outside] = {}  # units below known from imported reports (unit_rows)

    @cached_property
    def line(self) -> datetime.date:
        return yellow_line(self.today)

    @cached_property
    def compared(self) -> list[Compared]:
        """Every registered indicator for the org, this year against last: one query per family."""
        keys = list(registry.INDICATORS)
        now, before = figures_of(
            [Scope.year(self.org, year, self.subtree) for year in (self.year, self.year - 1)], keys
        )
        if not any(f.value for f in before.values()):  # the platform was not used then: no "0"
            before = {
                k: Figure(k, None, f.unit, NO_RECORDS.format(year=self.year - 1)) for k, f in before.items()
            }
        return [
            Compared(i, self._cell(now[i.key], self.year), self._cell(before[i.key], self.year - 1))
            for i in registry.all_indicators()
        ]

    def _cell(self, figure: Figure, year: int) -> Cell:
        return cell(figure, self.org, year, self.subtree)

    @cached_property
    def key_rows(self) -> list[Compared]:
        by_key = {c.indicator.key: c for c in self.compared}
        return [by_key[i.key] for i in self.keys]

    @cached_property
    def lights(self) -> dict[str, Cell]:
        """The clocks of the org and the units below that the user reads — the set the
        期限预警 page lists for the same link."""
        orgs = self.org.subtree() & access.readable_orgs(self.user)
        counts = Clock.objects.filter(org__in=orgs.values("pk")).aggregate(**self._light_counts())
        return {light: Cell(counts[light], url=clocks_url(light, self.org)) for light in LIGHTS}

    @property
    def light_tiles(self) -> list[tuple[str, str, Cell]]:
        return [(light, Light(light).label, self.lights[light]) for light in LIGHTS]

    def _light_counts(self) -> dict:
        return {
            light: SqlCount("pk", filter=light_condition(light, self.today, self.line)) for light in LIGHTS
        }

    @cached_property
    def reports(self) -> dict[int, LawReport]:
        """The year's reports of the org and of the units below, with their lights: one query."""
        orgs = [*self.units, self.org]
        found = LawReport.objects.visible_to(self.user).filter(org__in=[o.pk for o in orgs], year=self.year)
        return {r.org_id: r for r in with_lights(found.select_related("org"), self.today)}

    @cached_property
    def report(self) -> ReportStatus:
        return ReportStatus(self.reports.get(self.org.pk))

    @cached_property
    def units(self) -> list[Org]:
        """The units directly below that the table has a row for (each with its subtree)."""
        if not self.subtree:
            return []
        return list(access.readable_orgs(self.user).filter(parent=self.org).order_by("path"))

    @cached_property
    def unit_rows(self) -> list[UnitRow]:
        """A row per unit below, the org's own records and the total: each family of key
        indicators in one GROUP BY org, the lights in one more, the reports in one."""
        if not self.units:
            return []
        scope = Scope.year(self.org, self.year)
        counted = [i.key for i in self.counted]
        per_org, failed = _values_by_org(scope, counted)
        self.outside = {} if failed else self._outside(per_org, counted)
        clocks = Clock.objects.filter(org__in=scope.orgs().values("pk")).order_by()
        for row in clocks.values("org").annotate(**self._light_counts()):
            per_org.setdefault(row.pop("org"), {}).update(row)
        totals = registry.rolled_up(per_org, [*self.units, self.org], [*counted, *LIGHTS])
        reports = self.reports
        rows = [self._unit_row(u, u.name, "unit", totals[u.pk], failed, reports) for u in self.units]
        own = per_org.get(self.org.pk, {})
        rows.append(self._unit_row(self.org, "本级", "own", own, failed, reports))
        rows.append(self._unit_row(self.org, "合计", "total", totals[self.org.pk], failed, None))
        return rows

    def _outside(self, per_org: dict, counted: list[str]) -> dict[int, Outside]:
        """Orgs below without a record of their own for the year that have an imported report;
        their figures join the records' sums in their place."""
        found = registry.imported_figures(per_org, self.year, self.user)
        found = {pk: figures for pk, figures in found.items() if not any(per_org.get(pk, {}).values())}
        if not found:
            return {}
        for pk, figures in found.items():
            per_org.setdefault(pk, {}).update({k: f.value for k, f in figures.items() if k in counted})
        orgs = Org.objects.filter(pk__in=found).values_list("pk", "path", "name")
        return {pk: Outside(path, name, found[pk]) for pk, path, name in orgs}

    @property
    def imported_units(self) -> list[Org]:
        """The units of the table whose figures come from their imported reports."""
        return [row.org for row in self.unit_rows if row.imported]

    def _unit_row(self, org, label, kind, values: dict, failed: str, reports) -> UnitRow:
        subtree = kind != "own"
        cells = [self._unit_cell(i, org, values, failed, subtree) for i in self.keys]
        if not failed and self.outside:
            cells = [self._with_imported(c, i, org, kind) for c, i in zip(cells, self.keys, strict=True)]
        # The 期限预警 page lists an org with the units below it, so 本级 counts have no list of their own.
        lights = {
            light: Cell(values.get(light, 0), url=clocks_url(light, org) if subtree else "")
            for light in LIGHTS
        }
        report = ReportStatus(reports.get(org.pk)) if reports is not None else None
        imported = kind != "total" and org.pk in self.outside
        return UnitRow(org, label, kind, lights, cells, report, imported)

    def _unit_cell(self, indicator, org, values, failed, subtree) -> Cell:
        if indicator.source == Source.PENDING:
            return Cell(None, registry.PENDING_REASON)
        if failed:
            return Cell(None, failed)
        return Cell(values.get(indicator.key, 0), url=records_url(indicator.key, org, self.year, subtree))

    def _with_imported(self, c: Cell, indicator: Indicator, org: Org, kind: str) -> Cell:
        """A cell of the units table, told where its number comes from imported reports."""
        key = indicator.key
        stating = [o for o in self.outside.values() if _below(o.path, org, kind) and key in o.figures]
        if c.missing:
            return c
        own = self.outside.get(org.pk) if kind != "total" else None
        if own is not None and abs(c.value - sum(o.figures[key].value for o in stating)) < 1e-9:
            # nothing else in the row: the unit's own report speaks for it, or nothing does
            if stating == [own]:
                figure = own.figures[key]
                return Cell(
                    figure.value, url=figure.link, source=Source.IMPORTED, note=f"原文：“{figure.quote}”"
                )
            if not stating:
                return Cell(None, "未在平台办理，导入的年度报告中未写明此数字")
        if stating:
            names = "、".join(o.name for o in stating[:3]) + ("等" if len(stating) > 3 else "")
            return Cell(c.value, url=c.url, source="mixed", note=f"含{names}导入的年度报告中的数字")
        return c

    @cached_property
    def report_states(self) -> list[tuple[str, int]]:
        """How many of the table's units (and the org itself) stand in each state."""
        found = Counter(row.report.label for row in self.unit_rows if row.report is not None)
        order = [*State.labels, NOT_STARTED]
        return [(label, found[label]) for label in order if found[label]]

    @cached_property
    def trend(self) -> list[tuple[str, dict[str, Cell]]]:
        """The key indicators month by month for the org (months still to come are empty):
        the registry per month, one query per family each."""
        keys = [i.key for i in self.counted]
        months = [datetime.date(self.year, month, 1) for month in range(1, 13)]
        past = [first for first in months if first <= self.today]
        found = figures_of([Scope(self.org, first, _month_end(first), self.subtree) for first in past], keys)
        found += [{key: Figure(key, None, "", "尚未到该月") for key in keys}] * (len(months) - len(past))
        return [
            (f"{first.month}月", {key: Cell(f.value, f.missing) for key, f in figures.items()})
            for first, figures in zip(months, found, strict=True)
        ]

    @property
    def trend_rows(self) -> list[tuple[str, list[Cell]]]:
        return [(month, [cells[i.key] for i in self.counted]) for month, cells in self.trend]

    @property
    def charted(self) -> list[Indicator]:
        return self.counted[:CHARTED]


def _below(path: str, org: Org, kind: str) -> bool:
    """Whether the org at `path` counts in a row of `org` (its subtree, or itself for 本级)."""
    return path == org.path if kind == "own" else path.startswith(org.path)


def _values_by_org(scope: Scope, keys: list[str]) -> tuple[dict, str]:
    """`values_by_org`, or every unit's figures missing with the reason if a query fails."""
    try:
        with transaction.atomic():
            return registry.values_by_org(scope, keys), ""
    except (DatabaseError, ArithmeticError, ValueError, TypeError) as error:
        return {}, f"计算失败：{type(error).__name__}"


def figures_of(scopes: list[Scope], keys: list[str]) -> list[dict[str, Figure]]:
    """The registry's figures for several scopes, one query per family each, in one
    transaction; if a query fails, each scope again through `figures`, which gives the failing
    family its reason and still computes the others."""
    try:
        with transaction.atomic():
            return [_figures(scope, keys) for scope in scopes]
    except (DatabaseError, ArithmeticError, ValueError, TypeError):
        return [registry.figures(scope, keys) for scope in scopes]


def _figures(scope: Scope, keys: list[str]) -> dict[str, Figure]:
    chosen = [registry.get(key) for key in keys]
    found = registry.values(scope, [i.key for i in chosen if i.source != Source.PENDING])
    return {
        i.key: Figure(i.key, found[i.key], i.unit)
        if i.key in found
        else Figure(i.key, None, i.unit, registry.PENDING_REASON)
        for i in chosen
    }


def _month_end(first: datetime.date) -> datetime.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


# --- charts: the same numbers as the tables, as ECharts reads them --------------------------


def short_name(org: Org, parent: Org) -> str:
    """示例市教育局 under 示例市人民政府 is 教育局 on a chart axis."""
    region = parent.name.removesuffix("人民政府")
    shorter = org.name.removeprefix(region) if region else org.name
    return shorter or org.name


def _point(c: Cell) -> dict:
    value = None if c.missing else c.plain
    return {"value": value, "url": c.url}


def charts(board: Board) -> dict:
    units = [r for r in board.unit_rows if r.kind != "total"]
    names = [short_name(r.org, board.org) if r.kind == "unit" else "本级" for r in units]
    charted = [board.keys.index(i) for i in board.charted]
    return {
        "units": names,
        "lights": {light: [_point(r.lights[light]) for r in units] for light in LIGHTS},
        "lightLabels": {light: Light(light).label for light in LIGHTS},
        "indicators": [
            {"name": short_label(board.keys[n]), "data": [_point(r.cells[n]) for r in units]} for n in charted
        ],
        "months": [month for month, _ in board.trend],
        "trend": [
            {"name": short_label(i), "data": [_point(cells[i.key]) for _, cells in board.trend]}
            for i in board.charted
        ],
        "reports": [{"name": label, "value": n} for label, n in board.report_states],
    }


# --- the tables as exported to Excel: exactly what the page shows ----------------------------


def _date(value) -> str:
    return value.isoformat() if value else ""


def key_table(board: Board) -> tuple[str, list, list]:
    columns = ["指标", "计量单位", f"{board.year}年", f"{board.year - 1}年", "变化"]
    rows = [
        [c.indicator.name, c.indicator.unit, c.this_year.plain, c.last_year.plain, c.change_label]
        for c in board.key_rows
    ]
    return f"{board.org.name}{board.year}年关键指标.xlsx", columns, rows


def units_table(board: Board) -> tuple[str, list, list]:
    columns = ["单位", "超期", "临期", *(f"{short_label(i)}（{i.unit}）" for i in board.keys)]
    columns += ["年度报告", "下一期限", "期限日期", "期限灯"]
    rows = [
        [
            _unit_label(r, board),
            r.lights[Light.RED].plain,
            r.lights[Light.YELLOW].plain,
            *(c.plain for c in r.cells),
            *_report_columns(r.report),
        ]
        for r in board.unit_rows
    ]
    return f"{board.org.name}{board.year}年下属单位.xlsx", columns, rows


def _unit_label(row: UnitRow, board: Board) -> str:
    name = row.org.name if row.kind == "unit" else f"{board.org.name}（{row.label}）"
    return f"{name}（数字来自导入的年度报告）" if row.imported else name


def _report_columns(status: ReportStatus | None) -> list:
    if status is None:
        return ["", "", "", ""]
    return [status.label, status.stage, _date(status.due), Light(status.light).label]


def all_table(board: Board) -> tuple[str, list, list]:
    columns = ["系统", "指标", "计量单位", f"{board.year}年", f"{board.year - 1}年", "来源", "指标代码"]
    rows = [
        [c.system, c.indicator.name, c.indicator.unit, c.this_year.plain, c.last_year.plain]
        + [c.source_label, c.indicator.key]
        for c in board.compared
    ]
    return f"{board.org.name}{board.year}年全部指标.xlsx", columns, rows


def months_table(board: Board) -> tuple[str, list, list]:
    columns = ["月份", *(f"{short_label(i)}（{i.unit}）" for i in board.counted)]
    rows = [[month, *(_month_value(c) for c in cells)] for month, cells in board.trend_rows]
    return f"{board.org.name}{board.year}年按月趋势.xlsx", columns, rows


def _month_value(c: Cell):
    return "" if c.value is None and c.missing == "尚未到该月" else c.plain


TABLES = {"key": key_table, "units": units_table, "all": all_table, "months": months_table}
