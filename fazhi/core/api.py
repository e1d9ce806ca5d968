"""/api/v1/: token authentication for staff, anonymous reads of published data only.

Every query goes through the access module, exactly as the screens do.
"""

import datetime

from django.utils import timezone
from ninja import Router, Schema
from ninja.security import HttpBearer, django_auth

from . import access, workdays
from .clocks import yellow_line
from .models import ApiToken, Clock, Org
from .rules import RULES


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.objects.select_related("user").filter(
            digest=ApiToken.digest_of(token), user__is_active=True
        ).first()
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


STAFF = [TokenAuth(), django_auth]
router = Router(tags=["核心"])


class Message(Schema):
    detail: str


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
        {"code": o.code, "name": o.name, "level": o.level, "doc_prefix": o.doc_prefix,
         "parent": o.parent.code if o.parent else None}
        for o in Org.objects.filter(is_active=True).select_related("parent")
    ]


@router.get("/calendar/workday", response={200: DayOut, 400: Message}, auth=None,
            summary="某日是否为工作日")
def workday(request, date: datetime.date):
    try:
        return 200, {"date": date, "workday": workdays.is_workday(date)}
    except workdays.CalendarUnknown as unknown:
        return 400, {"detail": str(unknown)}


@router.get("/calendar/add-workdays", response={200: DueOut, 400: Message}, auth=None,
            summary="某日之后第N个工作日")
def add_workdays(request, date: datetime.date, n: int):
    if not 1 <= n <= 3650:
        return 400, {"detail": "工作日数须在1到3650之间。"}
    try:
        return 200, {"start": date, "n": n, "due_on": workdays.add_workdays(date, n)}
    except workdays.CalendarUnknown as unknown:
        return 400, {"detail": str(unknown)}


@router.get("/clocks", response=list[ClockOut], auth=STAFF, summary="本人可见的期限（按灯色）")
def list_clocks(request, light: str = "red", limit: int = 50, offset: int = 0):
    today = timezone.localdate()
    qs = (
        Clock.objects.filter(org__in=access.readable_orgs(request.user).values("pk"))
        .with_light(today, yellow_line(today)).filter(light=light).select_related("org")
        .order_by("due_on", "pk")
    )
    limit, offset = max(1, min(limit, 500)), max(0, offset)
    return [
        {"id": c.pk, "org": c.org.code, "subject_type": c.subject_type,
         "subject_id": c.subject_id, "rule_key": c.rule_key, "state": c.state,
         "due_on": c.due_on, "light": c.light}
        for c in qs[offset:offset + limit]
    ]
