"""Every registered indicator for a city: the registry against hand-written SQL.

A city of `gio_units` units (bench.gio.build_city: the city, three counties, departments)
holds `indicator_records` records over 2024 and 2025, in the proportions a city has them —
mostly 主动公开 items (68 %), then 依申请公开 requests with their reply clocks (28 %), and
督办 items with their handling clocks (4 %, some extended, some returned) — as they stand
on AS_OF, loaded with explicit ids through the bulk paths (COPY on PostgreSQL, one
executemany transaction on SQLite). On top of them, through the same paths, the registers of
规范性文件 and 重大行政决策 in proportion (bench/registers.py: for 2,000,000 records about
30,000 documents with their 合法性审核, 备案 clocks and cleanups, and 4,000 decisions with their
catalogues, process records, evaluations, consultations and comments). For report year 2025:

    values      registry.values(Scope.year(city, 2025)): every registered indicator for
                the city's subtree (counts sharing a `within` in one aggregate each)
    hand        the same figures from one statement per table written by hand (below),
                folded in Python where a human would (outcome words into table 四's columns)
    by_unit     registry.values_by_org + rolled_up for the 40 units: the supervisor's
                dashboard table, every counted indicator
    hand_by_unit  the same statements grouped by org, added up the tree in Python
    registers   registry.values for the 规范性文件 and 重大行政决策 figures alone, against
                their hand-written statements (`registers_hand`): in `values` they are a small
                share of the time

Both sides of each pair must give equal numbers (checked for 2024 and 2025 before timing).
The target (issue 4): the registry within 1.5× of the hand-written SQL. Where the time goes
(EXPLAIN, 2026-11): a condition with a subquery (the reply clock, the calendar, the handling
clocks) sits inside the family's one aggregate as COUNT … FILTER (WHERE EXISTS …), which
PostgreSQL runs once per row and once per count that names it (on time and late), serially;
the hand-written statements join instead (hash joins, parallel). Must be imported
after django.setup(); the functions take a connection and counts so that the smoke test
can run them on a tiny dataset.
"""

import datetime
import random
import time
from statistics import median

from django.db import transaction

from bench import decisions as decisions_bench
from bench import figure, log, paired_ratio, ratio, registers, sample_ms
from bench import normdocs as normdocs_bench
from bench.gio import build_city
from fazhi.core import indicators as registry
from fazhi.core.indicators import Scope, Source
from fazhi.core.models import Org
from fazhi.disclosure import gio
from fazhi.disclosure.procedure import OUTCOMES, PUBLICATION, REPLY
from fazhi.supervision.procedure import HANDLING

YEAR = 2025
FIRST_DAY, DAYS = datetime.date(2024, 1, 1), 731  # 2024-01-01 .. 2025-12-31
AS_OF = datetime.date(2026, 1, 31)  # the records as they stand when the report is drafted
SHARES = {"publication": 68, "requests": 28, "supervision": 4}  # per cent of the records
STAMP = {"sqlite": "2026-01-31 00:00:00", "postgresql": "2026-01-31 00:00:00+00"}
REQUEST = "disclosure.disclosurerequest"
ITEM = "supervision.supervisionitem"

# --- the hand-written SQL: one statement per table ------------------------------------------

ORGS = "org_id IN (SELECT id FROM core_org WHERE path LIKE %(path)s)"

REQUESTS_SQL = f"""
SELECT {{by}} r.outcome, r.review_result, r.litigation_kind, r.litigation_result,
       SUM(CASE WHEN r.received_on >= %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.received_on < %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.replied_on >= %(start)s AND r.replied_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.replied_on IS NULL OR r.replied_on > %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.replied_on >= %(start)s AND r.replied_on <= %(end)s AND late.id IS NULL
                THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.replied_on >= %(start)s AND r.replied_on <= %(end)s AND late.id IS NOT NULL
                THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.replied_on >= %(start)s AND r.replied_on <= %(end)s AND r.extended
                THEN 1 ELSE 0 END)
FROM disclosure_disclosurerequest r
LEFT JOIN core_clock late
       ON late.subject_type = '{REQUEST}' AND late.subject_id = r.id
      AND late.rule_key = '{REPLY.key}' AND late.due_on < r.replied_on
WHERE r.{ORGS}
  AND r.received_on <= %(end)s
  AND (r.replied_on IS NULL OR r.replied_on >= %(start)s OR r.received_on >= %(start)s)
GROUP BY {{by}} r.outcome, r.review_result, r.litigation_kind, r.litigation_result
"""

