"""The public portal under load: gunicorn serving the demo from the scratch SQLite database,
driven by wrk at 32 connections.

    healthz   GET /open/healthz/                the baseline: no template, no database
    form      GET /open/SL-JYJ/apply/           the application form (template, CSRF cookie)
    track     GET /open/track/?code=<valid>     a look-up: the throttle's counted write (one
                                                locked row per address), the request, its clock

gunicorn runs as in production (2 sync workers, no persistent connections) on a free port
of 127.0.0.1; every request comes from one address, so the portal's hourly limits are
lifted for the run. Pages are measured in rounds, interleaved (healthz, form, track, then
the reverse), so a change in the machine's load hits every page alike: each figure is the
median over rounds, each ratio the median of the rounds' ratios to healthz.

Needs `wrk` (Debian package wrk).
"""

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench import figure, log, paired_ratio, ratio

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 32
THREADS = 4
WORKERS = 2
ROUNDS = 3
LIFTED = {"FAZHI_PORTAL_RATE_PER_HOUR": "1000000000", "FAZHI_PORTAL_TRACK_PER_HOUR": "1000000000"}
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run(connection, args) -> list[dict]:
    if shutil.which("wrk") is None:
        sys.exit("the portal benchmark needs wrk: apt-get install wrk")
    pages = {
        "healthz": "/open/healthz/",
        "form": "/open/SL-JYJ/apply/",
        "track": f"/open/track/?code={demo_code()}",
    }
    connection.close()  # gunicorn's workers open their own
    with server(os.environ["DATABASE_URL"]) as base:
        samples = measure({name: base + path for name, path in pages.items()}, args.portal_seconds)
    return figures(samples)


def demo_code() -> str:
    """Load the demo city; the tracking code of one of 示例市教育局's requests."""
    from fazhi.core import demo
    from fazhi.disclosure.models import DisclosureRequest

    log("  loading the demo …")
    demo.load()
    return DisclosureRequest.objects.filter(org__code="SL-JYJ").order_by("pk").first().tracking_code


# --- the server ---------------------------------------------------------------------------


def wsgi_app():
    """What gunicorn serves (`bench.portal:wsgi_app()`): fazhi itself, with the limits the
    run exported copied into the settings (settings.py does not read them from the
    environment yet)."""
    from django.conf import settings

    from fazhi.wsgi import application

    for name in LIFTED:
        setattr(settings, name, int(os.environ[name]))
    return application


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(database_url: str):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", **LIFTED}
    command = [sys.executable, "-m", "gunicorn", "bench.portal:wsgi_app()", "-b", f"127.0.0.1:{port}"]
    command += ["-w", str(WORKERS), "-k", "sync", "--no-control-socket", "--log-level", "warning"]
    log(f"  starting gunicorn ({WORKERS} sync workers) on 127.0.0.1:{port} …")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sys.stderr, stderr=sys.stderr)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/open/healthz/", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the master we started (it stops its workers), then wait for it."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log("  gunicorn stopped")


# --- load and figures ---------------------------------------------------------------------


def measure(urls: dict[str, str], seconds: int) -> dict[str, list[dict]]:
    """Per page, one wrk result per round; a one-second warm-up of each page first."""
    for url in urls.values():
        wrk(url, 1)
    duration = max(1, round(seconds / ROUNDS))
    samples: dict[str, list[dict]] = {name: [] for name in urls}
    for rep in range(ROUNDS):
        names = list(urls) if rep % 2 == 0 else list(reversed(list(urls)))
        for name in names:
            samples[name].append(wrk(urls[name], duration))
            log(f"  round {rep + 1} {name}: {samples[name][-1]['rps']:,.0f} req/s")
    return samples


def wrk(url: str, seconds: int) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = parse_wrk(output)
    if result["failed"]:
        raise RuntimeError(f"{url}: {result['failed']} failed responses or socket errors\n{output}")
    return result


def parse_wrk(output: str) -> dict:
    """Requests per second, the 99th percentile latency in ms, and what went wrong."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE).groups()
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", output))
    if errors := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        failed += sum(int(n) for n in errors.groups())
    return {"rps": rps, "p99_ms": float(value) * UNITS[unit], "failed": failed}


def figures(samples: dict[str, list[dict]]) -> list[dict]:
    rps = {name: [s["rps"] for s in rounds] for name, rounds in samples.items()}
    p99 = {name: [s["p99_ms"] for s in rounds] for name, rounds in samples.items()}
    rate = {name: figure(f"portal.{name}.rps", statistics.median(rps[name]), "req/s") for name in samples}
    latency = [figure(f"portal.{name}.p99", statistics.median(p99[name]), "ms") for name in samples]
    ratios = [
        ratio(f"portal.{name}/healthz", paired_ratio(rps[name], rps["healthz"]), rate["healthz"])
        for name in samples
        if name != "healthz"
    ]
    return [*rate.values(), *latency, *ratios]
