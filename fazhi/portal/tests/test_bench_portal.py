"""bench/portal.py without a server: reading wrk's report and shaping the figures."""

from bench import portal

REPORT = """Running 1s test @ http://127.0.0.1:8012/open/healthz/
  2 threads and 8 connections
  Latency Distribution
     50%    2.89ms
     75%    5.86ms
     90%    8.65ms
     99%  {p99}
  2276 requests in 1.10s, 657.91KB read
{errors}Requests/sec:   2064.78
Transfer/sec:    596.85KB
"""


def test_wrk_reports_are_read_in_milliseconds_and_failures_are_counted():
    assert portal.parse_wrk(REPORT.format(p99="91.73ms", errors="")) == {
        "rps": 2064.78,
        "p99_ms": 91.73,
        "failed": 0,
    }
    assert portal.parse_wrk(REPORT.format(p99="1.20s", errors=""))["p99_ms"] == 1200
    assert portal.parse_wrk(REPORT.format(p99="850.00us", errors=""))["p99_ms"] == 0.85
    errors = "  Socket errors: connect 0, read 2, write 0, timeout 3\n  Non-2xx or 3xx responses: 206\n"
    assert portal.parse_wrk(REPORT.format(p99="9ms", errors=errors))["failed"] == 211


def test_every_page_has_its_rate_and_p99_and_a_ratio_to_healthz():
    rounds = {"healthz": [1000, 2000, 3000], "form": [100, 100, 300], "track": [50, 40, 30]}
    samples = {name: [{"rps": r, "p99_ms": 10.0} for r in rates] for name, rates in rounds.items()}
    by_name = {f["name"]: f for f in portal.figures(samples)}
    assert by_name["portal.form.rps"]["value"] == 100 and by_name["portal.track.p99"]["unit"] == "ms"
    assert by_name["portal.form/healthz"] == {
        "name": "portal.form/healthz",
        "value": 0.1,
        "unit": "x",
        "baseline": "portal.healthz.rps",
    }
    assert by_name["portal.track/healthz"]["value"] == 0.02  # median of 0.05, 0.02, 0.01
