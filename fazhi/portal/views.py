"""The public portal: each agency's 政府信息公开指南 and 目录, the application form and the
tracking page. Nobody logs in; what personal data the pages show is masked (masking.py),
and every text the public typed is escaped on output."""

import functools

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from fazhi.core.models import Org
from fazhi.core.rules import RULES
from fazhi.disclosure.models import Category, PublicationItem
from fazhi.disclosure.procedure import (
    CORRECTION_NOTICE,
    EXTENSION_DAYS,
    OTHER_AGENCY,
    PUBLICATION,
    REPLY,
    THIRD_PARTY,
    Channel,
    DeliveryForm,
    reconsideration_body,
)
from fazhi.reports.document import document
from fazhi.reports.models import LawReport
from fazhi.reports.procedure import PUBLICATION as REPORT_PUBLICATION
from fazhi.reports.procedure import PUBLISH_BEFORE, said
from fazhi.reports.procedure import State as ReportState
from fazhi.reports.views import export_response

from . import services, throttle, tracking
from .forms import ApplicationForm, TrackForm, new_key

PER_PAGE = 20
# The periods the pages quote, as procedure.py declares them (a jurisdiction's own version
# of a rule shows here too).
QUOTED = {
    "publication": PUBLICATION,
    "reply": REPLY,
    "correction_notice": CORRECTION_NOTICE,
    "third_party": THIRD_PARTY,
    "other_agency": OTHER_AGENCY,
}


def public(view):
    """A page anyone may open; a missing agency or item gets the portal's own 404 page."""

    @login_not_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return page(request, "portal/not_found.html", status=404)

    return wrapped


def today():
    return timezone.localdate()


def page(request, template: str, context: dict | None = None, status: int = 200):
    site = Org.objects.filter(parent=None, is_active=True).order_by("path").first()
    return render(request, template, {"site": site, **(context or {})}, status=status)


def refused(request, template: str, refusal: services.Throttled, **context):
    """429: too many from this address this hour; Retry-After says when a place is free."""
    response = page(request, template, {**context, "throttled": True}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def law(on) -> dict:
    return {name: RULES.in_force(rule.key, on) for name, rule in QUOTED.items()}


def agency(code: str) -> Org:
    return get_object_or_404(Org, code=code, is_active=True)


@login_not_required
def healthz(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@public
def index(request):
    orgs = Org.objects.filter(is_active=True).order_by("path")
    counts = dict(PublicationItem.objects.published().values_list("org").annotate(n=Count("pk")))
    return page(request, "portal/index.html", {"orgs": [(o, counts.get(o.pk, 0)) for o in orgs]})


@public
def guide(request, code):
    """政府信息公开指南 (第十二条): how information is arranged and obtained, from the rules
    as procedure.py declares them."""
    org = agency(code)
    context = {
        "org": org,
        "rules": law(today()),
        "extension_days": EXTENSION_DAYS,
        "reviewer": reconsideration_body(org),
        "categories": Category.choices,
        "channels": [c for c in Channel if c != Channel.OTHER],
        "delivery_forms": DeliveryForm.choices,
    }
    return page(request, "portal/guide.html", context)


@public
def catalogue(request, code):
    """政府信息公开目录: what the agency has published, newest first."""
    org = agency(code)
    category = request.GET.get("category", "")
    category = category if category in Category.values else ""
    query = request.GET.get("q", "").strip()[:50]
    items = PublicationItem.objects.published().filter(org=org)
    items = items.filter(category=category) if category else items
    items = items.filter(Q(title__icontains=query) | Q(document_number__icontains=query)) if query else items
    listing = Paginator(items.order_by("-published_on", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    context = {"org": org, "page": listing, "category": category, "q": query, "categories": Category.choices}
    return page(request, "portal/catalogue.html", context)


@public
def item(request, code, pk):
    org = agency(code)
    found = get_object_or_404(PublicationItem.objects.published().filter(org=org), pk=pk)
    paragraphs = [line.strip() for line in found.body.splitlines() if line.strip()]
    return page(request, "portal/item.html", {"org": org, "item": found, "paragraphs": paragraphs})


@public
@never_cache
def apply(request, code):
    """依申请公开 (第二十九条): the form, and on success the tracking code to keep."""
    org = agency(code)
    form = ApplicationForm(request.POST if request.method == "POST" else None, initial={"key": new_key()})
    rules = law(today())
    if not form.is_bound or not form.is_valid():
        context = {"org": org, "form": form, "rules": rules}
        return page(request, "portal/apply.html", context, 400 if form.errors else 200)
    ip, key = throttle.client_ip(request), form.cleaned_data["key"]
    try:
        submission = services.submit(org, form.application(), key=key, ip=ip, on=today())
    except services.Throttled as refusal:
        limit = throttle.limit(*services.APPLY_LIMIT)
        return refused(request, "portal/apply.html", refusal, org=org, form=form, rules=rules, limit=limit)
    status = tracking.status(submission.request)
    return page(request, "portal/submitted.html", {"org": org, "status": status, "rules": rules})


@public
@never_cache
def track(request):
    """查询办理进度: a code that matches nothing gets the same answer whatever the reason."""
    form = TrackForm(request.GET if "code" in request.GET else None)
    if not form.is_bound or not form.is_valid():
        return page(request, "portal/track.html", {"form": form}, 400 if form.errors else 200)
    try:
        found = services.look_up(form.cleaned_data["code"], ip=throttle.client_ip(request))
    except services.Throttled as refusal:
        return refused(request, "portal/track.html", refusal, form=form)
    status = tracking.status(found) if found is not None else None
    return page(request, "portal/track.html", {"form": form, "status": status, "missing": status is None})


# --- 法治政府建设年度报告: each unit's published report (督察规定 第二十四条) ------------------


def _published_reports():
    return LawReport.objects.filter(state=ReportState.PUBLISHED, org__is_active=True).select_related("org")


@public
def law_reports(request):
    reports = _published_reports().order_by("-year", "org__path")
    context = {
        "reports": reports,
        "publish_before": said(PUBLISH_BEFORE),
        "cite": REPORT_PUBLICATION.cite.law,
    }
    return page(request, "portal/law_reports.html", context)


@public
def law_report(request, pk):
    report = get_object_or_404(_published_reports(), pk=pk)
    doc = document(report, report.versions.get(number=report.approved_version))
    return page(request, "portal/law_report.html", {"report": report, "doc": doc})


@public
def law_report_file(request, pk, fmt):
    report = get_object_or_404(_published_reports(), pk=pk)
    if fmt not in ("docx", "pdf"):
        raise Http404
    return export_response(report, report.versions.get(number=report.approved_version), fmt)
