"""Reads of 政务公开 records with their lights."""

from django.urls import reverse

from fazhi.core import engine, worklist
from fazhi.core.clocks import with_clock_light

from .models import DisclosureRequest
from .procedure import PROCEDURE, REPLY, State

CLOSED = (State.REPLIED, State.DELIVERED, State.ARCHIVED)


def with_reply_light(requests, today, line=None):
    """Each request with its reply clock's `due_on`, `clock_state` and `light`."""
    return with_clock_light(requests, today, REPLY.key, line)


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
