"""The annual GIO report's tables for a city: fazhi's computation versus one hand-written query.

A city of `gio_units` units (the city, three counties, departments under each) holds
`gio_requests` requests received from July 2024 to December 2025, loaded through the
ledger's bulk path (COPY on PostgreSQL, executemany on SQLite). For report year 2025:

    fazhi   gio.tables(): tables 二, 三 and 四 from the registered indicators (table 三 one
            GROUP BY applicant type and outcome, table 四 one aggregate) and every sum check
    bare    table 三 alone, in one SQL query written by hand on the DB-API cursor

The target (issue 5): fazhi within 1.5× of bare. Must be imported after django.setup().
"""

import datetime
import random
import time
from statistics import median

from bench import figure, log, paired_ratio, ratio, sample_ms
from fazhi.core.indicators import Scope
from fazhi.core.models import Level, Org
from fazhi.disclosure import gio, ledger
from fazhi.disclosure.models import DisclosureRequest
from fazhi.disclosure.procedure import OUTCOMES, ApplicantType

YEAR = 2025
FIRST_DAY, DAYS = datetime.date(2024, 7, 1), 549  # 2024-07-01 .. 2025-12-31
APPLICANT_WEIGHTS = (70, 12, 2, 3, 8, 5)  # 自然人 … 其他, roughly as published reports show
BARE_SQL = """
SELECT applicant_type, outcome,
       SUM(CASE WHEN received_on >= %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN received_on < %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN replied_on >= %(start)s AND replied_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN replied_on IS NULL OR replied_on > %(end)s THEN 1 ELSE 0 END)
FROM disclosure_disclosurerequest
WHERE org_id IN (SELECT id FROM core_org WHERE path LIKE %(path)s)
  AND received_on <= %(end)s AND (replied_on IS NULL OR replied_on >= %(start)s)
GROUP BY applicant_type, outcome
"""


# --- the city -----------------------------------------------------------------------------


def build_city(units: int) -> list[Org]:
    """The city, three counties, and departments spread under the four of them."""
    city = Org.objects.create(code="GC", name="基准市", level=Level.CITY)
    parents = [city] + [
        Org.objects.create(code=f"GC-X{i}", name=f"基准县{i}", level=Level.COUNTY, parent=city)
        for i in range(3)
    ]
    departments = [
        Org.objects.create(code=f"{p.code}-D{i}", name=f"基准局{i}", level=Level.DEPARTMENT, parent=p)
        for i in range(units - len(parents))
        for p in [parents[i % len(parents)]]
    ]
    return parents + departments


def requests(count: int, org_ids: list[int], seed: int = 2025):
    rng, codes, types = random.Random(seed), [o.code for o in OUTCOMES], ApplicantType.values
    for i in range(count):
        received = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        replied = received + datetime.timedelta(days=rng.randrange(1, 45))
        answered = rng.random() > 0.05 and replied < datetime.date(2026, 1, 20)
        yield DisclosureRequest(
            org_id=rng.choice(org_ids),
            number=f"B{i:07d}",
            tracking_code=f"{i:012d}",
            channel="online",
            applicant_type=rng.choices(types, APPLICANT_WEIGHTS)[0],
            applicant_name="申请人",
            description="申请内容",
            received_on=received,
            state="replied" if answered else "handling",
            replied_on=replied if answered else None,
            outcome=rng.choice(codes) if answered else "",
            review_result=rng.choice(("维持", "撤销", "驳回")) if answered and rng.random() < 0.01 else "",
        )


def load(connection, count: int, org_ids: list[int]) -> float:
    """Seconds to bulk-insert `count` requests through the ledger's bulk path."""
    from django.db import transaction

    start = time.perf_counter()
    with transaction.atomic(using=connection.alias):
        ledger.bulk_insert(DisclosureRequest, requests(count, org_ids), using=connection)
    return time.perf_counter() - start


def refresh_statistics(connection) -> None:
    sql = "VACUUM ANALYZE disclosure_disclosurerequest" if connection.vendor == "postgresql" else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(sql)


# --- the two computations ------------------------------------------------------------------


def fazhi_tables(scope: Scope) -> dict:
    found, checks = gio.tables(scope)
    assert all(c.ok for c in checks), [str(c) for c in checks]
    return {r.label: r.values for r in found["三"]}


def bare_table_three(connection, path: str) -> list[tuple]:
    connection.ensure_connection()
    params = {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31", "path": f"{path}%"}
    sql = BARE_SQL if connection.vendor == "postgresql" else BARE_SQL.replace("%(", ":").replace(")s", "")
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()


def same_table(fazhi: dict, bare: list[tuple]) -> bool:
    """Every cell of table 三 the hand-written rows give: 一, 二, （七）, 四 and each outcome row."""
    counted = (gio.NEW, gio.CARRIED, gio.RESULTS_TOTAL, gio.PENDING)
    outcome_rows = {r.outcome: r.label for r in gio.THREE_ROWS if r.outcome}
    expected: dict[tuple, int] = {}
    for applicant, outcome, *counts in bare:
        column = ApplicantType(applicant).label
        cells = [*zip(counted, counts, strict=True), (outcome_rows.get(outcome), counts[2])]
        for label, n in cells:
            for key in ((label, column), (label, gio.TOTAL)):
                expected[key] = expected.get(key, 0) + int(n)
    return all(fazhi[label][column] == n for (label, column), n in expected.items() if label)


# --- the benchmark ---------------------------------------------------------------------------


def run(connection, args) -> list[dict]:
    prefix = f"gio.{connection.vendor}"
    orgs = build_city(args.gio_units)
    log(f"  loading {args.gio_requests:,} requests for {len(orgs)} units into {connection.vendor} …")
    seconds = load(connection, args.gio_requests, [o.pk for o in orgs])
    refresh_statistics(connection)
    figures = [
        figure(f"{prefix}.units", len(orgs), "units"),
        figure(f"{prefix}.requests", args.gio_requests, "rows"),
        figure(f"{prefix}.load", args.gio_requests / seconds, "rows/s"),
    ]
    return figures + measure(connection, prefix, orgs[0], args.reps)


def measure(connection, prefix: str, city: Org, reps: int) -> list[dict]:
    scope = Scope.year(city, YEAR)
    same = same_table(fazhi_tables(scope), bare_table_three(connection, city.path))
    log(f"  timing the report tables against one hand-written query, {reps} rounds …")
    samples = sample_ms(
        {
            "fazhi": lambda: fazhi_tables(scope),
            "bare": lambda: bare_table_three(connection, city.path),
            "report": lambda: gio.build(scope),
        },
        reps,
    )
    timed = {name: figure(f"{prefix}.{name}", median(ms), "ms") for name, ms in samples.items()}
    return [
        figure(f"{prefix}.same_result", int(same), "bool"),
        *timed.values(),
        ratio(f"{prefix}.fazhi/bare", paired_ratio(samples["fazhi"], samples["bare"]), timed["bare"]),
        ratio(f"{prefix}.report/bare", paired_ratio(samples["report"], samples["bare"]), timed["bare"]),
    ]
