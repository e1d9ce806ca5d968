"""The home page per role: my to-dos, my unit's items, and for a supervisor every unit below."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core import access, worklist
from fazhi.core.clocks import yellow_line
from fazhi.core.models import Clock, ClockState


@login_not_required
def index(request):
    return redirect("home" if request.user.is_authenticated else "login")


def home(request):
    today = timezone.localdate()
    rows = worklist.rows_for(request.user, today)
    ordinals = worklist.ordinals_for([today, *(r.due_on for r in rows if r.due_on)])
    labelled = [
        (
            r,
            worklist.distance_label(today, r.due_on, ordinals)
            if r.light in ("red", "yellow", "green")
            else "",
        )
        for r in rows
    ]
    return render(
        request,
        "core/home.html",
        {
            "today": today,
            "todos": [x for x in labelled if x[0].todo],
            "unit_items": [x for x in labelled if not x[0].todo],
            "units": unit_lights(request.user, today) if _supervises(request.user) else None,
            "supervises": _supervises(request.user),
            "yellow_workdays": settings.FAZHI_YELLOW_WORKDAYS,
        },
    )


def _supervises(user) -> bool:
    return any(m.role in access.SUBTREE_READERS for m in access.memberships(user))


def unit_lights(user, today):
    """Red, yellow and green running clocks per org below the supervisor, counted in SQL."""
    orgs = access.readable_orgs(user).order_by("path")
    counts = {row["org"]: row for row in lights_by_org(orgs, today)}
    zero = {"red": 0, "yellow": 0, "green": 0}
    return [(org, counts.get(org.pk, zero)) for org in orgs]


def lights_by_org(orgs, today):
    line = yellow_line(today)
    return (
        Clock.objects.filter(org__in=orgs.values("pk"), state=ClockState.RUNNING)
        .values("org")
        .annotate(
            red=Count("pk", filter=Q(due_on__lt=today)),
            yellow=Count("pk", filter=Q(due_on__gte=today, due_on__lte=line)),
            green=Count("pk", filter=Q(due_on__gt=line)),
        )
    )
