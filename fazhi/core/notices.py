"""Telling the people concerned: at each step (declared per transition), before a deadline
(`fazhi remind`, run daily) and after it, when the unit above is told as well."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import CharField, DateTimeField, Exists, F, OuterRef, QuerySet, Value
from django.db.models.functions import Left
from django.utils import timezone

from . import access
from .clocks import yellow_line
from .models import Notice, NoticeKind, NoticeRead
from .rules import RULES

# One INSERT … SELECT per kind: at a province's scale reminders never loop over clocks.
REMIND_SQL = """
INSERT INTO core_notice (org_id, kind, subject_type, subject_id, clock_id, text, created_at)
SELECT {addressee}, %s, c.subject_type, c.subject_id, c.id, '', %s
FROM core_clock c JOIN core_org o ON o.id = c.org_id
WHERE c.state = 'running' AND c.due_on >= %s AND c.due_on <= %s AND {addressee} IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM core_notice n WHERE n.clock_id = c.id AND n.kind = %s)
"""
_DAY = datetime.timedelta(days=1)
PHRASES = {
    NoticeKind.DUE_SOON: "{rule}将于{due}到期",
    NoticeKind.OVERDUE: "{rule}已于{due}到期，仍未办结",
    NoticeKind.ESCALATED: "下级单位{org}的{rule}已于{due}到期，仍未办结",
}


def tell(orgs, kind: str, text: str, subject) -> None:
    Notice.objects.bulk_create(
        Notice(
            org_id=org_id,
            kind=kind,
            text=text[:300],
            subject_id=subject.pk,
            subject_type=subject._meta.label_lower,
        )
        for org_id in {org.pk for org in orgs if org is not None}
    )


@dataclass(frozen=True)
class Reminder:
    """A system's own daily reminder (e.g. 规范性文件有效期将届满), run by `fazhi remind`.

    `run(today)` returns how many it made; `label` is its part of the command's line, with
    `{n}` for that count. Running it again the same day must make nothing new."""

    key: str
    label: str
    run: Callable[[datetime.date], int]


REMINDERS: list[Reminder] = []


def register_reminder(reminder: Reminder) -> None:
    """Called from an app's `ready()`: the core never imports a system."""
    if all(r.key != reminder.key for r in REMINDERS):
        REMINDERS.append(reminder)


def remind(today: datetime.date) -> dict[str, int]:
    """Notices for clocks due soon and for overdue clocks, each once; overdue ones are
    also sent one level up (the parent org) as an escalation; then each system's reminders."""
    past = datetime.date.min
    made = {
        NoticeKind.DUE_SOON: _insert(NoticeKind.DUE_SOON, "c.org_id", today, yellow_line(today)),
        NoticeKind.OVERDUE: _insert(NoticeKind.OVERDUE, "c.org_id", past, today - _DAY),
        NoticeKind.ESCALATED: _insert(NoticeKind.ESCALATED, "o.parent_id", past, today - _DAY),
    }
    return made | {r.key: r.run(today) for r in REMINDERS}


def tell_once(records: QuerySet, *, text, due: str, org: str = "org_id", kind=NoticeKind.REMINDER) -> int:
    """One notice per record of `records` and per date in its field `due`, addressed to the
    org its field `org` names, with `text` (an expression over the record): one INSERT …
    SELECT, skipping records already told about that date. Returns how many were made."""
    subject_type = records.model._meta.label_lower
    told = Notice.objects.filter(
        kind=kind,
        subject_type=subject_type,
        subject_id=OuterRef("pk"),
        due_on=OuterRef(due),
        org=OuterRef(org),
    )
    rows = records.exclude(Exists(told)).filter(**{f"{org}__isnull": False}).order_by()
    columns = {
        "n_org": F(org),
        "n_kind": Value(kind, CharField()),
        "n_type": Value(subject_type, CharField()),
        "n_subject": F("pk"),
        "n_text": Left(text, 300),
        "n_due": F(due),
        "n_at": Value(timezone.now(), DateTimeField()),
    }
    sql, params = rows.annotate(**columns).values_list(*columns).query.sql_with_params()
    insert = "INSERT INTO core_notice (org_id, kind, subject_type, subject_id, text, due_on, created_at) "
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(insert + sql, params)
        return cursor.rowcount


def _insert(kind: str, addressee: str, first: datetime.date, last: datetime.date) -> int:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(REMIND_SQL.format(addressee=addressee), [kind, now, first, last, kind])
        return cursor.rowcount


def text_of(notice: Notice) -> str:
    """A step's notice (and a system's reminder) carries its text; a clock's is written from
    the clock as it is now."""
    if notice.clock is None:
        return notice.text
    rule = RULES.version(notice.clock.rule_key, notice.clock.rule_since).name
    due = notice.clock.due_on.isoformat() if notice.clock.due_on else "（暂停计时）"
    return PHRASES[notice.kind].format(rule=rule, due=due, org=notice.clock.org.name)


def unread_for(user):
    """Notices addressed to the user's own orgs that the user has not marked read."""
    own = [m.org_id for m in access.memberships(user)]
    read = NoticeRead.objects.filter(notice=OuterRef("pk"), user=user)
    return (
        Notice.objects.filter(org__in=own)
        .exclude(Exists(read))
        .select_related("clock", "clock__org")
        .order_by("-created_at", "-pk")
    )


def mark_read(user, notice_ids=None) -> int:
    """Mark the given notices (or all of them) read for `user`; returns how many."""
    mine = unread_for(user)
    if notice_ids is not None:
        mine = mine.filter(pk__in=notice_ids)
    marks = [NoticeRead(notice_id=pk, user=user) for pk in mine.values_list("pk", flat=True)]
    NoticeRead.objects.bulk_create(marks, ignore_conflicts=True)
    return len(marks)
