"""Document numbers: per org, series and year; gapless; safe under concurrent issue."""

import threading

import pytest
from django.db import connection, transaction

from fazhi.core import numbering
from fazhi.core.models import IssuedNumber


def test_numbers_run_from_1_per_org_series_and_year(tree):
    city, own = tree["city"], tree["own"]
    texts = [numbering.issue(city, "办函", 2026).text for _ in range(3)]
    assert texts == ["示府办函〔2026〕1号", "示府办函〔2026〕2号", "示府办函〔2026〕3号"]
    assert numbering.issue(city, "办函", 2027).text == "示府办函〔2027〕1号"
    assert numbering.issue(city, "发", 2026).text == "示府发〔2026〕1号"
    assert numbering.issue(own, "办函", 2026).text == "示甲办函〔2026〕1号"


def test_a_rolled_back_issue_leaves_no_gap(tree):
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.issue(tree["city"], "函", 2026)
        raise RuntimeError("the document failed to save")
    assert numbering.issue(tree["city"], "函", 2026).number == 1


@pytest.mark.django_db(transaction=True)
def test_four_concurrent_issuers_get_distinct_consecutive_numbers(tree):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections are a PostgreSQL matter; SQLite serialises writers")
    errors = []

    def issue_many():
        try:
            for _ in range(25):
                numbering.issue(tree["city"], "函", 2026)
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=issue_many) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    numbers = sorted(IssuedNumber.objects.filter(series="函").values_list("number", flat=True))
    assert numbers == list(range(1, 101))
