"""/api/v1/: token authentication for staff, anonymous reads of published data only.

Every query goes through the access module, exactly as the screens do.
"""

import datetime

from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import HttpBearer, django_auth

from . import access, indicators, workdays
from .clocks import listing, rows
from .models import ApiToken, Light, Org
from .rules import RULES


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


STAFF = [TokenAuth(), django_auth]
router = Router(tags=["核心"])
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000  # far beyond any registry, well inside the database's integers


def page(queryset, limit: int, offset: int):
    """Rows `offset`… of `queryset`, at most `limit` (1–500) of them."""
    limit, offset = max(1, min(limit, MAX_LIMIT)), max(0, min(offset, MAX_OFFSET))
    return queryset[offset : offset + limit]


class Message(Schema):
    detail: str


# Every answer other than 200 carries a Chinese `detail`: 400 for a malformed request, 401
# without a valid token or session (see fazhi/api.py).
STAFF_ERRORS = {400: Message, 401: Message}


class RuleOut(Schema):
    key: str
    name: str
    amount: int | None
    unit: str
    unit_label: str
    pauses: list[str]
    extension: str
    basis: str
    effective_from: str
    confidence: str
    configurable: bool


class OrgOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None
    doc_prefix: str


class DayOut(Schema):
    date: datetime.date
    workday: bool


class DueOut(Schema):
    start: datetime.date
    n: int
    due_on: datetime.date


class ClockOut(Schema):
    id: int
    org: str
    subject_type: str
    subject_id: int
    rule_key: str
    state: str
    due_on: datetime.date | None
    light: str


@router.get("/rules", response=list[RuleOut], auth=None, summary="全部法定期限规则")
def list_rules(request):
    return [rule.as_json() for rule in RULES.all()]


@router.get("/orgs", response=list[OrgOut], auth=None, summary="机构目录")
def list_orgs(request):
    return [
        {
            "code": o.code,
            "name": o.name,
            "level": o.level,
            "doc_prefix": o.doc_prefix,
            "parent": o.parent.code if o.parent else None,
        }
        for o in Org.objects.filter(is_active=True).select_related("parent")
    ]


@router.get("/calendar/workday", response={200: DayOut, 400: Message}, auth=None, summary="某日是否为工作日")
def workday(request, date: datetime.date):
    try:
        return Status(200, {"date": date, "workday": workdays.is_workday(date)})
    except workdays.CalendarUnknown as unknown:
        return Status(400, {"detail": str(unknown)})


@router.get(
    "/calendar/add-workdays", response={200: DueOut, 400: Message}, auth=None, summary="某日之后第N个工作日"
)
def add_workdays(request, date: datetime.date, n: int):
    if not 1 <= n <= 3650:
        return Status(400, {"detail": "工作日数须在1到3650之间。"})
    try:
        return Status(200, {"start": date, "n": n, "due_on": workdays.add_workdays(date, n)})
    except workdays.CalendarUnknown as unknown:
        return Status(400, {"detail": str(unknown)})


@router.get(
    "/clocks", response={200: list[ClockOut], **STAFF_ERRORS}, auth=STAFF, summary="本人可见的期限（按灯色）"
)
def list_clocks(request, light: Light = Light.RED, limit: int = 50, offset: int = 0):
    clocks = listing(access.readable_orgs(request.user), light, timezone.localdate())
    return [
        {
            "id": c["pk"],
            "org": c["org__code"],
            "subject_type": c["subject_type"],
            "subject_id": c["subject_id"],
            "rule_key": c["rule_key"],
            "state": c["state"],
            "due_on": c["due_on"],
            "light": light,
        }
        for c in rows(page(clocks, limit, offset))
    ]


class IndicatorOut(Schema):
    key: str
    name: str
    unit: str
    definition: str
    basis: str
    source: str
    source_label: str


class FigureOut(Schema):
    key: str
    value: float | None
    unit: str
    missing: str = ""


class FiguresOut(Schema):
    org: str
    year: int
    subtree: bool
    figures: list[FigureOut]


@router.get("/indicators", response=list[IndicatorOut], auth=None, summary="登记的全部指标")
def list_indicators(request):
    return [i.as_json() for i in indicators.all_indicators()]


@router.get(
    "/indicators/figures",
    response={200: FiguresOut, 404: Message, **STAFF_ERRORS},
    auth=STAFF,
    summary="某单位某年度的全部指标值",
)
def indicator_figures(request, org: str, year: int, subtree: bool = True):
    """The same figures as `fazhi indicators compute --json`, for an org the caller may read."""
    if "\x00" in org:  # PostgreSQL refuses NUL in text: a bad request, not a server error
        return Status(400, {"detail": "机构代码含有不可用的字符。"})
    found = access.readable_orgs(request.user).filter(code=org).first()
    if found is None:
        return Status(404, {"detail": f"没有您可查看的机构“{org[:40]}”。"})
    if not 2000 <= year <= timezone.localdate().year:
        return Status(400, {"detail": "年度须在2000年至今年之间。"})
    scope = indicators.Scope.year(found, year, subtree=subtree)
    figures = [f.as_json() for f in indicators.figures(scope).values()]
    return Status(200, {"org": found.code, "year": year, "subtree": subtree, "figures": figures})
