"""法治政府建设年度报告 screens. Reads through the access module, changes through services."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from fazhi.core import access, engine
from fazhi.core.clocks import clocks_of, yellow_line
from fazhi.core.models import AuditEvent, Role

from . import services
from .document import Unavailable, document, rendered
from .drafting import figure_index, figure_text
from .forms import STEP_FORMS, DatesForm, NarrativeForm, OpenForm
from .models import LawReport, ReportDates
from .procedure import PARTS, PROCEDURE, SUBMIT_BEFORE, State, said
from .queries import dates_for, national_dates, with_lights

WRITERS = {Role.CLERK, Role.HEAD}


def _year(request) -> int:
    """The report year asked for; by default last year, the one reported on now."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year - 1)
    except ValueError:
        year = today.year - 1
    return min(max(year, 2000), today.year)


def report_list(request):
    year, today = _year(request), timezone.localdate()
    reports = with_lights(LawReport.objects.visible_to(request.user).filter(year=year), today)
    by_org = {r.org_id: r for r in reports.select_related("org")}
    orgs = access.readable_orgs(request.user).filter(is_active=True).order_by("path")
    writable = set(access.orgs_with_role(request.user, WRITERS).values_list("pk", flat=True))
    rows = [{"org": o, "report": by_org.get(o.pk), "can_open": o.pk in writable} for o in orgs]
    for row in rows:
        if row["report"] is None:  # not opened: its dates still run, and may have passed
            row["due"] = dates_for(row["org"], year)
            row["submit_light"] = date_light(row["due"].submit_by, today)
            row["publish_light"] = date_light(row["due"].publish_by, today)
    context = {"rows": rows, "year": year, "years": range(today.year, today.year - 6, -1), "today": today}
    context["dates"] = dates_for(orgs[0], year) if orgs else None
    return render(request, "reports/list.html", context)


def date_light(due, today) -> str:
    """The light of a date no clock carries yet (a report not opened): red once it passed."""
    return "red" if due < today else ("yellow" if due <= yellow_line(today) else "green")


@require_POST
def create(request):
    form = OpenForm(access.orgs_with_role(request.user, WRITERS), request.POST)
    if not form.is_valid():
        messages.error(request, "请选择本单位和报告年度（2000年至今年）。")
        return redirect(reverse("reports:list"))
    try:
        report = services.open_report(
            form.cleaned_data["org"], form.cleaned_data["year"], request.user, request=request
        )
    except services.NotAllowed as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    return redirect("reports:detail", report.pk)


def _report(request, pk) -> LawReport:
    reports = with_lights(LawReport.objects.visible_to(request.user), timezone.localdate())
    return get_object_or_404(reports.select_related("org", "superior"), pk=pk)


def detail(request, pk, form=None, status=200):
    report = _report(request, pk)
    return render(
        request, "reports/detail.html", _context(request, report, report.current, form), status=status
    )


def version(request, pk, number):
    report = _report(request, pk)
    shown = report.versions.filter(number=number).first()
    if shown is None:
        raise Http404("没有这一版本。")
    return render(request, "reports/detail.html", _context(request, report, shown, None))


def _context(request, report: LawReport, shown, form) -> dict:
    current = report.current
    editable = shown.pk == current.pk and report.state == State.DRAFT
    can_write = editable and bool(access.roles_toward(request.user, report.org) & WRITERS)
    initial = {p.key: current.narrative(p.key) for p in PARTS}
    steps = [(t, STEP_FORMS[t.key](prefix=t.key)) for t in PROCEDURE.available(report, request.user)]
    return {
        "report": report,
        "shown": shown,
        "is_current": shown.pk == current.pk,
        "parts": rendered_parts(report, shown),
        "notice": document(report, shown)["notice"],
        "form": form or (NarrativeForm(initial=initial) if can_write else None),
        "steps": [] if shown.pk != current.pk else steps,
        "versions": report.versions.order_by("-number"),
        "clocks": clocks_of(report).order_by("pk"),
        "events": AuditEvent.objects.filter(
            subject_type=report._meta.label_lower, subject_id=report.pk
        ).order_by("at", "pk"),
        "procedure": PROCEDURE,
        "dates": dates_for(report.org, report.year),
    }


def rendered_parts(report: LawReport, shown) -> list[dict]:
    """Each part's drawn blocks with every figure as text and the link to its records."""
    index = figure_index(shown.figures)
    link = _records_link(report)
    parts = []
    for part in PARTS:
        blocks = [_block(b, index, link) for b in shown.generated(part.key)]
        parts.append({"part": part, "blocks": blocks, "narrative": shown.narrative(part.key).splitlines()})
    return parts


