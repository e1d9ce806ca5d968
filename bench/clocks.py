"""All red clocks in a supervisor's subtree: fazhi's ORM path versus hand-written SQL.

A city of 60 orgs (one county of 15 units under it) holds `rows` running clocks, due
dates spread so that about 7.5 % are overdue ("red") on `TODAY`. Each case computes what
the clocks page shows: the count, and the first page of 50 ordered by due date and id.

    fazhi   Clock.objects.filter(org__in=readable_orgs(user).values("pk")).red(today)
    view    what the 期限预警 page and /api/v1/clocks run: clocks.listing(orgs, "red", today)
            (conditions the (org, state, due_on) index serves) counted, and one page of
            clocks.rows() (plain rows with the org's name)
    bare    the same count and page in SQL written by hand, on the DB-API cursor

Must be imported after django.setup(); the functions take a connection and row counts so
the smoke test can run them on a tiny dataset in the test database.
"""

import datetime
import random
import time
from statistics import median

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import transaction

from bench import figure, log, paired_ratio, ratio, sample_ms
from fazhi.core import access
from fazhi.core.clocks import listing, rows
from fazhi.core.models import Clock, Level, Membership, Org, Role

TODAY = datetime.date(2026, 6, 15)
PAGE = 50
DUE_OFFSETS = range(-15, 185)  # days from TODAY; 15 of 200 are overdue: 7.5 % red
COLUMNS = (
    "org_id",
    "subject_type",
    "subject_id",
    "rule_key",
    "rule_since",
    "unit",
    "state",
    "started_on",
    "base_on",
    "remaining",
    "target_on",
    "due_on",
    "paused_on",
    "stopped_on",
    "extended",
    "amount",
    "note",
)
WHERE = "org_id IN (SELECT id FROM core_org WHERE path LIKE %s) AND state = 'running' AND due_on < %s"
COUNT_SQL = f"SELECT count(*) FROM core_clock WHERE {WHERE}"
PAGE_SQL = f"SELECT * FROM core_clock WHERE {WHERE} ORDER BY due_on, id LIMIT {PAGE}"


# --- the org tree and its supervisors ---------------------------------------------------


def make_org(code: str, level: str, parent: Org | None) -> Org:
    return Org.objects.create(code=code, name=f"基准 {code}", level=level, parent=parent)


def make_county(city: Org, letter: str, townships: int, departments: int) -> list[Org]:
    """A county, its townships and departments; every other department has a centre below."""
    county = make_org(f"BC-X{letter}", Level.COUNTY, city)
    units = [make_org(f"{county.code}-T{i}", Level.TOWNSHIP, county) for i in range(townships)]
    for i in range(departments):
        unit = make_org(f"{county.code}-D{i}", Level.DEPARTMENT, county)
        units.append(unit)
        if i % 2 == 0:
            units.append(make_org(f"{unit.code}-C", Level.DEPARTMENT, unit))
    return [county, *units]


def build_orgs() -> dict:
    """60 orgs: the city, 24 city departments, county A (15 units) and B, C (10 each)."""
    city = make_org("BC", Level.CITY, None)
    departments = [make_org(f"BC-D{i:02}", Level.DEPARTMENT, city) for i in range(24)]
    county_a = make_county(city, "A", 9, 3)
    others = make_county(city, "B", 9, 0) + make_county(city, "C", 9, 0)
    return {"city": city, "county": county_a[0], "all": [city, *departments, *county_a, *others]}


def make_supervisor(username: str, org: Org):
    user = get_user_model().objects.create(username=username)
    Membership.objects.create(user=user, org=org, role=Role.SUPERVISOR)
    return user


# --- bulk loading -----------------------------------------------------------------------


def clock_rows(count: int, org_ids: list[int], today: datetime.date, seed: int = 2026):
    """`count` running clocks as tuples of COLUMNS, dates as ISO text (both engines take it)."""
    rng = random.Random(seed)
    days = {d: (today + datetime.timedelta(days=d)).isoformat() for d in range(-60, 200)}
    for i in range(count):
        due = rng.choice(DUE_OFFSETS)
        started, target = days[due - 30], days[due]
        yield (
            rng.choice(org_ids),
            "bench.case",
            i + 1,
            "bench.period",
            "2024-01-01",
            "days",
            "running",
            started,
            started,
            30,
            target,
            target,
            None,
            None,
            0,
            30,
            "",
        )


def load_clocks(connection, count: int, org_ids: list[int], today: datetime.date) -> None:
    """Bulk insert: COPY on PostgreSQL, one executemany transaction on SQLite."""
    rows = clock_rows(count, org_ids, today)
    with transaction.atomic(using=connection.alias):
        if connection.vendor == "postgresql":
            copy_rows(connection, rows)
        else:
            insert_rows(connection, rows)


