"""Reads of 重大行政决策, always through the access module: lists, each decision's gates as the
procedure sees them, evaluations with their lights, and the worklist provider."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse

from fazhi.core import engine, worklist
from fazhi.core.clocks import with_clock_light, yellow_line
from fazhi.core.models import Org

from .models import Catalogue, Decision, Evaluation, Hearing
from .procedure import (
    BASIS,
    EVALUATION_DUE,
    GATES,
    PROCEDURE,
    PUBLISHED_STATES,
    WAIVERS,
    CatalogueState,
    EvaluationState,
    HearingState,
    Kind,
    State,
)


def catalogues(user):
    return Catalogue.objects.visible_to(user).select_related("org")


def decisions(user):
    return Decision.objects.visible_to(user).select_related("org", "catalogue")


def evaluations(user, today):
    found = Evaluation.objects.visible_to(user).select_related("org", "decision")
    return with_clock_light(found, today, EVALUATION_DUE.key, yellow_line(today))


@dataclass(frozen=True)
class GateView:
    kind: str
    label: str
    record: object  # the ProcessRecord in force, or None
    cite: object
    waivable: tuple


def process(decision) -> list[GateView]:
    """The process records in the 条例's order, each with the record in force; 公平竞争审查
    only for a draft touching market entities' economic activity (第二十九条第一项)."""
    kinds = [k for k in Kind if k != Kind.FAIR_COMPETITION or decision.market_related]
    return [GateView(k.value, k.label, decision.latest_record(k), BASIS[k], WAIVERS[k]) for k in kinds]


def blocking(decision, on) -> list[engine.Refused]:
    """Every gate of 提请集体讨论 that does not pass yet, with its message and citation."""
    return [refusal for g in GATES if (refusal := _refusal(g, decision, on)) is not None]


def _refusal(gate, decision, on) -> engine.Refused | None:
    """A gate that knows the exact figure raises its own refusal; the others are told here."""
    try:
        return None if gate.passes(decision, {}, on) else engine.Refused(gate.message, gate.cite)
    except engine.Refused as refusal:
        return refusal


def materials(decision):
    """The files of the process, without their bytes."""
    return decision.materials.defer("data").select_related("record", "created_by").order_by("pk")


# --- public reads: the portal and the API --------------------------------------------------


def _in(found, org_code: str, year: int | None, year_field: str):
    if org_code:
        found = found.filter(Org.and_below(org_code))
    return found.filter(**{year_field: year}) if year else found


def published_catalogues(*, org_code: str = "", year: int | None = None):
    found = Catalogue.objects.filter(state=CatalogueState.PUBLISHED, org__is_active=True)
    listed = Prefetch("decisions", queryset=Decision.objects.order_by("pk"))
    found = found.select_related("org").prefetch_related(listed)
    return _in(found, org_code, year, "year").order_by("-year", "org__path")


def published_decisions(*, org_code: str = "", year: int | None = None):
    """Decisions published under 第三十二条 (and those archived after), by catalogue year."""
    found = Decision.objects.filter(
        state__in=PUBLISHED_STATES, published_on__isnull=False, org__is_active=True
    )
    found = found.select_related("org", "catalogue")
    return _in(found, org_code, year, "catalogue__year").order_by("-published_on", "-pk")


def held_hearings():
    return Hearing.objects.filter(state=HearingState.HELD).order_by("held_on", "pk")


def worklist_rows(user, today) -> list:
    """Decisions being prepared or awaiting a step of the user's, for the home page."""
    found = decisions(user).exclude(state__in=(State.ARCHIVED, State.REJECTED))
    todo = set(found.filter(engine.todo_filter(PROCEDURE, user)).values_list("pk", flat=True))
    return [
        worklist.Row(
            "重大决策",
            d.title,
            reverse("decisions:detail", args=[d.pk]),
            d.org.name,
            d.get_state_display(),
            "none",
            None,
            d.pk in todo,
        )
        for d in found.order_by("-pk")[:200]
    ] + _evaluation_rows(user, today)


def _evaluation_rows(user, today) -> list:
    """决策后评估 under way, with the light of their completion date."""
    found = evaluations(user, today).filter(state=EvaluationState.SCHEDULED).order_by("due_on")[:200]
    return [
        worklist.Row(
            "决策后评估",
            e.decision.title,
            reverse("decisions:detail", args=[e.decision_id]),
            e.org.name,
            e.get_state_display(),
            e.light,
            e.due_on,
            False,
        )
        for e in found
    ]