def _block(block: dict, index: dict, link) -> dict:
    if block["kind"] == "heading":
        return block
    if block["kind"] == "table":
        rows = [[_piece(c, index, link) for c in row] for row in block["rows"]]
        return block | {"rows": rows}
    return block | {"pieces": [_piece(s, index, link) for s in block["segments"]]}


def _piece(segment: dict, index: dict, link) -> dict:
    if "text" in segment:
        return {"text": segment["text"]}
    figure = index.get((segment["figure"], segment["year"]))
    missing = figure is None or figure.get("value") is None
    url = "" if missing else link(segment["figure"], segment["year"])
    return {"text": figure_text(figure), "url": url, "missing": missing, "key": segment["figure"]}


def _records_link(report: LawReport):
    try:
        base = reverse("dashboard:records")
    except NoReverseMatch:  # the dashboard is not mounted
        return lambda key, year: ""
    return lambda key, year: f"{base}?{urlencode({'key': key, 'org': report.org.code, 'year': year})}"


@require_POST
def edit(request, pk):
    report = _report(request, pk)
    form = NarrativeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请检查填写的内容：每个部分不超过50000字。")
        return detail(request, pk, form=form, status=400)
    try:
        version = services.edit(report, request.user, form.cleaned_data, request=request)
    except services.NotAllowed as refusal:
        messages.error(request, str(refusal))
        return detail(request, pk, status=409)
    messages.success(request, f"已保存（第{version.number}版）。")
    return redirect("reports:detail", report.pk)


@require_POST
def redraw(request, pk):
    report = _report(request, pk)
    try:
        version = services.redraw(report, request.user, request=request)
    except services.NotAllowed as refusal:
        messages.error(request, str(refusal))
        return detail(request, pk, status=409)
    messages.success(request, f"已从记录重新生成数据段落（第{version.number}版，截至今天）。")
    return redirect("reports:detail", report.pk)


@require_POST
def step(request, pk, key):
    report = _report(request, pk)
    if key not in STEP_FORMS:
        raise Http404("没有这个办理环节。")
    form = STEP_FORMS[key](request.POST, prefix=key)
    if not form.is_valid():
        errors = "；".join("，".join(e) for e in form.errors.values())
        messages.error(request, f"请检查填写的内容：{errors}")
        return detail(request, pk, status=400)
    try:
        services.STEPS[key](report, request.user, request=request, **form.cleaned_data)
    except engine.Refused as refusal:
        messages.error(request, str(refusal))
        return detail(request, pk, status=409)
    messages.success(request, f"已{PROCEDURE.transition(key).label}。")
    return redirect("reports:detail", report.pk)


FORMATS = {
    "json": "application/json; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def download(request, pk, fmt):
    report = _report(request, pk)
    if fmt not in FORMATS:
        raise Http404("只能导出 json、docx、pdf。")
    number = request.GET.get("v")
    shown = report.versions.filter(number=number).first() if number and number.isdigit() else report.current
    if shown is None:
        raise Http404("没有这一版本。")
    return export_response(report, shown, fmt)


def export_response(report: LawReport, shown, fmt: str) -> HttpResponse:
    try:
        body = rendered(document(report, shown), fmt)
    except Unavailable as unavailable:
        return HttpResponse(f"PDF生成服务不可用：{unavailable}。请先下载 Word 版本。", status=503)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    name = f"{report.title}（第{shown.number}版）.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def dates(request):
    """The jurisdiction's own report dates (administrators); LAW.md marks them configurable."""
    if not access.is_admin(request.user):
        raise PermissionDenied("只有管理员可以设定本地区的年度报告期限。")
    form = DatesForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_dates(request.user, form.cleaned_data, request=request)
        messages.success(request, "已保存本地区的年度报告期限；此后起草的报告按此计时。")
        return redirect("reports:dates")
    orgs = access.orgs_with_role(request.user, {"admin"})
    listed = (
        ReportDates.objects.filter(org__in=orgs).select_related("org").order_by("org__path", "since_year")
    )
    national = national_dates(timezone.localdate().year - 1)
    context = {"form": form, "listed": listed, "national": national, "submit_before": said(SUBMIT_BEFORE)}
    return render(request, "reports/dates.html", context, status=400 if form.errors else 200)
