"""Reads of 督办事项 with their current clock and light, done by the database."""

from django.urls import reverse

from fazhi.core import engine, worklist
from fazhi.core.clocks import with_clock_light, yellow_line

from .models import SupervisionItem
from .procedure import PROCEDURE, State


def with_light(items, today, line):
    """Each item with its latest clock's `due_on`, `clock_state` and `light`."""
    return with_clock_light(items, today, line=line)


def worklist_rows(user, today) -> list:
    """The user's open 督办事项 for the home page; `todo` where the next step is theirs."""
    items = with_light(SupervisionItem.objects.visible_to(user), today, yellow_line(today))
    todo_ids = set(items.filter(engine.todo_filter(PROCEDURE, user)).values_list("pk", flat=True))
    open_items = items.exclude(state=State.CLOSED).select_related("org").order_by("-pk")[:200]
    return [
        worklist.Row(
            "督办",
            i.title,
            reverse("supervision:detail", args=[i.pk]),
            i.org.name,
            i.get_state_display(),
            i.light,
            i.due_on,
            i.pk in todo_ids,
        )
        for i in open_items
    ]
