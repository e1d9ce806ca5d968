"""The indicator registry: every number a dashboard, report, assessment or the API shows.

An indicator is declared once (DESIGN.md "Indicators") with its key `system.metric`, its
Chinese name, unit, definition and legal basis, how its value is computed for an org
subtree and a period (one SQL aggregate), and the records behind it (the same rows, for
the drill-down). Most indicators are a `Count`: the records of a registry `within` a scope
that meet a `condition`; counts over the same `within` are computed together in one
GROUP BY (`count_together`), which is how a report table of many figures stays one query.

A figure another system will provide later is declared now as PENDING (待接入): `figures`
gives it no value but the reason, never an invented 0 (the national GIO table, whose cells
cannot be blank, prints 0 and marks them); that system registers the same key when it
arrives and replaces the placeholder. A figure whose query fails is likewise missing, with
the reason, and the other figures are still computed.

Systems also declare `Passage`s: the sentences of the 法治政府建设年度报告 they draft from
their indicators, in the part of the mandated outline they belong to.

Systems register at import time (from their apps' `ready`); the core never imports a system.
The generic `fazhi import` and `fazhi report` commands dispatch to the importers and reports
registered here in the same way.
"""

import datetime
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import DatabaseError, transaction
from django.db.models import Count as SqlCount
from django.db.models import Exists, Q, QuerySet, Subquery, TextChoices
from django.utils import timezone

from .models import Org

Number = int | Decimal | float


class Source(TextChoices):
    RECORDS = "records", "记录统计"
    PENDING = "pending", "待接入"
    IMPORTED = "imported", "导入"


@dataclass(frozen=True)
class Scope:
    """An org (with or without everything below it) and a period, both ends included."""

    org: Org
    start: datetime.date
    end: datetime.date
    subtree: bool = True

    @classmethod
    def year(cls, org: Org, year: int, subtree: bool = True) -> "Scope":
        return cls(org, datetime.date(year, 1, 1), datetime.date(year, 12, 31), subtree)

    def orgs(self) -> QuerySet:
        return self.org.subtree() if self.subtree else Org.objects.filter(pk=self.org.pk)

    def org_filter(self, field_name: str = "org") -> Q:
        return Q(**{f"{field_name}__in": self.orgs().values("pk")})

    def moments(self, field_name: str) -> Q:
        """A timestamp within the period's days as the site counts them (Asia/Shanghai): a
        range on the column itself, so its index serves and no row is converted."""
        first = timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))
        after = timezone.make_aware(
            datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min)
        )
        return Q(**{f"{field_name}__gte": first, f"{field_name}__lt": after})


@dataclass(frozen=True)
class Count:
    """The records of `within(scope)` that meet `condition(scope)`."""

    within: Callable[[Scope], QuerySet]
    condition: Callable[[Scope], Q]
    parent: "Count | None" = None
    where: Callable[[], Q] | None = None  # how it narrows `parent`, on plain fields
    minus: "tuple[Count, Count] | None" = None  # (whole, part): counted as whole − part

    def records(self, scope: Scope) -> QuerySet:
        return self.within(scope).filter(self.condition(scope))

    def but_not(self, part: "Count") -> "Count":
        """The records of this count that are not in `part` (a narrower count of the same
        records), e.g. answered late = answered but not on time. Counted by subtraction, so
        a costly condition such as the reply clock's is evaluated once, not twice."""
        remainder = lambda scope: self.condition(scope) & ~part.condition(scope)  # noqa: E731
        return Count(self.within, remainder, minus=(self, part))

    def narrowed(self, where: Callable[[], Q] | None = None, **lookups) -> "Count":
        """This count restricted by conditions on plain fields, e.g. answered requests with
        `outcome="grant"`. Its value is also the sum of its parent's groups, counted together
        by those fields, that the conditions match (`matches`): a report table reads it so."""
        extra = where or (lambda: Q(**lookups))
        return Count(self.within, lambda scope: self.condition(scope) & extra(), parent=self, where=extra)


def matches(q: Q, row: dict) -> bool:
    """Whether one group of `count_together` (its `by` fields) meets `q`: exact and `__in`
    lookups, combined with AND, OR and NOT — the conditions `Count.narrowed` takes."""
    found = (matches(c, row) if isinstance(c, Q) else _lookup(*c, row) for c in q.children)
    return (all(found) if q.connector == Q.AND else any(found)) != q.negated


