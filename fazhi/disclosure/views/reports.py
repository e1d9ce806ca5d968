"""政府信息公开工作年度报告 on screen: a unit's staff or a supervisor picks an org they may
read and a year, sees the three tables with the result of every sum rule, and downloads the
report (refused, with the failing rule, while a check fails). Reads go through `access`;
the only change (the report was published: its clock stops) goes through gio."""

from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import access, audit
from fazhi.core.clocks import yellow_line
from fazhi.core.indicators import ReportRefused, Scope
from fazhi.core.models import ClockState, Org

from .. import gio
from ..models import AnnualReport

FIRST_YEAR = 2021  # the national format of 国办公开办函〔2021〕30号 applies from report year 2021


def _chosen(request, data) -> tuple[Org, int, bool]:
    """The org (one the user may read), the year and whether only the org itself counts."""
    readable = access.readable_orgs(request.user)
    code = data.get("org") or next((m.org.code for m in access.memberships(request.user)), "")
    org = readable.filter(code=code).first()
    if org is None:
        raise PermissionDenied("您无权查看该单位的年度报告。")
    today = timezone.localdate()
    try:
        year = int(data.get("year") or today.year - 1)
    except ValueError:
        raise Http404 from None
    if not FIRST_YEAR <= year <= today.year:
        raise Http404
    return org, year, data.get("own") == "1"


def gio_report(request, status=200, refused=None):
    org, year, own = _chosen(request, request.GET)
    report = gio.build(Scope.year(org, year, subtree=not own))
    context = {
        "report": report,
        "org": org,
        "year": year,
        "own": own,
        "orgs": access.readable_orgs(request.user).order_by("path"),
        "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1),
        "parts": _parts(report),
        "mapping": _mapping(),
        "clock": gio.report_clock(org, year),
        "due_on": gio.due_on(org, year),
        "clock_light": _light(gio.report_clock(org, year)),
        "can_mark": access.can_write(request.user, org),
        "query": urlencode({"org": org.code, "year": year, "own": "1" if own else ""}),
        "refused": refused,
        "formats": gio.RENDERERS,
    }
    return render(request, "disclosure/reports/gio.html", context, status=status)


def _parts(report) -> list[tuple[str, list[str], object]]:
    """The six parts in order: each with its paragraphs or its table."""
    text, drawn = dict(report.narrative), {layout.title: layout for layout in gio.layouts(report)}
    return [(part, text.get(part, []), drawn.get(part)) for part in gio.PARTS]


def _light(clock) -> str:
    if clock is None or clock.due_on is None:
        return "none"
    today = timezone.localdate()
    if clock.state == ClockState.STOPPED:
        return "done"
    return "red" if clock.due_on < today else "yellow" if clock.due_on <= yellow_line(today) else "green"


def _mapping() -> list[tuple[str, list[str]]]:
    columns = (gio.UPHELD, gio.CORRECTED, gio.OTHER, gio.UNDECIDED)
    return [(c, [w for w in gio.words_for(c) if w != c]) for c in columns]


def gio_export(request, fmt):
    if fmt not in gio.RENDERERS:
        raise Http404
    org, year, own = _chosen(request, request.GET)
    try:
        data = gio.export(Scope.year(org, year, subtree=not own), fmt)
    except ReportRefused as refused:
        return gio_report(request, status=409, refused=refused.problems)
    response = HttpResponse(data, content_type=gio.MEDIA_TYPES[fmt])
    name = f"{org.name}{year}年政府信息公开工作年度报告.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@require_POST
def gio_published(request):
    org, year, _ = _chosen(request, request.POST)
    if not access.can_write(request.user, org):
        raise PermissionDenied("只有本单位工作人员可以登记年度报告已公布。")
    try:
        gio.mark_published(org, year, timezone.localdate(), audit.Actor.of(request.user, request))
        messages.success(request, f"已登记{year}年度报告公布，公布期限停止计算。")
    except ValueError as error:
        messages.error(request, str(error))
    return redirect(f"{reverse('disclosure:gio-report')}?{urlencode({'org': org.code, 'year': year})}")


def gio_clock(request, pk):
    """Where a report clock on the board or the 期限预警 list leads: that org's report."""
    report = get_object_or_404(AnnualReport.objects.visible_to(request.user), pk=pk)
    query = urlencode({"org": report.org.code, "year": report.year})
    return redirect(f"{reverse('disclosure:gio-report')}?{query}")
