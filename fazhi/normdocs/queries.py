"""Reads of 规范性文件 with their 备案 light, done by the database; the worklist provider."""

import datetime

from django.db.models import Case, DateField, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import StartsWith
from django.urls import reverse

from fazhi.core import engine, workdays, worklist
from fazhi.core.clocks import with_clock_light, yellow_line
from fazhi.core.models import Org, Role, RuleOverride, Unit
from fazhi.core.rules import RULES

from .models import Document, LegalityReview
from .procedure import ENDED_STATES, EXPIRY_WARNING, FILING, PROCEDURE, REVIEW, REVIEW_PROCEDURE, State

OPEN_STATES = tuple(s for s in State.values if s not in (*ENDED_STATES, State.WITHDRAWN))


def with_filing_light(docs, today: datetime.date):
    """Each document with its 备案 clock's `due_on`, `clock_state` and `light`."""
    return with_clock_light(docs, today, FILING.key, yellow_line(today))


def reviews_with_light(reviews, today: datetime.date):
    return with_clock_light(reviews, today, REVIEW.key, yellow_line(today))


def expiring(docs, today: datetime.date):
    """Documents in force whose 有效期 ends within the warning period of their own
    jurisdiction (6 months unless a local rule sets otherwise): to be evaluated, re-issued
    or left to lapse. Each document's period is read in SQL (`warning_months`)."""
    horizons = {n: workdays.nominal_end(today, n, Unit.MONTHS) for n in _warning_amounts(today)}
    horizon = Case(
        *[When(warning=n, then=Value(day)) for n, day in horizons.items()], output_field=DateField()
    )
    return docs.annotate(warning=warning_months(today)).filter(
        state=State.IN_FORCE, valid_until__isnull=False, valid_until__lte=horizon
    )


def warning_months(today: datetime.date):
    """The 评估提示 period for each document's org: the nearest jurisdiction's local rule in
    force on `today` (as `core.clocks.local_rule` picks it), else the declared one."""
    local = (
        RuleOverride.objects.filter(rule_key=EXPIRY_WARNING.key, since__lte=today)
        .filter(StartsWith(OuterRef("org__path"), F("org__path")))
        .order_by(Length("org__path").desc(), "-since")
        .values("amount")[:1]
    )
    return Coalesce(Subquery(local), Value(RULES.in_force(EXPIRY_WARNING.key, today).amount))


def _warning_amounts(today: datetime.date) -> set[int]:
    local = RuleOverride.objects.filter(rule_key=EXPIRY_WARNING.key, since__lte=today)
    return {RULES.in_force(EXPIRY_WARNING.key, today).amount, *local.values_list("amount", flat=True)}


def worklist_rows(user, today) -> list:
    docs = with_filing_light(Document.objects.visible_to(user), today)
    todo_ids = set(docs.filter(engine.todo_filter(PROCEDURE, user)).values_list("pk", flat=True))
    unfiled = docs.filter(state=State.IN_FORCE, filed_on__isnull=True)
    open_docs = (docs.filter(state__in=OPEN_STATES).exclude(state=State.IN_FORCE) | unfiled).select_related(
        "org"
    )
    rows = [
        worklist.Row(
            "规范性文件",
            d.title,
            reverse("normdocs:detail", args=[d.pk]),
            d.org.name,
            d.get_state_display() if d.state != State.IN_FORCE else "待备案",
            d.light,
            d.due_on,
            d.pk in todo_ids or d.state == State.IN_FORCE,
        )
        for d in open_docs.order_by("-pk")[:200]
    ]
    return rows + _review_rows(user, today)


def _review_rows(user, today) -> list:
    reviews = reviews_with_light(LegalityReview.objects.visible_to(user), today)
    todo = reviews.filter(engine.todo_filter(REVIEW_PROCEDURE, user)).select_related("document", "org")
    return [
        worklist.Row(
            "合法性审核",
            r.document.title,
            reverse("normdocs:review", args=[r.pk]),
            r.org.name,
            r.get_state_display(),
            r.light,
            r.due_on,
            True,
        )
        for r in todo.order_by("-pk")[:100]
    ]


def is_reviewer_anywhere(user) -> bool:
    from fazhi.core import access

    return any(m.role == Role.REVIEWER for m in access.memberships(user))


def public_documents(
    query: str = "",
    *,
    org_code: str = "",
    year: int | None = None,
    status: str = "",
    on: datetime.date | None = None,
):
    """What the portal, the API and `fazhi normdocs search` return: published documents,
    matching every word of `query`, by issuing body (and below), year of publication, status,
    and — given `on` — only those in force on that day (the register's answer for a date)."""
    from . import search

    docs = Document.objects.in_force_on(on) if on else Document.objects.published()
    docs = docs.select_related("org")
    if org_code:
        docs = docs.filter(Org.and_below(org_code))
    if year:
        docs = docs.filter(published_on__year=year)
    if status in State.values:
        docs = docs.filter(state=status)
    narrowed = bool(org_code or year or status in State.values or on)
    return search.filter_matching(docs, query, narrowed).order_by("-published_on", "-pk")


def as_json(doc) -> dict:
    return {
        "id": doc.pk,
        "number": doc.number,
        "title": doc.title,
        "status": doc.state,
        "status_label": doc.get_state_display(),
        "org_code": doc.org.code,
        "org_name": doc.org.name,
        "published_on": doc.published_on.isoformat() if doc.published_on else None,
        "effective_on": doc.effective_on.isoformat() if doc.effective_on else None,
        "valid_until": doc.valid_until.isoformat() if doc.valid_until else None,
    }