def _lookup(name: str, value, row: dict) -> bool:
    field_name, _, op = name.partition("__")
    if op == "in":
        return row[field_name] in value
    if op in ("", "exact"):
        return row[field_name] == value
    raise ValueError(f"matches() reads exact and __in lookups only, not {name}")


@dataclass(frozen=True)
class Indicator:
    key: str  # system.metric
    name: str
    unit: str  # 件, 条, 万元
    definition: str
    basis: str  # the law and article, or the report format that asks for it
    count: Count | None = None
    aggregate: Callable[[Scope], Number] | None = None  # when the figure is not a count
    records_of: Callable[[Scope], QuerySet] | None = None  # the records behind `aggregate`
    source: str = Source.RECORDS

    def value(self, scope: Scope) -> Number:
        if self.count is not None:
            return self.count.records(scope).count()
        if self.aggregate is not None:
            return self.aggregate(scope)
        return 0  # 待接入: nothing is invented

    def records(self, scope: Scope) -> QuerySet | None:
        if self.count is not None:
            return self.count.records(scope)
        return self.records_of(scope) if self.records_of is not None else None

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "unit": self.unit,
            "definition": self.definition,
            "basis": self.basis,
            "source": self.source,
            "source_label": Source(self.source).label,
        }


INDICATORS: dict[str, Indicator] = {}


def register(*indicators: Indicator) -> None:
    """Add indicators; a real indicator replaces a PENDING placeholder of the same key."""
    for indicator in indicators:
        known = INDICATORS.get(indicator.key)
        if known is None or known is indicator or known.source == Source.PENDING:
            INDICATORS[indicator.key] = indicator
        elif indicator.source != Source.PENDING:
            raise ValueError(f"indicator {indicator.key} declared twice")


def get(key: str) -> Indicator:
    return INDICATORS[key]


def all_indicators() -> list[Indicator]:
    return list(INDICATORS.values())


def count_together(counts: dict[str, Count], scope: Scope, by: Iterable[str] = ()) -> list[dict]:
    """Several counts over one `within`, grouped by the fields `by`: the plain conditions as
    FILTERs of one SQL aggregate; a condition with a subquery (a clock, the calendar) in a
    WHERE of its own, which the database can plan as a (parallel) semi-join instead of running
    the subquery once per row; a `but_not` count by subtraction; and narrowed counts that share
    a parent (answered requests by outcome) from groups by the fields they narrow on — the
    largest such family in the same scan as the FILTERs, grouped finer and summed back.

    Returns one dict per group: the `by` fields and each count under its name."""
    withins = {c.within for c in counts.values()}
    if len(withins) != 1:
        raise ValueError("counts computed together must share their `within`")
    records, by = withins.pop()(scope).order_by(), list(by)
    needed = _with_operands(counts)
    counted = {name: c for name, c in needed.items() if c.minus is None}
    families = _narrowed_families(counted)
    grouped = {name for family in families.values() for name in family}
    plain = {n: c for n, c in counted.items() if n not in grouped and not _has_subquery(c.condition(scope))}
    conditions = {n: c.condition(scope) for n, c in plain.items()}
    host = max(families, key=lambda key: len(families[key]), default=None)
    if host is None:
        rows = _aggregated(records, by, conditions)
    else:
        parent, fields = host
        finer = _aggregated(records, [*by, *fields], conditions | {"n": parent.condition(scope)})
        rows = _rolled(finer, by, list(conditions))
        _merge_grouped(rows, by, finer, families.pop(host))
    for name, count in counted.items():
        if name not in plain and name not in grouped:
            _merge(rows, by, name, records.filter(count.condition(scope)))
    for (parent, fields), family in families.items():
        groups = records.filter(parent.condition(scope)).values(*by, *fields).annotate(n=SqlCount("pk"))
        _merge_grouped(rows, by, list(groups), family)
    for row in rows:
        for name in needed:
            row[name] = _derived(name, needed, row)
    return [{**{f: row[f] for f in by}, **{k: row[k] for k in counts}} for row in rows]