def copy_rows(connection, rows) -> None:
    sql = f"COPY core_clock ({', '.join(COLUMNS)}) FROM STDIN"
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def insert_rows(connection, rows) -> None:
    marks = ", ".join("?" * len(COLUMNS))
    sql = f"INSERT INTO core_clock ({', '.join(COLUMNS)}) VALUES ({marks})"
    connection.connection.executemany(sql, rows)


def refresh_statistics(connection) -> None:
    """What autovacuum would do by itself; outside a transaction on PostgreSQL."""
    sql = "VACUUM ANALYZE core_clock" if connection.vendor == "postgresql" else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(sql)


# --- the three queries ------------------------------------------------------------------


def fresh(user):
    """Drop the memberships `access` caches on a user, as each request starts without it."""
    user.__dict__.pop("_fazhi_memberships", None)
    return user


def fazhi_red(user, today: datetime.date) -> tuple[int, list[int]]:
    orgs = access.readable_orgs(fresh(user))
    qs = Clock.objects.filter(org__in=orgs.values("pk")).red(today).order_by("due_on", "pk")
    return qs.count(), [clock.pk for clock in qs[:PAGE]]


def fazhi_view(user, today: datetime.date) -> tuple[int, list[int]]:
    """What the 期限预警 page and /api/v1/clocks run: `clocks.listing`, paginated."""
    clocks = listing(access.readable_orgs(fresh(user)), "red", today)
    page = Paginator(clocks, PAGE).get_page(1)
    return page.paginator.count, [row["pk"] for row in rows(page.object_list)]


def bare_red(connection, path: str, today: datetime.date) -> tuple[int, list[int]]:
    connection.ensure_connection()
    params = (f"{path}%", today.isoformat())
    placeholder = "?" if connection.vendor == "sqlite" else "%s"
    cursor = connection.connection.cursor()
    try:
        cursor.execute(COUNT_SQL.replace("%s", placeholder), params)
        count = cursor.fetchone()[0]
        cursor.execute(PAGE_SQL.replace("%s", placeholder), params)
        return count, [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


# --- the benchmark ----------------------------------------------------------------------


def load(connection, rows: int) -> tuple[dict, list[dict]]:
    orgs = build_orgs()
    log(f"  loading {rows:,} clocks into {connection.vendor} …")
    seconds = _timed_load(connection, rows, [org.pk for org in orgs["all"]])
    refresh_statistics(connection)
    prefix = f"clocks.{connection.vendor}"
    return orgs, [
        figure(f"{prefix}.load", rows / seconds, "rows/s"),
        figure(f"{prefix}.load_time", seconds, "s"),
    ]


def _timed_load(connection, rows: int, org_ids: list[int]) -> float:
    start = time.perf_counter()
    load_clocks(connection, rows, org_ids, TODAY)
    return time.perf_counter() - start


def measure_scope(connection, scope: str, org: Org, reps: int) -> list[dict]:
    user = make_supervisor(f"bench-{scope}", org)
    count, page = bare_red(connection, org.path, TODAY)
    same = fazhi_red(user, TODAY) == fazhi_view(user, TODAY) == (count, page)
    samples = sample_ms(
        {
            "fazhi": lambda: fazhi_red(user, TODAY),
            "view": lambda: fazhi_view(user, TODAY),
            "bare": lambda: bare_red(connection, org.path, TODAY),
        },
        reps,
    )
    return scope_figures(f"clocks.{connection.vendor}.{scope}", samples, count, same)


def scope_figures(prefix: str, samples: dict, count: int, same: bool) -> list[dict]:
    """Median time per case, and each ORM path's median round-by-round ratio to `bare`."""
    timed = {name: figure(f"{prefix}.{name}", median(ms), "ms") for name, ms in samples.items()}
    return [
        figure(f"{prefix}.red_rows", count, "rows"),
        figure(f"{prefix}.same_result", int(same), "bool"),
        *timed.values(),
        *(
            ratio(f"{prefix}.{name}/bare", paired_ratio(samples[name], samples["bare"]), timed["bare"])
            for name in ("fazhi", "view")
        ),
    ]


def run(connection, args) -> list[dict]:
    return measure(connection, args.rows, args.reps)


def measure(connection, rows: int, reps: int) -> list[dict]:
    orgs, figures = load(connection, rows)
    for scope in ("county", "city"):
        log(f"  measuring the {scope} supervisor's red clocks, {reps} rounds …")
        figures += measure_scope(connection, scope, orgs[scope], reps)
    return figures