# The 20th working day after the day formed is the working day whose ordinal is 20 more.
PUBLICATION_SQL = f"""
SELECT {{by}} COUNT(*), SUM(CASE WHEN due.date >= p.published_on THEN 1 ELSE 0 END)
FROM disclosure_publicationitem p
LEFT JOIN core_calendarday formed ON formed.date = p.formed_on
LEFT JOIN core_calendarday due ON due.is_workday AND due.ordinal = formed.ordinal + {PUBLICATION.amount}
WHERE p.{ORGS} AND p.published_on >= %(start)s AND p.published_on <= %(end)s
{{group}}
"""

# An item missed its date when a handling clock ran past its due date (indicators.py).
SUPERVISION_SQL = f"""
SELECT {{by}}
       SUM(CASE WHEN i.assigned_on >= %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN i.closed_on >= %(start)s AND i.closed_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN i.closed_on >= %(start)s AND i.closed_on <= %(end)s AND missed.subject_id IS NULL
                THEN 1 ELSE 0 END),
       SUM(CASE WHEN (i.closed_on IS NULL OR i.closed_on > %(end)s) AND missed.first_due < %(end)s
                THEN 1 ELSE 0 END)
FROM supervision_supervisionitem i
LEFT JOIN (SELECT subject_id, MIN(due_on) AS first_due FROM core_clock
           WHERE subject_type = '{ITEM}' AND rule_key = '{HANDLING.key}'
             AND (stopped_on IS NULL OR stopped_on > due_on)
           GROUP BY subject_id) missed ON missed.subject_id = i.id
WHERE i.{ORGS}
  AND i.assigned_on <= %(end)s AND (i.closed_on IS NULL OR i.closed_on >= %(start)s)
{{group}}
"""

REQUEST_COUNTS = ("received", "carried_over", "answered", "pending", "answered_on_time", "answered_late")
REQUEST_COUNTS += ("extended",)
SUPERVISION_KEYS = ("items_assigned", "items_closed", "items_closed_on_time", "items_overdue")


# --- the records --------------------------------------------------------------------------

# fmt: off
COLUMNS = {
    "disclosure_publicationitem": (
        "id", "org_id", "created_at", "updated_at", "title", "category", "document_number", "body",
        "formed_on", "state", "review_round", "review_stage", "review_scheme", "published_on",
        "withdrawn_on", "withdrawn_reason",
    ),
    "disclosure_disclosurerequest": (
        "id", "org_id", "created_at", "updated_at", "number", "tracking_code", "channel",
        "applicant_type", "applicant_name", "id_number", "phone", "email", "address", "description",
        "delivery_form", "received_on", "state", "correction_note", "consulted_party", "fee_method",
        "extended", "extension_reason", "outcome", "letter", "replied_on", "delivery_method",
        "review_result", "litigation_kind", "litigation_result",
    ),
    "supervision_supervisionitem": (
        "id", "org_id", "created_at", "updated_at", "assigner_org_id", "number", "title", "source",
        "requirement", "state", "feedback", "return_reason", "opinion", "assigned_on", "closed_on",
    ),
    "core_clock": (
        "org_id", "subject_type", "subject_id", "rule_key", "rule_since", "unit", "state", "started_on",
        "base_on", "remaining", "target_on", "due_on", "stopped_on", "extended", "amount", "note",
    ),
}
# fmt: on


def day(rng: random.Random, spread: int = DAYS) -> datetime.date:
    return FIRST_DAY + datetime.timedelta(days=rng.randrange(spread))


def after(on: datetime.date, rng: random.Random, low: float, high: float, mode: float) -> datetime.date:
    return on + datetime.timedelta(days=round(rng.triangular(low, high, mode)))


def shown(on: datetime.date | None) -> datetime.date | None:
    """What has happened by AS_OF; a later date has not happened yet."""
    return on if on is not None and on <= AS_OF else None