def _narrowed_families(counts: dict[str, Count]) -> dict[tuple, dict[str, Count]]:
    """Narrowed counts grouped by their parent, with the plain fields they narrow on (all of
    a parent's, e.g. outcome and the review and court results of answered requests), where a
    family has enough members to be worth one GROUP BY of the parent."""
    families: dict[Count, dict[str, Count]] = {}
    for name, count in counts.items():
        if count.parent is not None and count.where is not None and _exact_lookups(count.where()):
            families.setdefault(count.parent, {})[name] = count
    return {
        (parent, tuple(sorted(set().union(*(_fields_of(c.where()) for c in family.values()))))): family
        for parent, family in families.items()
        if len(family) >= 3
    }


def _exact_lookups(q: Q) -> bool:
    """Whether `matches` can read the condition (exact and __in lookups only)."""
    return all(
        _exact_lookups(c) if isinstance(c, Q) else c[0].partition("__")[2] in ("", "exact", "in")
        for c in q.children
    )


def _fields_of(q: Q) -> set[str]:
    return set().union(
        *(_fields_of(c) if isinstance(c, Q) else {c[0].partition("__")[0]} for c in q.children)
    )


def _merge_grouped(rows, by: list[str], groups: list[dict], family: dict) -> None:
    """Each narrowed count: the sum of the parent's groups (`n` each) its condition matches.
    The groups are first summed over each count's own fields, so that a condition is read once
    per distinct value (an outcome), not once per group."""
    index = {tuple(row[f] for f in by): row for row in rows}
    projections: dict[tuple, dict] = {}
    for row in rows:
        row.update(dict.fromkeys(family, 0))
    for name, count in family.items():
        where = count.where()
        own = tuple(sorted(_fields_of(where)))
        if own not in projections:
            projections[own] = _summed(groups, by, own)
        verdicts: dict[tuple, bool] = {}
        for (at, values), n in projections[own].items():
            if values not in verdicts:
                verdicts[values] = matches(where, dict(zip(own, values, strict=True)))
            if verdicts[values] and at in index:
                index[at][name] += n


def _rolled(groups: list[dict], by: list[str], names: list[str]) -> list[dict]:
    """Finer groups summed back to the groups of `by` (one row of zeros when there are none)."""
    rows: dict[tuple, dict] = {}
    for g in groups:
        at = tuple(g[f] for f in by)
        row = rows.setdefault(at, {**{f: g[f] for f in by}, **dict.fromkeys(names, 0)})
        for name in names:
            row[name] += g[name]
    return list(rows.values()) if rows or by else [dict.fromkeys(names, 0)]


def _summed(groups: list[dict], by: list[str], own: tuple) -> dict:
    out: dict[tuple, int] = {}
    for g in groups:
        key = (tuple(g[f] for f in by), tuple(g[f] for f in own))
        out[key] = out.get(key, 0) + g["n"]
    return out


def _with_operands(counts: dict[str, Count]) -> dict[str, Count]:
    """The counts asked for and, under hidden names, the operands of their subtractions."""
    needed, names = dict(counts), {id(c): n for n, c in counts.items()}
    pending = [c for c in counts.values() if c.minus]
    while pending:
        for operand in pending.pop().minus:
            if id(operand) not in names:
                names[id(operand)] = f"~{len(needed)}"
                needed[names[id(operand)]] = operand
                pending += [operand] if operand.minus else []
    return needed


def _aggregated(records: QuerySet, by: list[str], conditions: dict[str, Q]) -> list[dict]:
    """One aggregate of FILTERed counts (and the group rows themselves)."""
    aliases = {name: f"n{i}" for i, name in enumerate(conditions)}
    aggregates = {aliases[n]: SqlCount("pk", filter=q) for n, q in conditions.items()}
    aggregates["n_all"] = SqlCount("pk")
    rows = records.values(*by).annotate(**aggregates) if by else [records.aggregate(**aggregates)]
    return [_renamed(row, aliases) for row in rows]


def _merge(rows: list[dict], by: list[str], name: str, matching: QuerySet) -> None:
    if not by:
        rows[0][name] = matching.count()
        return
    found = {tuple(r[f] for f in by): r["n"] for r in matching.values(*by).annotate(n=SqlCount("pk"))}
    for row in rows:
        row[name] = found.get(tuple(row[f] for f in by), 0)


def _derived(name: str, needed: dict[str, Count], row: dict) -> Number:
    if name in row:
        return row[name]
    whole, part = (next(n for n, c in needed.items() if c is operand) for operand in needed[name].minus)
    row[name] = _derived(whole, needed, row) - _derived(part, needed, row)
    return row[name]


