"""`python -m bench --pg URL --out FILE` runs every benchmark and writes its figures.

Each part runs in a subprocess of its own, `python -m bench PART --db sqlite|pg`, which
points DATABASE_URL at a scratch database before django.setup() (a file var/bench/PART.sqlite3
for SQLite, a database `fazhi_bench_PART` created next to --pg for PostgreSQL), migrates it,
runs, prints its figures as JSON on stdout and removes the scratch database again.
"""

import argparse
import importlib
import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from bench import log, table

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "var" / "bench"  # one scratch database per part: two parts may run at once
PG_BENCH_DB = "fazhi_bench"
# (module in bench/, database); each module has run(connection, args) -> list of figures.
PARTS = [
    ("clocks", "sqlite"),
    ("clocks", "pg"),
    ("numbering", "pg"),
    ("gio", "sqlite"),
    ("gio", "pg"),
    ("portal", "sqlite"),
    ("importer", "sqlite"),
    ("report_docx", "sqlite"),
    ("indicators", "sqlite"),
    ("indicators", "pg"),
    ("normdocs", "sqlite"),
    ("normdocs", "pg"),
]


def available_parts() -> list[tuple[str, str]]:
    return [(part, db) for part, db in PARTS if (ROOT / "bench" / f"{part}.py").exists()]


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    names = sorted({part for part, _ in available_parts()})
    parser.add_argument("part", nargs="?", default="all", choices=["all", *names])
    parser.add_argument("--db", default="pg", choices=["sqlite", "pg"])
    parser.add_argument(
        "--pg",
        default="postgres://fazhi@127.0.0.1:54329/fazhi",
        help="a PostgreSQL database whose role may CREATE DATABASE",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench" / "results.json")
    parser.add_argument("--rows", type=int, default=1_000_000, help="clocks to load")
    parser.add_argument("--reps", type=int, default=11, help="rounds per clocks query")
    parser.add_argument("--numbering-reps", type=int, default=7, help="numbering rounds")
    parser.add_argument("--gio-units", type=int, default=40, help="units of the annual-report city")
    parser.add_argument("--gio-requests", type=int, default=100_000, help="requests for the report")
    parser.add_argument(
        "--indicator-records", type=int, default=2_000_000, help="records of the indicators city"
    )
    parser.add_argument("--indicator-reps", type=int, default=5, help="rounds per indicators case")
    parser.add_argument("--normdocs-docs", type=int, default=100_000, help="documents to search over")
    parser.add_argument("--portal-seconds", type=int, default=10, help="seconds of load per page")
    return parser.parse_args(argv)


# --- the parent: one subprocess per part ------------------------------------------------


def run_all(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    figures = [f for part, db in available_parts() for f in run_subprocess(args, part, db)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    print(table(figures))
    log(f"\n{len(figures)} figures in {args.out} after {time.perf_counter() - started:.0f} s")


def run_subprocess(args: argparse.Namespace, part: str, db: str) -> list[dict]:
    log(f"== {part} on {db} ==")
    options = [
        f"--{k.replace('_', '-')}={v}" for k, v in vars(args).items() if k not in ("part", "db", "out")
    ]
    command = [sys.executable, "-m", "bench", part, "--db", db, *options]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- a child: one part on one scratch database ------------------------------------------


def run_part(args: argparse.Namespace) -> None:
    if args.part == "numbering" and args.db != "pg":
        sys.exit("the numbering benchmark runs on PostgreSQL only")
    scratch = sqlite_database(args.part) if args.db == "sqlite" else pg_database(args.pg, args.part)
    with scratch as url:
        figures = run_on(url, args)
    print(json.dumps(figures, ensure_ascii=False))


def run_on(url: str, args: argparse.Namespace) -> list[dict]:
    connection = setup_django(url)
    try:
        return importlib.import_module(f"bench.{args.part}").run(connection, args)
    finally:
        connection.close()


def setup_django(url: str):
    """Point fazhi at the scratch database, then set Django up and migrate."""
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"  # no query log in the measurements
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    log(f"  migrating {connection.vendor} scratch database …")
    call_command("migrate", verbosity=0, interactive=False)
    return connection


@contextmanager
def sqlite_database(part: str):
    file = SCRATCH / f"{part}.sqlite3"
    file.parent.mkdir(parents=True, exist_ok=True)
    remove_sqlite_files(file)
    try:
        yield f"sqlite:///{file}"
    finally:
        remove_sqlite_files(file)


def remove_sqlite_files(file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{file}{suffix}").unlink(missing_ok=True)


@contextmanager
def pg_database(admin_url: str, part: str):
    """A fresh database `fazhi_bench_PART` on the server of `admin_url`, dropped afterwards."""
    name = f"{PG_BENCH_DB}_{part}"
    drop = f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    pg_admin(admin_url, drop, f"CREATE DATABASE {name}")
    try:
        yield urlsplit(admin_url)._replace(path=f"/{name}").geturl()
    finally:
        pg_admin(admin_url, drop)


def pg_admin(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def main(argv: list[str]) -> None:
    args = parse(argv)
    if args.part == "all":
        run_all(args)
    else:
        run_part(args)


if __name__ == "__main__":
    main(sys.argv[1:])
