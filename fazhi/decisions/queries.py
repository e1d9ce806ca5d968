"""Reads of 重大行政决策, always through the access module: lists, each decision's gates as the
procedure sees them, evaluations with their lights, and the worklist provider."""

from dataclasses import dataclass

from django.urls import reverse

from fazhi.core import engine, worklist
from fazhi.core.clocks import with_clock_light, yellow_line

from .models import Catalogue, Decision, Evaluation
from .procedure import BASIS, EVALUATION_DUE, GATES, PROCEDURE, WAIVERS, EvaluationState, Kind, State


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
    """The four process records in the 条例's order, each with the record in force."""
    return [
        GateView(kind.value, kind.label, decision.latest_record(kind), BASIS[kind], WAIVERS[kind])
        for kind in Kind
    ]


def blocking(decision, on) -> list[engine.Refused]:
    """Every gate of 提请集体讨论 that does not pass yet, with its message and citation."""
    return [engine.Refused(g.message, g.cite) for g in GATES if not g.passes(decision, {}, on)]


DONE_STATES = (State.DECIDED, State.PUBLISHED, State.ARCHIVED)


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
