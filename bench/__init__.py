"""Benchmarks for fazhi: measurements, never assertions.

`python -m bench --pg URL --out FILE` runs every benchmark, each database's part in its
own subprocess, and writes a JSON list of figures:

    {"name": ..., "value": ..., "unit": ...}                    a measurement
    {"name": ..., "value": ..., "unit": "x", "baseline": ...}   a ratio to another figure

The machine is shared and noisy, so the cases compared with each other run side by side
in one process, interleaved round by round; each time is the median over the rounds, and
each ratio the median of the rounds' ratios.
"""

import statistics
import sys
import time
from collections.abc import Callable


def figure(name: str, value: float, unit: str) -> dict:
    return {"name": name, "value": round(value, 3), "unit": unit}


def ratio(name: str, value: float, baseline: dict) -> dict:
    """A ratio to the figure `baseline` of the same run."""
    return {"name": name, "value": round(value, 3), "unit": "x", "baseline": baseline["name"]}


def paired_ratio(measured: list[float], baseline: list[float]) -> float:
    """Median of round-by-round ratios: a change in the machine's load hits both sides
    of a round alike, so it cancels instead of landing on one case only."""
    return statistics.median(m / b for m, b in zip(measured, baseline, strict=True))


def elapsed_ms(fn: Callable[[], object], calls: int = 1) -> float:
    """Milliseconds per call, over `calls` calls in a row."""
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) * 1000 / calls


def calls_per_sample(fn: Callable[[], object], target_ms: float) -> int:
    """Warm up, then pick how many calls make one sample last about `target_ms`, so a
    sample spans several scheduler time slices whether the case is fast or slow."""
    fn()
    return max(1, round(target_ms / max(elapsed_ms(fn), 0.001)))


def sample_ms(cases: dict[str, Callable[[], object]], reps: int, target_ms: float = 50) -> dict:
    """`reps` interleaved rounds of every case (the order alternating between rounds):
    per case, the list of milliseconds per call, one sample per round."""
    calls = {name: calls_per_sample(fn, target_ms) for name, fn in cases.items()}
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for rep in range(reps):
        names = list(cases) if rep % 2 == 0 else list(reversed(list(cases)))
        for name in names:
            samples[name].append(elapsed_ms(cases[name], calls[name]))
    return samples


# A comment's day in the platform's time zone (Asia/Shanghai, UTC+8, no DST), for hand SQL.
DAY = {
    "sqlite": "date(d.created_at, '+8 hours')",
    "postgresql": "(d.created_at AT TIME ZONE 'Asia/Shanghai')::date",
}


def hand_counts(connection, statements, system: str, params: dict, by_org: bool) -> dict:
    """{org id (None unless by_org): {system.key: n}} from hand-written statements, each a
    (SQL with {by} {group} {day} and %(name)s parameters, the keys of its columns)."""
    found: dict = {}
    for sql, keys in statements:
        sql = sql.replace("{by}", "d.org_id," if by_org else "").replace("{day}", DAY[connection.vendor])
        sql = sql.replace("{group}", "GROUP BY d.org_id" if by_org else "")
        if connection.vendor == "sqlite":
            sql = sql.replace("%(", ":").replace(")s", "")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        for row in rows:
            org, counts = (row[0], row[1:]) if by_org else (None, row)
            figures = found.setdefault(org, {})
            for key, n in zip(keys, counts, strict=True):
                figures[f"{system}.{key}"] = figures.get(f"{system}.{key}", 0) + int(n or 0)
    return found


def log(message: str) -> None:
    """Progress goes to stderr; stdout of a benchmark subprocess carries only its figures."""
    print(message, file=sys.stderr, flush=True)


def table(figures: list[dict]) -> str:
    width = max([len(f["name"]) for f in figures] + [4])
    lines = [f"{'name':<{width}}  {'value':>12}  unit       baseline", "-" * (width + 60)]
    for f in figures:
        baseline = f.get("baseline", "")
        lines.append(f"{f['name']:<{width}}  {shown(f['value']):>12}  {f['unit']:<9}  {baseline}")
    return "\n".join(lines)


def shown(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.3f}"
