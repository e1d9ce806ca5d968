"""Reads of 督办事项 with their current clock and light, done by the database."""

from django.db.models import OuterRef, Subquery

from fazhi.core.models import Clock
from fazhi.core.models.clocks import light_expression


def with_light(items, today, yellow_line):
    """Annotate each item with its latest clock's `due_on`, `clock_state` and `light`."""
    latest = Clock.objects.filter(
        subject_type="supervision.supervisionitem", subject_id=OuterRef("pk")
    ).order_by("-pk")
    return items.annotate(
        due_on=Subquery(latest.values("due_on")[:1]),
        clock_state=Subquery(latest.values("state")[:1]),
    ).annotate(light=light_expression(today, yellow_line, prefix="clock_", due="due_on"))
