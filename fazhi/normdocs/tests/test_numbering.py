"""三统一 numbers: two clerks issuing at once get distinct, gapless register numbers and 文号."""

import threading

import pytest
from django.db import connection

from fazhi.conftest import make_user
from fazhi.normdocs import services
from fazhi.normdocs.models import Document

from .conftest import D


@pytest.mark.django_db(transaction=True)
def test_two_clerks_issuing_at_once_get_distinct_gapless_numbers(walk, people, tree):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections are a PostgreSQL matter; SQLite serialises writers")
    clerks = [people["clerk"], make_user("clerk2", tree["own"], "clerk")]
    docs = [walk("decide", title=f"示例市第{i}号办法") for i in range(4)]
    start, errors = threading.Barrier(2), []

    def issue(clerk, mine):
        try:
            start.wait()
            for doc in mine:
                services.issue(doc, clerk, on=D(2026, 4, 23))
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=issue, args=(c, docs[i::2])) for i, c in enumerate(clerks)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    numbers = sorted(Document.objects.values_list("number", flat=True))
    assert numbers == [f"示甲规〔2026〕{n}号" for n in (1, 2, 3, 4)]
    registers = sorted(Document.objects.values_list("register_number", flat=True))
    assert registers == [f"示甲规登〔2026〕{n}号" for n in (1, 2, 3, 4)]