def _has_subquery(q) -> bool:
    """Whether a condition reaches into another table (Exists, Subquery, `__in` a queryset)."""
    if isinstance(q, Q):
        return any(_has_subquery(child) for child in q.children)
    if isinstance(q, tuple):
        return _has_subquery(q[1])
    return isinstance(q, QuerySet | Subquery | Exists) or any(
        _has_subquery(e) for e in getattr(q, "get_source_expressions", lambda: [])()
    )


def _renamed(row: dict, names: dict[str, str]) -> dict:
    out = {k: v for k, v in row.items() if k not in names.values() and k != "n_all"}
    out.update({key: row[alias] for key, alias in names.items()})
    return out


def values(scope: Scope, keys: Iterable[str] | None = None) -> dict[str, Number]:
    """Every indicator's value for `scope`: counts sharing a `within` in one query each."""
    chosen = [get(k) for k in keys] if keys is not None else all_indicators()
    result, families = {}, {}
    for indicator in chosen:
        if indicator.count is not None:
            families.setdefault(indicator.count.within, {})[indicator.key] = indicator.count
        else:
            result[indicator.key] = indicator.value(scope)
    for counts in families.values():
        result.update(count_together(counts, scope)[0])
    return {i.key: result[i.key] for i in chosen}


PENDING_REASON = "待接入：统计该数字的系统尚未上线，不作估算"


@dataclass(frozen=True)
class Figure:
    """One indicator's value for a scope, as reports, the dashboard and the CLI print it;
    `missing` says why there is no value (待接入, or the query failed) — never a silent 0.

    A figure read from a unit's own narrative report (`Source.IMPORTED`) keeps the words that
    state it (`quote`) and the address of those words (`link`); records figures have neither."""

    key: str
    value: Number | None
    unit: str
    missing: str = ""
    source: str = Source.RECORDS
    quote: str = ""
    link: str = ""

    def as_json(self) -> dict:
        value = self.value if self.value is None or isinstance(self.value, int) else float(self.value)
        found = {"key": self.key, "value": value, "unit": self.unit}
        found |= {"missing": self.missing} if self.missing else {}
        imported = self.source == Source.IMPORTED
        return found | ({"source": self.source, "quote": self.quote} if imported else {})


def figures(scope: Scope, keys: Iterable[str] | None = None) -> dict[str, Figure]:
    """`values`, each as a Figure; a family whose query fails leaves its figures missing
    (in a savepoint, so the transaction and the other families carry on)."""
    chosen = [get(k) for k in keys] if keys is not None else all_indicators()
    found: dict[str, Figure] = {}
    for family in _families(i for i in chosen if i.source != Source.PENDING):
        found.update(_family_figures(family, scope))
    missing = {i.key: Figure(i.key, None, i.unit, PENDING_REASON) for i in chosen if i.key not in found}
    return {i.key: found.get(i.key) or missing[i.key] for i in chosen}


def _families(chosen: Iterable[Indicator]) -> list[list[Indicator]]:
    """Counts sharing a `within` together (one query); every other indicator alone."""
    together: dict = {}
    for indicator in chosen:
        group = indicator.count.within if indicator.count is not None else indicator.key
        together.setdefault(group, []).append(indicator)
    return list(together.values())


def _family_figures(family: list[Indicator], scope: Scope) -> dict[str, Figure]:
    try:
        with transaction.atomic():
            found = values(scope, [i.key for i in family])
    except (DatabaseError, ArithmeticError, ValueError, TypeError) as error:
        reason = f"计算失败：{type(error).__name__}"
        return {i.key: Figure(i.key, None, i.unit, reason) for i in family}
    return {i.key: Figure(i.key, found[i.key], i.unit) for i in family}


def values_by_org(scope: Scope, keys: Iterable[str]) -> dict[int, dict[str, Number]]:
    """Each org's own values (not its subtree's) for every org in scope: counts in one GROUP
    BY org per family; a dashboard adds them up per unit below (`rolled_up`)."""
    chosen = [get(k) for k in keys]
    per_org: dict[int, dict[str, Number]] = {pk: {} for pk in scope.orgs().values_list("pk", flat=True)}
    for family in _families(i for i in chosen if i.source != Source.PENDING):
        _family_by_org(family, scope, per_org)
    return per_org


