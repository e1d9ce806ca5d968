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
    "cleanup_kept",
    "cleanup_amended",
    "cleanup_repealed",
    "comments_received",
    "comments_adopted",
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


def test_cleanup_conclusions_are_counted_by_kind(walk, people, tree):
    for title in ("示例市第一办法", "示例市第二办法", "示例市第三办法", "示例市第四办法"):
        walk("file", title=title)
    campaign = services.start_cleanup(people["supervisor"], tree["city"], title="清理", on=D(2026, 10, 8))
    entries = list(campaign.entries.order_by("pk"))
    for entry, decision in zip(entries, ("keep", "amend", "repeal", "repeal"), strict=True):
        services.record_cleanup(
            entry, people["supervisor"], decision=decision, reason="依据", on=D(2026, 10, 9)
        )
    keys = ["normdocs.cleanup_reviewed", "normdocs.cleanup_kept", "normdocs.cleanup_amended"]
    keys.append("normdocs.cleanup_repealed")
    assert list(registry.values(Scope.year(tree["city"], 2026), keys).values()) == [4, 1, 1, 2]


def test_comments_on_documents_are_counted_when_received_spam_aside(walk, people, tree):
    from fazhi.core import consultation

    doc = walk("consult")
    found = consultation.of(doc)
    made = [consultation.comment(found, body=f"意见{n}", on=D(2026, 3, 10)) for n in range(3)]
    consultation.decide(made[0], adopted=True, reply="采纳", actor=people["clerk"])
    consultation.hide(made[2], actor=people["clerk"])
    keys = ["normdocs.comments_received", "normdocs.comments_adopted"]
    this_year = registry.values(Scope.year(tree["city"], this_year_of(made[0])), keys)
    assert this_year == {"normdocs.comments_received": 2, "normdocs.comments_adopted": 1}


def test_documents_near_the_end_of_their_validity_are_flagged(walk, tree):
    from fazhi.normdocs.models import Document
    from fazhi.normdocs.queries import expiring

    doc = walk("publish", title="示例市暂行办法")  # valid until 2028-04-30
    docs = Document.objects.all()
    assert list(expiring(docs, D(2027, 11, 1))) == [doc]
    assert not expiring(docs, D(2027, 10, 29)).exists()


def test_a_document_sent_late_after_the_period_ended_was_overdue_on_its_last_day(walk, people, tree):
    doc = walk("publish")  # published 2026-04-24, 备案 due 2026-05-25
    services.file(doc, people["clerk"], filed_with="示例市人民政府", on=D(2026, 7, 1))
    first_half = Scope(tree["city"], D(2026, 1, 1), D(2026, 6, 30))
    assert registry.values(first_half, ["normdocs.filing_overdue"]) == {"normdocs.filing_overdue": 1}
    year = registry.values(Scope.year(tree["city"], 2026), ["normdocs.filing_overdue", "normdocs.filed"])
    assert year == {"normdocs.filing_overdue": 0, "normdocs.filed": 1}


def test_a_document_reviewed_twice_in_the_year_counts_once_at_the_reviewing_body(walk, sfj, tree):
    from fazhi.normdocs.models import LegalityReview

    doc = walk("conclude")  # the first opinion on 2026-04-20
    LegalityReview.objects.create(
        org=sfj, document=doc, document_org=doc.org, state="concluded", outcome="approved",
        submitted_on=D(2026, 5, 4), concluded_on=D(2026, 5, 12),
    )  # fmt: skip
    assert registry.values(Scope.year(tree["city"], 2026), ["normdocs.reviewed"]) == {"normdocs.reviewed": 1}
    by_org = registry.values_by_org(Scope.year(tree["city"], 2026), ["normdocs.reviewed"])
    assert by_org[sfj.pk]["normdocs.reviewed"] == 1


def this_year_of(comment) -> int:
    """Comments count on the day received: the day the row was written."""
    from django.utils import timezone

    return timezone.localtime(comment.created_at).year
