"""Core pages: the working-day calendar, the declared rules, clocks behind a light, the trail."""

import calendar as stdcalendar
import datetime

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from fazhi.core import access, audit, workdays, worklist
from fazhi.core import clocks as clock_lists
from fazhi.core.models import AuditEvent, CalendarDay, CalendarYear, Clock, Org, RuleOverride
from fazhi.core.rules import RULES


@login_not_required
def calendar_month(request, year=None, month=None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        raise Http404
    days = {d.date: d for d in CalendarDay.objects.filter(date__year=year, date__month=month)}
    weeks = [
        [(d, days.get(d)) if d.month == month else None for d in week]
        for week in stdcalendar.Calendar().monthdatescalendar(year, month)
    ]
    first = datetime.date(year, month, 1)
    prev_month = (first - datetime.timedelta(days=1)).replace(day=1)
    next_month = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "core/calendar.html",
        {
            "year": year,
            "month": month,
            "weeks": weeks,
            "known": bool(days),
            "today": today,
            "prev": prev_month,
            "next": next_month,
            "years": list(CalendarYear.objects.all()),
        },
    )


@login_not_required
def rules(request):
    local_rules = RuleOverride.objects.select_related("org").order_by("rule_key", "org__path")
    return render(request, "core/rules.html", {"rules": RULES.all(), "local_rules": local_rules})


def clocks(request):
    """The clocks behind a light count on the home page: the records behind the number."""
    today, light = timezone.localdate(), request.GET.get("light", "red")
    orgs, org = access.readable_orgs(request.user), None
    if org_code := request.GET.get("org"):
        org = get_object_or_404(Org, code=org_code)
        if not access.can_read(request.user, org):
            raise PermissionDenied("您无权查看该单位的期限。")
        orgs = org.subtree() & orgs
    page = Paginator(clock_lists.listing(orgs, light, today), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/clocks.html",
        {
            "page": page,
            "rows": _clock_rows(page, today),
            "light": light,
            "org": org,
            "org_code": org_code or "",
        },
    )


def _clock_rows(page, today) -> list:
    found = clock_lists.rows(page.object_list)
    ordinals = worklist.ordinals_for([today, *(c["due_on"] for c in found if c["due_on"])])
    titles = worklist.subject_titles(found)
    return [_clock_row(c, titles, ordinals, today) for c in found]


def _clock_row(c: dict, titles: dict, ordinals: dict, today) -> tuple:
    system, url = worklist.subject_link(c["subject_type"], c["subject_id"])
    c["rule"] = RULES.version(c["rule_key"], c["rule_since"])
    c["title"] = titles.get((c["subject_type"], c["subject_id"]), f"#{c['subject_id']}")
    return c, system, url, worklist.distance_label(today, c["due_on"], ordinals)


def clock_explain(request, pk):
    clock = get_object_or_404(Clock, pk=pk)
    if not access.can_read(request.user, clock.org):
        raise PermissionDenied("您无权查看该期限。")
    rule = RULES.version(clock.rule_key, clock.rule_since)
    system, subject_url = worklist.subject_link(clock.subject_type, clock.subject_id)
    days = []
    if clock.base_on and clock.due_on and clock.unit != "date":
        days = workdays.explain(clock.base_on, clock.due_on)
    return render(
        request,
        "core/clock_explain.html",
        {"clock": clock, "rule": rule, "days": days, "system": system, "subject_url": subject_url},
    )


def audit_trail(request):
    if not (access.is_admin(request.user) or _supervises(request.user)):
        raise PermissionDenied("只有管理员和督察员可以查看审计记录。")
    events = AuditEvent.objects.filter(
        chain__in=[0, *access.readable_orgs(request.user).values_list("pk", flat=True)]
    ).order_by("-at", "-pk")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    verdict = audit.verify() if request.GET.get("verify") and access.is_admin(request.user) else None
    return render(request, "core/audit.html", {"page": page, "verdict": verdict})


def orgs(request):
    return render(
        request,
        "core/orgs.html",
        {
            "orgs": access.readable_orgs(request.user).order_by("path"),
        },
    )


def _supervises(user) -> bool:
    return any(m.role in access.SUBTREE_READERS for m in access.memberships(user))