def _family_by_org(family: list[Indicator], scope: Scope, per_org: dict) -> None:
    if family[0].count is not None:
        for row in count_together({i.key: i.count for i in family}, scope, by=("org",)):
            per_org.setdefault(row.pop("org"), {}).update(row)
        return
    for org in scope.orgs():
        own = Scope(org, scope.start, scope.end, subtree=False)
        per_org[org.pk][family[0].key] = family[0].value(own)


def rolled_up(per_org: dict[int, dict[str, Number]], units: Iterable[Org], keys: Iterable[str]) -> dict:
    """{unit pk: {key: sum over the unit and every org below it}}, from `values_by_org`."""
    paths = dict(Org.objects.filter(pk__in=per_org).values_list("pk", "path"))
    totals = {}
    for unit in units:
        inside = [pk for pk, path in paths.items() if path.startswith(unit.path)]
        totals[unit.pk] = {k: sum(per_org[pk].get(k, 0) for pk in inside) for k in keys}
    return totals


# --- figures imported from the narrative reports of units not on the platform ---------------

# provider(org ids, year, user) -> {org id: {key: Figure with source IMPORTED, quote and link}},
# only what `user` may read (the provider asks the access module, as every read does).
ImportedProvider = Callable[[Iterable[int], int, object], dict[int, dict[str, Figure]]]
IMPORTED_PROVIDERS: list[ImportedProvider] = []


def register_imported(provider: ImportedProvider) -> None:
    """A system that reads units' own reports (the report importer) offers their figures here,
    so that a dashboard covers units outside the platform too; the core imports no system."""
    if provider not in IMPORTED_PROVIDERS:
        IMPORTED_PROVIDERS.append(provider)


def imported_figures(org_ids: Iterable[int], year: int, user) -> dict[int, dict[str, Figure]]:
    """The imported figures of these orgs for the year that `user` may read (the first
    provider to give an org's key wins)."""
    org_ids = list(org_ids)
    found: dict[int, dict[str, Figure]] = {}
    for provider in IMPORTED_PROVIDERS:
        for org_id, figures_of_org in provider(org_ids, year, user).items():
            mine = found.setdefault(org_id, {})
            mine.update({key: f for key, f in figures_of_org.items() if key not in mine})
    return found


# --- passages of the 法治政府建设年度报告 the systems draft from their indicators -------------


@dataclass(frozen=True)
class Passage:
    """A paragraph a system contributes to one part of the annual report. `text` names its
    figures as {indicator.key}; `shown` decides from the figures whether it applies (e.g. a
    shortcoming only when something was late)."""

    part: str  # measures | shortcomings | first_responsible | next_year_plan | other
    heading: str  # the system's sub-heading, e.g. 推进政务公开
    text: str
    order: int = 100
    shown: Callable[[dict[str, Figure]], bool] | None = None

    def figure_keys(self) -> list[str]:
        return [name for _, name, _, _ in string.Formatter().parse(self.text) if name]


PASSAGES: list[Passage] = []


def register_passage(*passages: Passage) -> None:
    for passage in passages:
        unknown = [k for k in passage.figure_keys() if k not in INDICATORS]
        if unknown:
            raise ValueError(f"passage names unregistered indicators: {unknown}")
        if passage not in PASSAGES:
            PASSAGES.append(passage)


# --- imports and reports the generic commands dispatch to --------------------------------


class FileProblems(ValueError):
    """An import refused as a whole; `problems` name the rows ("第3行：…")."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("；".join(problems))


class ReportRefused(ValueError):
    """A report that fails its checks is shown, never written; `problems` say which rule."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("；".join(problems))


@dataclass(frozen=True)
class Importer:
    kind: str  # the command's word: fazhi import disclosure-requests FILE --org CODE
    name: str
    run: Callable  # (path, org, *, progress, actor) -> summary text; raises FileProblems
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    kind: str  # fazhi report gio --org CODE --year YYYY --format F --out FILE
    name: str
    run: Callable  # (scope, fmt) -> bytes; raises ReportRefused
    formats: tuple[str, ...] = field(default=("json",))


IMPORTERS: dict[str, Importer] = {}
REPORTS: dict[str, Report] = {}


def register_importer(importer: Importer) -> None:
    IMPORTERS[importer.kind] = importer


def register_report(report: Report) -> None:
    REPORTS[report.kind] = report
