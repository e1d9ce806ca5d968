"""Reads of 政务公开 records with their lights."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from fazhi.core import engine, worklist
from fazhi.core.clocks import yellow_line
from fazhi.core.models import Clock
from fazhi.core.models.clocks import light_expression

from .models import DisclosureRequest
from .procedure import PROCEDURE, REPLY, State

CLOSED = (State.REPLIED, State.DELIVERED, State.ARCHIVED)


def with_reply_light(requests, today, line=None):
    """Each request with its reply clock's `due_on`, `clock_state` and `light`."""
    reply = Clock.objects.filter(
        subject_type="disclosure.disclosurerequest", subject_id=OuterRef("pk"), rule_key=REPLY.key
    ).order_by("-pk")
    return requests.annotate(
        due_on=Subquery(reply.values("due_on")[:1]),
        clock_state=Subquery(reply.values("state")[:1]),
    ).annotate(light=light_expression(today, line or yellow_line(today), prefix="clock_", due="due_on"))


def worklist_rows(user, today) -> list:
    requests = with_reply_light(DisclosureRequest.objects.visible_to(user), today)
    todo = set(requests.filter(engine.todo_filter(PROCEDURE, user)).values_list("pk", flat=True))
    open_ = requests.exclude(state__in=CLOSED).select_related("org").order_by("-pk")[:200]
    return [
        worklist.Row(
            "依申请公开",
            f"{r.number} {r.description[:24]}",
            reverse("disclosure:request", args=[r.pk]),
            r.org.name,
            r.get_state_display(),
            r.light,
            r.due_on,
            r.pk in todo,
        )
        for r in open_
    ]
