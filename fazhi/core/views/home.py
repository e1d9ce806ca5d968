"""The home page per role: my to-dos, my unit's items, and for a supervisor every unit below."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import access, notices, worklist
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
            "unit_heading": _unit_heading(request.user, rows, any(r.todo for r in rows)),
            "yellow_workdays": settings.FAZHI_YELLOW_WORKDAYS,
            "notices": notice_rows(request.user),
        },
    )


def _unit_heading(user, rows, has_todos: bool) -> str:
    """Whose items the second list holds: one's unit, its units below, or items one acts on
    for another unit (e.g. a 分管领导 reviewing a department's publication)."""
    other = "其他" if has_todos else ""
    if _supervises(user):
        return f"本单位及下属单位{other}在办事项"
    own = {m.org.name for m in access.memberships(user)}
    if all(r.org in own for r in rows):
        return f"本单位{other}在办事项"
    return f"{other}相关在办事项"


def _supervises(user) -> bool:
    return any(m.role in access.SUBTREE_READERS for m in access.memberships(user))


LIGHTS = ("red", "yellow", "green")


def unit_lights(user, today):
    """Each org below the supervisor with the red, yellow and green running clocks of its
    whole subtree (the same set its count opens onto), counted in SQL per org."""
    orgs = list(access.readable_orgs(user).order_by("path"))
    totals = {org.code: dict.fromkeys(LIGHTS, 0) for org in orgs}
    paths = {org.pk: org.path for org in orgs}
    for row in lights_by_org(access.readable_orgs(user), today):
        for code in paths[row["org"]].strip("/").split("/"):  # the org and its ancestors
            _add(totals.get(code), row)
    return [(org, totals[org.code]) for org in orgs]


def _add(total: dict | None, row: dict) -> None:
    for light in LIGHTS if total is not None else ():
        total[light] += row[light]


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


def notice_rows(user, limit: int = 5) -> dict:
    unread = notices.unread_for(user)
    shown = list(unread[:limit])
    titles = worklist.subject_titles(
        [{"subject_type": n.subject_type, "subject_id": n.subject_id} for n in shown]
    )
    rows = [
        (
            n,
            notices.text_of(n),
            titles.get((n.subject_type, n.subject_id), ""),
            worklist.subject_link(n.subject_type, n.subject_id)[1],
        )
        for n in shown
    ]
    return {"rows": rows, "count": unread.count()}


@require_POST
def notices_read(request):
    ids = [int(i) for i in request.POST.getlist("notice") if i.isdigit()]
    notices.mark_read(request.user, ids if ids else None)
    return redirect("home")
