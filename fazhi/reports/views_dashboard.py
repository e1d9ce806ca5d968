"""The indicator dashboard (issue 4) and the records behind any of its figures.

Views read through `dashboard` (the registry and the access module); a parameter they cannot
use is answered with a Chinese page and a 4xx status, never with data or a 500.
"""

from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.shortcuts import render
from django.utils import timezone

from fazhi.core import access, worklist
from fazhi.core import indicators as registry
from fazhi.core.exports import xlsx_response
from fazhi.core.indicators import Scope, Source
from fazhi.core.models import Org

from . import dashboard

PER_PAGE = 30
YEARS_OFFERED = 6
DATE_FIELDS = ("received_on", "published_on", "assigned_on", "created_at")


class Refused(Exception):
    """A request the dashboard answers with an error page: its status and why, in Chinese."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message

    def page(self, request):
        titles = {400: "请求有误", 403: "没有权限", 404: "页面不存在"}
        context = {"title": titles[self.status], "message": self.message, "status": self.status}
        return render(request, "core/error.html", context, status=self.status)


def _year(request, today) -> int:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return today.year
    if not (raw.isdigit() and dashboard.FIRST_YEAR <= int(raw) <= today.year):
        raise Refused(
            400, f"年度应为{dashboard.FIRST_YEAR}年至{today.year}年之间的四位数字，例如 {today.year}。"
        )
    return int(raw)


def _org(request) -> Org:
    code = request.GET.get("org", "").strip()
    if not code:
        org = dashboard.home_org(request.user)
        if org is None:
            raise Refused(403, "您的账号尚未分配单位和岗位，没有可查看的数据。")
        return org
    org = Org.objects.filter(code=code).first()
    if org is None:
        raise Refused(404, "没有找到这个单位，请从单位列表中选择。")
    if not access.can_read(request.user, org):
        raise Refused(403, "您无权查看该单位的数据：只能查看本单位的数据，督察员和管理员还可查看下属单位。")
    return org


def _board(request) -> dashboard.Board:
    today = timezone.localdate()
    org, year = _org(request), _year(request, today)
    return dashboard.Board(request.user, org, year, today)


def home(request):
    try:
        board = _board(request)
    except Refused as refused:
        return refused.page(request)
    context = {
        "board": board,
        "org": board.org,
        "year": board.year,
        "today": board.today,
        "orgs": dashboard.org_choices(request.user),
        "years": range(board.today.year, board.today.year - YEARS_OFFERED, -1),
        "charts": dashboard.charts(board),
        "heads": [(i, dashboard.short_label(i)) for i in board.keys],
        "trend_heads": [(i, dashboard.short_label(i)) for i in board.counted],
        "query": f"org={board.org.code}&year={board.year}",
    }
    return render(request, "reports/dashboard.html", context)


def export(request, table: str):
    """One table of the dashboard as the user sees it (same org, year and access), in Excel."""
    try:
        if table not in dashboard.TABLES:
            raise Refused(404, "没有这张表。")
        board = _board(request)
    except Refused as refused:
        return refused.page(request)
    return xlsx_response(*dashboard.TABLES[table](board))


# --- the records behind one figure ---------------------------------------------------------


def _indicator(request) -> registry.Indicator:
    key = request.GET.get("key", "").strip()
    if key not in registry.INDICATORS:
        raise Refused(404, "没有这个指标：数据看板上的数字都来自已登记的指标，请从看板上点击数字进入。")
    return registry.get(key)


def records(request):
    try:
        indicator, board = _indicator(request), _board(request)
    except Refused as refused:
        return refused.page(request)
    # A user who does not read the units below sees, and is shown the records of, the unit only.
    subtree = board.subtree and request.GET.get("subtree", "1") != "0"
    scope = Scope.year(board.org, board.year, subtree)
    found = None if indicator.source == Source.PENDING else indicator.records(scope)
    if found is not None:
        found = _ordered(access.visible(found, request.user).select_related("org"))
    if found is not None and request.GET.get("export") == "xlsx":
        return _export_records(indicator, board, subtree, found)
    context = {"indicator": indicator, "org": board.org, "year": board.year, "subtree": subtree}
    context |= _listing(request, indicator, scope, found)
    return render(request, "reports/records.html", context)


def _date_field(model) -> str | None:
    names = {f.name for f in model._meta.get_fields()}
    return next((name for name in DATE_FIELDS if name in names), None)


def _ordered(records):
    date_field = _date_field(records.model)
    return records.order_by(f"-{date_field}", "-pk") if date_field else records.order_by("-pk")


def _listing(request, indicator, scope, found) -> dict:
    """A page of the records with their links, or why there is none to show."""
    if indicator.source == Source.PENDING:
        return {"pending": registry.PENDING_REASON}
    if found is None:
        return {"unlisted": True, "figure": registry.figures(scope, [indicator.key])[indicator.key]}
    try:
        with transaction.atomic():
            page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
            rows = [_row(record) for record in page.object_list]
    except DatabaseError as error:
        return {"failed": f"计算失败：{type(error).__name__}"}
    date_field = _date_field(found.model)
    label = found.model._meta.get_field(date_field).verbose_name if date_field else ""
    return {"listed": True, "page": page, "rows": rows, "date_label": label, "query": _page_query(request)}


def _row(record) -> tuple:
    """(title, link to the record's page, org name, date) for one record."""
    label = record._meta.label_lower
    url = worklist.subject_link(label, record.pk)[1] if label in worklist.SUBJECTS else None
    date_field = _date_field(type(record))
    value = getattr(record, date_field) if date_field else None
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date()
    return str(record), url, record.org.name, value


def _page_query(request) -> str:
    kept = request.GET.copy()
    kept.pop("page", None)
    kept.pop("export", None)
    return kept.urlencode()


RECORD_COLUMNS = ("记录", "承办单位", "日期")


def _export_records(indicator, board, subtree, found):
    rows = (_row(record) for record in found.iterator(chunk_size=2000))
    within = "（含下属单位）" if subtree else ""
    name = f"{board.org.name}{within}{board.year}年{indicator.name}.xlsx"
    return xlsx_response(name, RECORD_COLUMNS, ((title, org, day) for title, _, org, day in rows))
