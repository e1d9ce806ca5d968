"""The benchmarks in bench/ on a tiny dataset, so their code cannot rot unnoticed.

No timings here: only that the bulk loader works on this database and that the queries
the clocks benchmark compares (fazhi's ORM paths and the hand-written SQL) agree.
"""

import pytest
from django.db import connection

from bench import clocks, numbering
from fazhi.core.numbering import issue


@pytest.fixture
def city(db):
    orgs = clocks.build_orgs()
    clocks.load_clocks(connection, 5000, [org.pk for org in orgs["all"]], clocks.TODAY)
    return orgs


@pytest.mark.parametrize("scope", ["county", "city"])
def test_fazhi_and_bare_sql_agree_on_red_clocks(city, scope):
    org = city[scope]
    user = clocks.make_supervisor(f"bench-{scope}", org)
    count, page = clocks.bare_red(connection, org.path, clocks.TODAY)
    assert count > clocks.PAGE and len(page) == clocks.PAGE
    assert clocks.fazhi_red(user, clocks.TODAY) == (count, page)
    assert clocks.fazhi_view(user, clocks.TODAY) == (count, page)


def test_county_is_a_real_subset_of_the_city(city):
    county = clocks.bare_red(connection, city["county"].path, clocks.TODAY)[0]
    whole = clocks.bare_red(connection, city["city"].path, clocks.TODAY)[0]
    assert len(city["all"]) == 60 and 0 < county < whole


def test_numbering_check_counts_gaps_and_duplicates(db, monkeypatch):
    monkeypatch.setattr(numbering, "TOTAL", 3)
    org = clocks.make_org("BN", "city", None)
    handed = [issue(org, "T", numbering.YEAR).number for _ in range(3)]
    observed = numbering.check(org.pk, "T", [{"numbers": handed}])
    assert observed == {"gaps": 0, "duplicates": 0, "errors": 0, "exact": 1}
    observed = numbering.check(org.pk, "T", [{"numbers": handed[:2] * 2}])
    assert observed["duplicates"] == 2 and observed["exact"] == 0


def test_every_indicator_agrees_with_the_hand_written_sql(db):
    from bench import gio
    from bench import indicators as bench_indicators

    orgs = gio.build_city(8)
    counts = bench_indicators.load(connection, 4000, [org.pk for org in orgs])
    assert counts["requests"] > 0 and counts["supervision"] > 0 and counts["clocks"] > counts["requests"]
    assert bench_indicators.unchecked() == []
    for year in (bench_indicators.YEAR - 1, bench_indicators.YEAR):
        assert bench_indicators.check(connection, orgs, year) == []
