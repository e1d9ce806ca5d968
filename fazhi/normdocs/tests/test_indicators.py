"""规范性文件's figures for the annual reports, declared once under the importer's keys."""

import pytest

from fazhi.core import indicators as registry
from fazhi.core.indicators import Scope, Source
from fazhi.normdocs import services

from .conftest import D

pytestmark = pytest.mark.django_db

KEYS = (
    "issued",
    "repealed",
    "in_force",
    "reviewed",
    "filed",
    "filed_on_time",
    "filing_overdue",
    "cleanup_reviewed",
)


def test_the_placeholders_are_replaced_by_real_counts():
    for key in KEYS:
        assert registry.get(f"normdocs.{key}").source == Source.RECORDS


def test_a_year_of_documents_counted(walk, people, tree, sfj):
    walk("file")  # published 2026-04-24, filed 2026-05-10 (due 05-25): on time
    late = walk("publish", title="示例市第二办法")  # published, never filed: overdue by year end
    repealed = walk("file", title="示例市第三办法")
    services.repeal(repealed, people["clerk"], reason="上位法已废止", on=D(2026, 9, 1))
    campaign = services.start_cleanup(people["supervisor"], tree["city"], title="清理", on=D(2026, 10, 8))
    entry = campaign.entries.first()
    services.record_cleanup(
        entry, people["supervisor"], decision="keep", reason="继续适用", on=D(2026, 10, 9)
    )
    values = registry.values(Scope.year(tree["city"], 2026))
    assert values["normdocs.issued"] == 3 and values["normdocs.repealed"] == 1
    assert values["normdocs.in_force"] == 2 and values["normdocs.reviewed"] == 3
    assert values["normdocs.filed"] == 2 and values["normdocs.filed_on_time"] == 2
    assert values["normdocs.filing_overdue"] == 1 and values["normdocs.cleanup_reviewed"] == 1
    assert late.filed_on is None


def test_documents_near_the_end_of_their_validity_are_flagged(walk, tree):
    from fazhi.normdocs.models import Document
    from fazhi.normdocs.queries import expiring

    doc = walk("publish", title="示例市暂行办法")  # valid until 2028-04-30
    docs = Document.objects.all()
    assert list(expiring(docs, D(2027, 11, 1), tree["own"])) == [doc]
    assert not expiring(docs, D(2027, 10, 29), tree["own"]).exists()
