"""Issuing 1,000 document numbers: 4 concurrent worker processes versus one, on PostgreSQL.

Every worker is a separate process with its own connection, started with "spawn" so it
runs django.setup() itself (DATABASE_URL comes from the environment). Workers meet at a
barrier once connected, then call fazhi.core.numbering.issue() on the same org, series and
year. Afterwards the stored numbers must be exactly 1..1000: gaps and duplicates are
counted, not asserted. Each round uses a fresh series and runs one worker issuing all
1,000 and then four issuing 250 each (or the other way round), so both see the same
machine; the ratio is the median of the rounds' ratios.
"""

import multiprocessing
import statistics
import time

from bench import figure, log, paired_ratio, ratio

YEAR = 2026
TOTAL = 1000
WORKERS = 4
BARRIER_TIMEOUT = 300  # seconds; a worker that fails to start must not hang the others


def worker(org_id: int, series: str, count: int, barrier, results) -> None:
    """One issuing process: connect, wait for the others, issue `count` numbers."""
    try:
        import django

        django.setup()
        from fazhi.core.models import Org
        from fazhi.core.numbering import issue

        org = Org.objects.get(pk=org_id)
        barrier.wait(BARRIER_TIMEOUT)
        start = time.perf_counter()  # CLOCK_MONOTONIC: comparable between processes
        numbers = [issue(org, series, YEAR).number for _ in range(count)]
        results.put({"numbers": numbers, "start": start, "end": time.perf_counter()})
    except Exception as error:  # reported as a figure, never hidden
        results.put({"numbers": [], "error": repr(error)})


def issue_in_processes(org_id: int, series: str, workers: int) -> list[dict]:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(workers), ctx.Queue()
    args = (org_id, series, TOTAL // workers, barrier, results)
    processes = [ctx.Process(target=worker, args=args) for _ in range(workers)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=BARRIER_TIMEOUT + 600) for _ in processes]
    for process in processes:
        process.join()
    return outcomes


def ms_per_number(outcomes: list[dict]) -> float:
    """Wall time from the first worker's start to the last worker's end, per number."""
    timed = [o for o in outcomes if "start" in o]
    if not timed:
        return float("nan")
    wall = max(o["end"] for o in timed) - min(o["start"] for o in timed)
    return wall * 1000 / TOTAL


def check(org_id: int, series: str, outcomes: list[dict]) -> dict:
    """Gaps, duplicates and errors of one round: handed out and stored must both be 1..TOTAL.

    A gap is a number of 1..TOTAL not stored (or one stored outside it); a duplicate is a
    number handed out or stored twice."""
    from fazhi.core.models import IssuedNumber

    handed = [n for o in outcomes for n in o["numbers"]]
    stored = list(
        IssuedNumber.objects.filter(org_id=org_id, series=series, year=YEAR).values_list("number", flat=True)
    )
    expected = set(range(1, TOTAL + 1))
    return {
        "gaps": len(expected - set(stored)) + len(set(stored) - expected),
        "duplicates": len(handed) - len(set(handed)) + len(stored) - len(set(stored)),
        "errors": sum(1 for o in outcomes if "error" in o),
        "exact": int(sorted(handed) == sorted(stored) == sorted(expected)),
    }


def one_round(org_id: int, series: str, workers: int) -> tuple[float, dict]:
    outcomes = issue_in_processes(org_id, series, workers)
    for error in (o["error"] for o in outcomes if "error" in o):
        log(f"  worker failed: {error}")
    return ms_per_number(outcomes), check(org_id, series, outcomes)


def run(connection, args) -> list[dict]:
    return measure(connection, args.numbering_reps)


def measure(connection, reps: int) -> list[dict]:
    from fazhi.core.models import Level, Org

    org = Org.objects.create(code="BN", name="基准 文号", level=Level.CITY, doc_prefix="基准")
    connection.close()  # the workers hold their own connections
    times: dict[int, list[float]] = {1: [], WORKERS: []}
    checks = []
    for rep in range(reps):
        log(f"  numbering round {rep + 1}/{reps}: 1 worker and {WORKERS} workers …")
        for workers in (1, WORKERS) if rep % 2 == 0 else (WORKERS, 1):
            ms, observed = one_round(org.pk, f"R{rep}W{workers}", workers)
            times[workers].append(ms)
            checks.append(observed)
    return numbering_figures(times, checks)


def numbering_figures(times: dict[int, list[float]], checks: list[dict]) -> list[dict]:
    single = figure("numbering.single", statistics.median(times[1]), "ms/number")
    concurrent = figure("numbering.concurrent", statistics.median(times[WORKERS]), "ms/number")
    return [
        single,
        concurrent,
        ratio("numbering.concurrent/single", paired_ratio(times[WORKERS], times[1]), single),
        figure("numbering.gaps", sum(c["gaps"] for c in checks), "numbers"),
        figure("numbering.duplicates", sum(c["duplicates"] for c in checks), "numbers"),
        figure("numbering.errors", sum(c["errors"] for c in checks), "workers"),
        figure("numbering.exact_rounds", sum(c["exact"] for c in checks), f"of {len(checks)}"),
    ]