def publication_rows(count: int, first_id: int, org_ids: list[int], stamp: str, seed: int = 2024):
    rng, categories = random.Random(seed), ("announcement", "finance", "key_areas", "planning", "other")
    for i in range(first_id, first_id + count):
        formed = day(rng)
        published = shown(after(formed, rng, 0, 45, 8)) if rng.random() > 0.03 else None
        withdrawn = published if published and rng.random() < 0.01 else None
        state = "withdrawn" if withdrawn else "published" if published else "in_review"
        item = (i, rng.choice(org_ids), stamp, stamp, "信息", rng.choice(categories), "", "正文", formed)
        yield item + (state, 1, 3 if published else 1, "", published, withdrawn, "失效" if withdrawn else "")


def request_rows(count: int, first_id: int, org_ids: list[int], stamp: str, seed: int = 2025):
    """(request, its reply clock) pairs: 20 working days (about 28 calendar days) from receipt,
    20 more when extended; stopped on the reply."""
    rng, codes, words = random.Random(seed), [o.code for o in OUTCOMES], list(gio.RESULT_COLUMNS)
    kinds = list(gio.LITIGATION_KINDS)
    for i in range(first_id, first_id + count):
        org, received = rng.choice(org_ids), day(rng)
        replied = shown(after(received, rng, 1, 35, 8)) if rng.random() > 0.02 else None
        extended = rng.random() < 0.04
        review = rng.choice(words) if replied and rng.random() < 0.01 else ""
        kind = rng.choice(kinds) if replied and rng.random() < 0.005 else ""
        result = rng.choice(["", *words]) if kind else ""
        request = (i, org, stamp, stamp, f"R{i}", f"{i:012d}", "online", "natural_person", "申请人")
        request += ("", "", "", "", "申请内容", "electronic", received, "replied" if replied else "handling")
        request += ("", "", "", extended, "" if not extended else "情况复杂")
        request += (rng.choice(codes) if replied else "", "", replied, "", review, kind, result)
        due = received + datetime.timedelta(days=56 if extended else 28)
        clock = (org, REQUEST, i, REPLY.key, REPLY.since, "workdays", "stopped" if replied else "running")
        clock += (received, received, 20, due, due, replied, 20 if extended else 0, 20, "")
        yield request, clock


def supervision_rows(count: int, first_id: int, org_ids: list[int], city_id: int, stamp: str, seed=2019):
    """(item, its handling clocks): a date set on 交办, sometimes moved (延期); reported
    mostly in time; about one in eight returned with a new date; closed a few days later."""
    rng = random.Random(seed)
    for i in range(first_id, first_id + count):
        org, assigned = rng.choice(org_ids), day(rng)
        due = after(assigned, rng, 15, 60, 30)
        if rng.random() < 0.05:
            due += datetime.timedelta(days=30)  # 延期: the same clock, a later date
        reported, clocks = shown(max(after(due, rng, -25, 12, -8), assigned)), []
        clocks.append(_handling_clock(org, i, assigned, due, reported))
        returned = shown(reported + datetime.timedelta(days=2)) if reported else None
        if returned and rng.random() < 0.12:  # 退回: a new clock from the return
            reported = shown(after(returned, rng, 3, 50, 15))
            clocks.append(_handling_clock(org, i, returned, returned + datetime.timedelta(days=30), reported))
        closed = shown(after(reported, rng, 1, 10, 3)) if reported else None
        state = "closed" if closed else "reported" if reported else "handling"
        item = (i, org, stamp, stamp, city_id, f"督{i}", "督办事项", "inspection", "要求", state)
        item += ("", "", "", assigned, closed)
        yield item, clocks


def _handling_clock(org, item_id, started, due, stopped):
    head = (org, ITEM, item_id, HANDLING.key, HANDLING.since, "date", "stopped" if stopped else "running")
    return head + (started, started, 0, due, due, stopped, 0, 0, "")


