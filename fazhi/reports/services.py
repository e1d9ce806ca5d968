"""The only code that changes annual reports: opening a draft, editing, redrawing, and the
procedure's steps. Each is atomic and leaves its line in the audit trail."""

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import access, accounts, audit, clocks, engine
from fazhi.core.models import EventKind, Org, Role

from . import drafting
from .models import LawReport, ReportDates, ReportVersion
from .procedure import PART_KEYS, PROCEDURE, PUBLICATION, SUBMISSION, State
from .queries import dates_for

NARRATIVE_LIMIT = 50_000  # characters per part: a long report is ~20,000 in all


class NotAllowed(Exception):
    pass


@transaction.atomic
def open_report(org: Org, year: int, user, *, request=None, on: datetime.date | None = None) -> LawReport:
    """The unit's report for `year`, drafted from the records on first opening; its two clocks
    (submission and publication) start with the dates of the org's jurisdiction."""
    _require_writer(user, org)
    on = on or timezone.localdate()
    _check_year(year, on)
    return _open(org, year, user, audit.Actor.of(user, request), on)


@transaction.atomic
def open_every_unit(year: int, *, on: datetime.date | None = None) -> int:
    """Each January (`fazhi annual-reports open`): the report of every active unit that has
    none for `year`, drafted from the records by the platform itself, with its two clocks —
    so a unit that never opens its report is still told of its deadlines. Returns how many."""
    on = on or timezone.localdate()
    _check_year(year, on)
    missing = Org.objects.filter(is_active=True).exclude(
        pk__in=LawReport.objects.filter(year=year).values("org")
    )
    made = [_open(org, year, None, audit.SYSTEM, on) for org in missing.order_by("path")]
    return len(made)


def _check_year(year: int, on: datetime.date) -> None:
    if not 2000 <= year <= on.year:
        raise NotAllowed(f"不能起草{year}年度的报告：报告年度须为2000年至{on.year}年。")


def _open(org: Org, year: int, user, actor: audit.Actor, on: datetime.date) -> LawReport:
    report, created = LawReport.objects.get_or_create(
        org=org, year=year, defaults={"superior": org.parent, "created_by": user}
    )
    if created:
        _new_version(report, user, *_drawn(report, {}), on)
        dates = dates_for(org, year)
        clocks.start(report, SUBMISSION.key, on, due_on=dates.submit_by)
        clocks.start(report, PUBLICATION.key, on, due_on=dates.publish_by)
        audit.record(
            EventKind.CREATED,
            f"起草{report.title}",
            actor=actor,
            chain=org.pk,
            subject=report,
            data={"year": year, "submit_by": dates.submit_by, "publish_by": dates.publish_by},
        )
    return report


def _drawn(report: LawReport, narratives: dict) -> tuple[dict, list]:
    """Every part drawn afresh from the records, with the unit's text kept; and the figures."""
    drawn = drafting.draw(report.org, report.year)
    parts = {k: {"generated": drawn.parts[k], "narrative": narratives.get(k, "")} for k in PART_KEYS}
    return parts, drawn.figures


def _new_version(report, user, parts: dict, figures: list, on) -> ReportVersion:
    number = (report.current.number if report.current else 0) + 1
    version = ReportVersion.objects.create(
        org=report.org,
        report=report,
        number=number,
        parts=parts,
        figures=figures,
        drawn_on=on,
        created_by=user,
    )
    report._current = version
    return version


@transaction.atomic
def edit(report: LawReport, user, narratives: dict[str, str], *, request=None) -> ReportVersion:
    """Write the unit's own text of each part. A draft's version changes in place; a version
    that already went to the head or the superior stays, and the edit makes the next one."""
    locked = _locked_draft(report, user)
    cleaned = {k: str(narratives.get(k, "")).replace("\r\n", "\n").strip() for k in PART_KEYS}
    too_long = [k for k, v in cleaned.items() if len(v) > NARRATIVE_LIMIT]
    if too_long:
        raise NotAllowed(f"每个部分不超过{NARRATIVE_LIMIT}字。")
    version = locked.current
    before = {k: version.narrative(k) for k in PART_KEYS}
    parts = {k: {"generated": version.generated(k), "narrative": cleaned[k]} for k in PART_KEYS}
    version = _write(locked, version, user, parts, version.figures, version.drawn_on)
    changed = {k: {"before": before[k], "after": cleaned[k]} for k in PART_KEYS if before[k] != cleaned[k]}
    audit.record(
        EventKind.EDITED,
        f"修改报告文本（第{version.number}版）",
        actor=audit.Actor.of(user, request),
        chain=locked.org_id,
        subject=locked,
        data={"version": version.number, "changed": changed},
    )
    return version


