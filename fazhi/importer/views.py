"""The supervisor's screens for imported reports. Reads go through `ImportedReport.objects.
visible_to` (the access module); every change goes through `services`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access
from fazhi.core.exports import xlsx_response
from fazhi.core.models import AuditEvent, Role
from fazhi.core.reading import MAX_BYTES

from . import comparison, services
from .display import WARNING_KINDS, document
from .forms import AssignForm, CorrectionForm, UploadForm, WithdrawForm
from .models import ImportedFigure, ImportedReport

PER_PAGE = 30


def _require_reader(user) -> None:
    if not any(m.role in access.SUBTREE_READERS for m in access.memberships(user)):
        raise PermissionDenied("年度报告导入供督察员和管理员使用。")


def _reports(user):
    _require_reader(user)
    return ImportedReport.objects.visible_to(user)


def _can_edit(user, report: ImportedReport) -> bool:
    return Role.SUPERVISOR in access.roles_toward(user, report.org)


def report_list(request):
    reports = _reports(request.user).select_related("unit", "created_by")
    reports = reports.annotate(figure_count=Count("figures")).order_by("-created_at", "-pk")
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    orgs = services.importing_orgs(request.user)
    form = UploadForm(orgs) if orgs else None
    return render(request, "importer/list.html", {"page": page, "form": form, "max_mb": MAX_BYTES // 2**20})


@require_POST
def upload(request):
    _require_reader(request.user)
    orgs = services.importing_orgs(request.user)
    if not orgs:
        raise PermissionDenied("只有督察员可以导入年度报告；管理员可以查看。")
    form = UploadForm(orgs, request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return redirect("importer:list")
    for upload_file in form.cleaned_data["files"]:
        outcome = services.import_upload(
            form.cleaned_data["org"], upload_file, user=request.user, request=request
        )
        _tell(request, outcome)
    return redirect("importer:list")


def _tell(request, outcome: services.Imported) -> None:
    if outcome.error:
        messages.error(request, f"“{outcome.file_name}”未导入：{outcome.error}")
    elif not outcome.created:
        report = outcome.report
        messages.warning(
            request, f"“{outcome.file_name}”与此前导入的“{report.file_name}”是同一文件，未重复导入。"
        )
    else:
        report = outcome.report
        messages.success(
            request,
            f"“{outcome.file_name}”已导入：{report.unit_label}，{report.year or '年度未识别'}年度，"
            f"必备内容{report.parts_found}/5部分，数字{report.figures.count()}个，提示{len(report.warnings)}条。",
        )


def detail(request, pk):
    report = get_object_or_404(_reports(request.user).select_related("unit", "org", "created_by"), pk=pk)
    figures = list(report.figures.select_related("corrected_by").order_by("start", "pk"))
    names = {f.key: services.indicator_name(f.key) for f in figures}
    selected = _selected(request, figures)
    can_edit = _can_edit(request.user, report)
    context = {
        "report": report,
        "document": document(report, figures, names),
        "figures": [(f, names[f.key]) for f in figures],
        "selected": selected,
        "warnings": [(n, w, WARNING_KINDS.get(w["kind"], w["kind"])) for n, w in enumerate(report.warnings)],
        "can_edit": can_edit,
        "correction_form": CorrectionForm(),
        "withdraw_form": WithdrawForm(),
        "assign_form": _assign_form(report) if can_edit else None,
        "events": _events(report, figures),
        "corrected_count": sum(f.is_corrected for f in figures),
    }
    return render(request, "importer/detail.html", context)


def _selected(request, figures):
    wanted = request.GET.get("figure", "")
    return next((f for f in figures if str(f.pk) == wanted), None)


def _assign_form(report: ImportedReport) -> AssignForm:
    initial = {"unit": report.unit_id, "year": report.year}
    return AssignForm(report.org.subtree().filter(is_active=True).order_by("path"), initial=initial)


def _events(report, figures):
    label = ImportedFigure._meta.label_lower
    return AuditEvent.objects.filter(
        Q(subject_type=report._meta.label_lower, subject_id=report.pk)
        | Q(subject_type=label, subject_id__in=[f.pk for f in figures]),
        chain=report.org_id,
    ).order_by("at", "pk")


def _figure(request, pk, figure_pk) -> ImportedFigure:
    report = get_object_or_404(_reports(request.user), pk=pk)
    if not _can_edit(request.user, report):
        raise PermissionDenied("只有督察员可以更正数字；管理员可以查看。")
    return get_object_or_404(
        ImportedFigure.objects.select_related("report__org"), pk=figure_pk, report=report
    )


def _back(figure: ImportedFigure):
    return redirect(services.figure_link(figure))


@require_POST
def correct(request, pk, figure_pk):
    figure = _figure(request, pk, figure_pk)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _back(figure)
    data = form.cleaned_data
    figure = services.correct(figure, data["value"], data["reason"], user=request.user, request=request)
    name = services.indicator_name(figure.key)
    messages.success(
        request, f"已更正“{name}”：{figure.extracted_value} → {figure.shown_value}{figure.unit}。"
    )
    return _back(figure)


@require_POST
def withdraw(request, pk, figure_pk):
    figure = _figure(request, pk, figure_pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _back(figure)
    figure = services.withdraw_correction(
        figure, form.cleaned_data["reason"], user=request.user, request=request
    )
    messages.success(request, f"已撤销更正，恢复为原文提取的{figure.shown_value}{figure.unit}。")
    return _back(figure)


@require_POST
def assign(request, pk):
    report = get_object_or_404(_reports(request.user).select_related("org"), pk=pk)
    if not _can_edit(request.user, report):
        raise PermissionDenied("只有督察员可以修改对应单位和年度。")
    form = AssignForm(report.org.subtree().filter(is_active=True), request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
    else:
        services.assign(
            report, form.cleaned_data["unit"], form.cleaned_data["year"], user=request.user, request=request
        )
        messages.success(request, "已保存对应单位和报告年度。")
    return redirect("importer:detail", report.pk)


def _errors(form) -> str:
    return "；".join(
        f"{form.fields[name].label}：{'，'.join(errors)}" if name in form.fields else "，".join(errors)
        for name, errors in form.errors.items()
    )


# --- comparison --------------------------------------------------------------------------------


def _year(request) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None


def compare(request):
    reports = _reports(request.user)
    years = sorted({y for y in reports.values_list("year", flat=True) if y}, reverse=True)
    year = _year(request)
    found = comparison.table(comparison.reports_of(request.user, year))
    return render(request, "importer/compare.html", {"table": found, "years": years, "year": year})


def compare_export(request):
    _require_reader(request.user)
    year = _year(request)
    found = comparison.table(comparison.reports_of(request.user, year))
    columns, rows = comparison.xlsx_rows(found)
    name = f"导入年度报告指标对比{f'（{year}年度）' if year else ''}.xlsx"
    return xlsx_response(name, columns, rows)