def next_id(connection, table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cursor.fetchone()[0]


def split(total: int) -> dict[str, int]:
    counts = {name: total * share // 100 for name, share in SHARES.items()}
    counts["publication"] += total - sum(counts.values())
    return counts


def load(connection, total: int, org_ids: list[int]) -> dict[str, int]:
    """Bulk-load `total` records (and their clocks) in one transaction, then the registers'
    records in proportion (`load_registers`); rows per table."""
    counts, stamp = split(total), STAMP[connection.vendor]
    first = {t: next_id(connection, t) for t in COLUMNS if t != "core_clock"}
    requests = request_rows(counts["requests"], first["disclosure_disclosurerequest"], org_ids, stamp)
    items = supervision_rows(
        counts["supervision"], first["supervision_supervisionitem"], org_ids, org_ids[0], stamp
    )
    publications = publication_rows(
        counts["publication"], first["disclosure_publicationitem"], org_ids, stamp
    )
    request_clocks, item_clocks = [], []
    with transaction.atomic(using=connection.alias):
        bulk(connection, "disclosure_publicationitem", publications)
        bulk(connection, "disclosure_disclosurerequest", _keeping(requests, request_clocks.append))
        bulk(connection, "supervision_supervisionitem", _keeping(items, item_clocks.extend))
        bulk(connection, "core_clock", request_clocks + item_clocks)
        counts |= load_registers(connection, total, org_ids)
        reset_sequences(connection)
    counts["clocks"] += len(request_clocks) + len(item_clocks)
    return counts


# Of a city's 2,000,000 records: about 30,000 规范性文件 (with their reviews, cleanups and 备案
# clocks) and 4,000 重大行政决策 (with catalogues, process records, consultations and comments).
REGISTER_SHARES = {"normdocs": 15 / 1000, "decisions": 2 / 1000}
REGISTER_COUNTS = {
    "normdocs": "normdocs_document",
    "cleanups": "normdocs_cleanupcampaign",
    "reviews": "normdocs_legalityreview",
    "cleanup_entries": "normdocs_cleanupentry",
    "catalogues": "decisions_catalogue",
    "decisions": "decisions_decision",
    "process_records": "decisions_processrecord",
    "evaluations": "decisions_evaluation",
    "consultations": "core_consultation",
    "comments": "core_comment",
}


def load_registers(connection, total: int, org_ids: list[int]) -> dict[str, int]:
    """The 规范性文件 and 重大行政决策 registers (bench/registers.py) for the same units."""
    ids = registers.Ids({t: next_id(connection, t) for t in registers.TABLES})
    sizes = {k: round(total * share) for k, share in REGISTER_SHARES.items()}
    period = registers.Period(FIRST_DAY, DAYS, AS_OF)
    found = registers.generate(sizes, registers.Orgs.of(org_ids), ids, period)
    for table in registers.TABLES:
        bulk(connection, table, registers.as_rows(table, found[table], STAMP[connection.vendor]))
    bulk(connection, "core_clock", found["clocks"])
    return {name: len(found[table]) for name, table in REGISTER_COUNTS.items()} | {
        "clocks": len(found["clocks"])
    }


def _keeping(pairs, keep):
    """The records of (record, clocks) pairs, keeping the clocks aside for their own table."""
    for record, clocks in pairs:
        keep(clocks)
        yield record


def bulk(connection, table: str, rows) -> None:
    columns = COLUMNS.get(table) or list(registers.fields(table))
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" * len(columns))
    connection.connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def reset_sequences(connection) -> None:
    """After explicit ids, the next id PostgreSQL hands out must come after them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in [t for t in COLUMNS if t != "core_clock"] + list(registers.TABLES):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )


def refresh_statistics(connection) -> None:
    tables = [*COLUMNS, *registers.TABLES, "core_org", "core_calendarday"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute("ANALYZE")


# --- the two computations ------------------------------------------------------------------


def counted_keys() -> list[str]:
    return [i.key for i in registry.all_indicators() if i.source != Source.PENDING]


def fazhi_values(scope: Scope) -> dict:
    return registry.values(scope)


def fazhi_by_unit(scope: Scope, units: list[Org]) -> dict:
    keys = counted_keys()
    return registry.rolled_up(registry.values_by_org(scope, keys), units, keys)


def hand_rows(connection, sql: str, path: str, year: int, by_org: bool) -> list[tuple]:
    """One statement's rows; `by_org` puts the org first in each row and groups by it."""
    params = {"start": f"{year}-01-01", "end": f"{year}-12-31", "path": f"{path}%"}
    alias = sql.split("FROM ", 1)[1].split()[1]  # r, p or i
    sql = sql.replace("{by}", f"{alias}.org_id," if by_org else "")
    sql = sql.replace("{group}", f"GROUP BY {alias}.org_id" if by_org else "")
    if connection.vendor == "sqlite":
        sql = sql.replace("%(", ":").replace(")s", "")
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()


def hand_values(connection, path: str, year: int) -> dict:
    """Every counted indicator for the subtree at `path`, from the three statements."""
    return _hand(connection, path, year, by_org=False)[None]


def hand_by_unit(connection, units: list[Org], year: int) -> dict:
    """{unit pk: figures}: the statements grouped by org, added up each unit's subtree."""
    per_org = _hand(connection, units[0].path, year, by_org=True)
    paths = dict(Org.objects.filter(pk__in=per_org).values_list("pk", "path"))
    totals = {}
    for unit in units:
        inside = [per_org[pk] for pk, path in paths.items() if path.startswith(unit.path)]
        totals[unit.pk] = {k: sum(figures.get(k, 0) for figures in inside) for k in counted_keys()}
    return totals


def _hand(connection, path: str, year: int, by_org: bool) -> dict:
    found: dict = {}
    for row in hand_rows(connection, REQUESTS_SQL, path, year, by_org):
        org, row = (row[0], row[1:]) if by_org else (None, row)
        _fold_requests(found.setdefault(org, {}), row)
    for row in hand_rows(connection, PUBLICATION_SQL, path, year, by_org):
        org, (total, on_time) = (row[0], row[1:]) if by_org else (None, row)
        _add(found.setdefault(org, {}), "disclosure.items_published", total)
        _add(found[org], "disclosure.items_published_on_time", on_time)
        _add(found[org], "disclosure.items_published_late", (total or 0) - (on_time or 0))
    for row in hand_rows(connection, SUPERVISION_SQL, path, year, by_org):
        org, row = (row[0], row[1:]) if by_org else (None, row)
        for key, n in zip(SUPERVISION_KEYS, row, strict=True):
            _add(found.setdefault(org, {}), f"supervision.{key}", n)
    for org, figures in normdocs_bench.hand(connection, path, year, by_org).items():
        found.setdefault(org, {}).update(figures)
    for org, figures in decisions_bench.hand(connection, path, year, by_org).items():
        found.setdefault(org, {}).update(figures)
    return found or {None: {}}


# The 规范性文件 and 重大行政决策 figures alone, also timed on their own: in `values` they are a
# small part of the time, which the disclosure tables' 2,000,000 records dominate.
REGISTER_KEYS = (*normdocs_bench.HAND_KEYS, *decisions_bench.HAND_KEYS)


def hand_registers(connection, path: str, year: int) -> dict:
    found = normdocs_bench.hand(connection, path, year, by_org=False).get(None, {})
    return found | decisions_bench.hand(connection, path, year, by_org=False).get(None, {})


def _add(figures: dict, key: str, n) -> None:
    figures[key] = figures.get(key, 0) + int(n or 0)


def _fold_requests(figures: dict, row: tuple) -> None:
    """One group of the requests statement into table 三's and 四's figures."""
    outcome, review, kind, result, *counts = row
    for name, n in zip(REQUEST_COUNTS, counts, strict=True):
        _add(figures, f"disclosure.requests_{name}", n)
    answered = counts[2]
    if outcome:
        _add(figures, f"disclosure.outcome_{outcome}", answered)
    columns = [gio.RESULT_COLUMNS.get(review)] if review else []
    _four(figures, "review", review, columns, answered)
    litigation = {gio.DIRECT: "litigation_direct", gio.AFTER_REVIEW: "litigation_after_review"}
    row_key = litigation.get(gio.LITIGATION_KINDS.get(kind))
    if row_key:
        columns = [gio.UNDECIDED] if result == "" else [gio.RESULT_COLUMNS.get(result)]
        _four(figures, row_key, kind, columns, answered)


def _four(figures: dict, row_key: str, word: str, columns: list, answered) -> None:
    if not word:
        return
    for column in [c for c in columns if c] + [gio.TOTAL]:
        _add(figures, gio.four_key(row_key, column), answered)


def differences(fazhi: dict, hand: dict) -> list[str]:
    """Every counted indicator whose two values differ (a missing one counts as 0)."""
    return [
        f"{k}: fazhi {fazhi.get(k, 0)} hand {hand.get(k, 0)}"
        for k in counted_keys()
        if fazhi.get(k, 0) != hand.get(k, 0)
    ]


def unchecked() -> list[str]:
    """Counted indicators the hand-written SQL does not compute: a new system's, to add here."""
    hand = {f"disclosure.requests_{n}" for n in REQUEST_COUNTS} | {
        f"supervision.{k}" for k in SUPERVISION_KEYS
    }
    hand |= {
        "disclosure.items_published",
        "disclosure.items_published_on_time",
        "disclosure.items_published_late",
    }
    hand |= {f"disclosure.outcome_{o.code}" for o in OUTCOMES}
    hand |= {gio.four_key(r, c) for _, _, r in gio.FOUR_ROWS for c in gio.FOUR_COLUMNS}
    hand |= set(normdocs_bench.HAND_KEYS)
    hand |= set(decisions_bench.HAND_KEYS)
    return sorted(set(counted_keys()) - hand)


def check(connection, orgs: list[Org], year: int) -> list[str]:
    """Both pairs of computations for `year`: the differences found (none, when all agree)."""
    city, counted = orgs[0], counted_keys()
    found = fazhi_values(Scope.year(city, year))
    problems = differences(found, hand_values(connection, city.path, year))
    problems += [f"{k}: 待接入 but gives {v}" for k, v in found.items() if k not in counted and v]
    fazhi, hand = fazhi_by_unit(Scope.year(city, year), orgs), hand_by_unit(connection, orgs, year)
    for unit in orgs:
        problems += [f"{unit.code} {p}" for p in differences(fazhi[unit.pk], hand[unit.pk])]
    return problems


# --- the benchmark ---------------------------------------------------------------------------


def run(connection, args) -> list[dict]:
    prefix = f"indicators.{connection.vendor}"
    orgs = build_city(args.gio_units)
    log(f"  loading {args.indicator_records:,} records for {len(orgs)} units into {connection.vendor} …")
    start = time.perf_counter()
    counts = load(connection, args.indicator_records, [o.pk for o in orgs])
    seconds = time.perf_counter() - start
    refresh_statistics(connection)
    rows = sum(counts.values())
    log(f"  {counts} in {seconds:.0f} s")
    figures = [
        figure(f"{prefix}.units", len(orgs), "units"),
        figure(f"{prefix}.records", args.indicator_records, "rows"),
        figure(f"{prefix}.normdocs", counts["normdocs"], "rows"),
        figure(f"{prefix}.decisions", counts["decisions"], "rows"),
        figure(f"{prefix}.indicators", len(counted_keys()), "indicators"),
        figure(f"{prefix}.load", rows / seconds, "rows/s"),
    ]
    return figures + measure(connection, prefix, orgs, args.indicator_reps)


def measure(connection, prefix: str, orgs: list[Org], reps: int) -> list[dict]:
    problems = check(connection, orgs, YEAR) + check(connection, orgs, YEAR - 1)
    for problem in problems:
        log(f"  DIFFERENT {problem}")
    assert not problems, f"{len(problems)} figures differ"
    missing = unchecked()
    if missing:
        log(f"  not checked against hand-written SQL: {missing}")
    city, scope = orgs[0], Scope.year(orgs[0], YEAR)
    log(f"  timing every indicator against hand-written SQL, {reps} rounds …")
    samples = sample_ms(
        {
            "values": lambda: fazhi_values(scope),
            "hand": lambda: hand_values(connection, city.path, YEAR),
            "by_unit": lambda: fazhi_by_unit(scope, orgs),
            "hand_by_unit": lambda: hand_by_unit(connection, orgs, YEAR),
            "registers": lambda: registry.values(scope, REGISTER_KEYS),
            "registers_hand": lambda: hand_registers(connection, city.path, YEAR),
        },
        reps,
    )
    timed = {name: figure(f"{prefix}.{name}", median(ms), "ms") for name, ms in samples.items()}
    return [
        figure(f"{prefix}.same_result", int(not problems), "bool"),
        figure(f"{prefix}.unchecked", len(missing), "indicators"),
        *timed.values(),
        ratio(f"{prefix}.values/hand", paired_ratio(samples["values"], samples["hand"]), timed["hand"]),
        ratio(
            f"{prefix}.by_unit/hand_by_unit",
            paired_ratio(samples["by_unit"], samples["hand_by_unit"]),
            timed["hand_by_unit"],
        ),
        ratio(
            f"{prefix}.registers/registers_hand",
            paired_ratio(samples["registers"], samples["registers_hand"]),
            timed["registers_hand"],
        ),
    ]