@transaction.atomic
def redraw(report: LawReport, user, *, request=None, on: datetime.date | None = None) -> ReportVersion:
    """Draw the figures again from today's records, keeping the unit's own text."""
    locked = _locked_draft(report, user)
    on = on or timezone.localdate()
    version = locked.current
    narratives = {k: version.narrative(k) for k in PART_KEYS}
    parts, figures = _drawn(locked, narratives)
    version = _write(locked, version, user, parts, figures, on)
    audit.record(
        EventKind.EDITED,
        f"从记录重新生成数据（第{version.number}版，截至{on.isoformat()}）",
        actor=audit.Actor.of(user, request),
        chain=locked.org_id,
        subject=locked,
        data={"version": version.number},
    )
    return version


def _locked_draft(report: LawReport, user) -> LawReport:
    locked = LawReport.objects.select_for_update().select_related("org").get(pk=report.pk)
    _require_writer(user, locked.org)
    if locked.state != State.DRAFT:
        raise NotAllowed(f"报告当前为「{State(locked.state).label}」，不能修改；须退回后修改，原稿保留。")
    return locked


def _write(report, version, user, parts, figures, drawn_on) -> ReportVersion:
    if version.locked:
        return _new_version(report, user, parts, figures, drawn_on)
    ReportVersion.objects.filter(pk=version.pk).update(parts=parts, figures=figures, drawn_on=drawn_on)
    version.parts, version.figures, version.drawn_on = parts, figures, drawn_on
    return version


def _require_writer(user, org: Org) -> None:
    if not access.roles_toward(user, org) & {Role.CLERK, Role.HEAD}:
        raise NotAllowed(f"只有{org.name}的经办人或负责人可以起草、修改本单位的年度报告。")


@transaction.atomic
def set_dates(admin, fields: dict, *, request=None) -> ReportDates:
    """A jurisdiction's own report dates, for reports opened from now on (running clocks keep
    the dates they started with, as a statutory period does)."""
    org = fields["org"]
    if not accounts.manageable_orgs(admin).filter(pk=org.pk).exists():
        raise NotAllowed(f"您不是{org.name}或其上级机构的管理员，不能设定其年度报告期限。")
    dates, _ = ReportDates.objects.update_or_create(
        org=org, since_year=fields["since_year"], defaults={**_date_fields(fields), "created_by": admin}
    )
    audit.record(
        EventKind.EDITED,
        f"设定年度报告地方期限：报送{dates.submit_month}月{dates.submit_day}日、公开{dates.publish_month}月"
        f"{dates.publish_day}日（{dates.basis}）",
        actor=audit.Actor.of(admin, request),
        chain=org.pk,
        data={"since_year": dates.since_year, **_date_fields(fields)},
    )
    return dates


def _date_fields(fields: dict) -> dict:
    names = ("submit_month", "submit_day", "publish_month", "publish_day", "basis")
    return {name: fields[name] for name in names}


# --- the procedure's steps ----------------------------------------------------------------


def _lock_version(report: LawReport) -> None:
    ReportVersion.objects.filter(report=report, number=report.current.number).update(locked=True)


def propose(report, user, *, request=None, on=None):
    return engine.apply(PROCEDURE, report, "propose", user, effect=_lock_version, request=request, on=on)


def revise(report, user, *, reason: str, request=None, on=None):
    return engine.apply(PROCEDURE, report, "revise", user, {"reason": reason}, request=request, on=on)


def approve(report, user, *, request=None, on=None):
    def approved(locked):
        locked.approved_version = locked.current.number
        locked.return_comments = ""

    return engine.apply(PROCEDURE, report, "approve", user, effect=approved, request=request, on=on)


def submit(report, user, *, request=None, on=None):
    return engine.apply(PROCEDURE, report, "submit", user, request=request, on=on)


def return_to_unit(report, user, *, reason: str, request=None, on=None):
    """The superior's comments; the submission clock runs again to the same date."""
    due_on = dates_for(report.org, report.year).submit_by
    data = {"reason": reason, "due_on": due_on}
    return engine.apply(PROCEDURE, report, "return", user, data, request=request, on=on)


def accept(report, user, *, request=None, on=None):
    return engine.apply(PROCEDURE, report, "accept", user, request=request, on=on)


def publish(report, user, *, published_on: datetime.date | None = None, request=None, on=None):
    on = on or timezone.localdate()
    data = {"published_on": published_on or on}
    return engine.apply(PROCEDURE, report, "publish", user, data, request=request, on=on)


STEPS = {
    "propose": propose,
    "approve": approve,
    "submit": submit,
    "accept": accept,
    "publish": publish,
    "revise": revise,
    "return": return_to_unit,
}
