"""The only code that changes 规范性文件, their reviews and cleanups: the law's verbs."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core import access, audit, clocks, consultation, engine, numbering, workdays
from fazhi.core.models import ClockState, EventKind, Org, Role, Unit

from . import search
from .models import CleanupCampaign, CleanupEntry, Document, LegalityReview, Version
from .procedure import (
    DOC_SERIES,
    GUOBAN_37,
    LEGAL_BASIS,
    PROCEDURE,
    PROVISIONAL_WORDS,
    PUBLISHED_STATES,
    REGISTER_SERIES,
    REVIEW,
    REVIEW_PROCEDURE,
    VALIDITY,
    VALIDITY_PROVISIONAL,
    CleanupDecision,
    ReviewState,
    State,
    amount_for,
)

EDITABLE = ("title", "legal_basis", "text", "market_related")
EDITABLE_STATES = (State.PROPOSED, State.DRAFTING)


def _refuse_without_basis(legal_basis: str) -> None:
    if not (legal_basis or "").strip():
        raise engine.Refused(LEGAL_BASIS.message, LEGAL_BASIS.cite)


def _snapshot(doc: Document, reason: str, user) -> Version:
    seq = (doc.versions.aggregate(m=Max("seq"))["m"] or 0) + 1
    return Version.objects.create(
        document=doc,
        org_id=doc.org_id,
        seq=seq,
        title=doc.title,
        legal_basis=doc.legal_basis,
        text=doc.text,
        reason=reason,
        saved_by=user if user is not None and user.is_authenticated else None,
    )


@transaction.atomic
def propose(user, org: Org, *, title, legal_basis, text="", market_related=True, replaces=None, request=None):
    """立项: a new document of `org`, with its first version. The legal basis is required."""
    if not access.roles_toward(user, org) & {Role.CLERK, Role.HEAD}:
        raise engine.Refused(f"您不是{org.name}的经办人或负责人，不能为其立项规范性文件。")
    _refuse_without_basis(legal_basis)
    if replaces is not None:
        _refuse_bad_amendment(org, replaces)
    doc = Document.objects.create(
        org=org,
        title=title,
        legal_basis=legal_basis,
        text=text,
        market_related=market_related,
        replaces=replaces,
        created_by=user,
    )
    _snapshot(doc, "立项", user)
    search.index(doc)
    amends = f"（修改「{replaces.title}」）" if replaces is not None else ""
    audit.record(
        EventKind.CREATED,
        f"规范性文件立项「{title}」{amends}",
        actor=audit.Actor.of(user, request),
        chain=org.pk,
        subject=doc,
        data={"title": title, "replaces": replaces.pk if replaces is not None else None},
    )
    return doc


def _refuse_bad_amendment(org: Org, replaces: Document) -> None:
    """A document is amended by its own issuing body, while in force, one draft at a time."""
    if replaces.org_id != org.pk or replaces.state != State.IN_FORCE:
        raise engine.Refused("只能由制定机关修改其现行有效的规范性文件。", GUOBAN_37)
    pending = amendments_of(replaces).exclude(state__in=(*PUBLISHED_STATES, State.WITHDRAWN)).first()
    if pending is not None:
        raise engine.Refused(
            f"该文件已有修改稿正在办理（「{pending.title}」，{pending.get_state_display()}）。"
        )


def amendments_of(doc: Document):
    """The documents drafted to amend `doc`, the earliest first."""
    return Document.objects.filter(replaces=doc).order_by("pk")


@transaction.atomic
def edit_draft(doc, user, request=None, **fields):
    """Change the draft (立项 / 起草中); every save is kept as a version and audited."""
    locked = Document.objects.select_for_update().get(pk=doc.pk)
    if locked.state not in EDITABLE_STATES or not access.can_write(user, locked.org):
        raise engine.Refused("只有起草单位可以修改立项或起草中的文件。")
    _refuse_without_basis(fields.get("legal_basis", locked.legal_basis))
    before = {name: getattr(locked, name) for name in EDITABLE}
    for name in EDITABLE:
        if name in fields:
            setattr(locked, name, fields[name])
    locked.save()
    _snapshot(locked, "修改草案", user)
    search.index(locked)
    audit.record_edit(locked, before, audit.Actor.of(user, request))
    return locked


def _step(key, doc, user, data=None, *, effect=None, request=None, on=None):
    return engine.apply(PROCEDURE, doc, key, user, data, effect=effect, request=request, on=on)


def start_drafting(doc, user, *, request=None, on=None):
    return _step("draft", doc, user, request=request, on=on)


def consult(doc, user, *, opens_on, closes_on, request=None, on=None):
    """公开征求意见 on the portal; the period is recorded and checked before review."""

    def dates(locked):
        locked.consult_opens_on, locked.consult_closes_on = opens_on, closes_on
        try:  # the portal's comment page (core's public consultation)
            consultation.open_for(
                locked, title=f"{locked.title}（征求意见稿）", text=locked.text or locked.title,
                opens_on=opens_on, closes_on=closes_on, actor=user,
            )  # fmt: skip
        except consultation.ConsultationError as error:
            raise engine.Refused(str(error)) from None

    data = {"opens_on": opens_on, "closes_on": closes_on}
    return _step("consult", doc, user, data, effect=dates, request=request, on=on)


def review_orgs(doc) -> list[Org]:
    """Bodies that can review the document: orgs of its city (or province) with a reviewer
    (审核人), 司法 units first."""
    root = doc.org.ancestors().first()  # the city (or province) at the top of the tree
    orgs = root.subtree().filter(memberships__role=Role.REVIEWER, is_active=True)
    return sorted(set(orgs), key=lambda o: ("司法" not in o.name, o.path))


def submit_review(doc, user, *, review_org: Org, feedback: str = "", request=None, on=None):
    """提请合法性审核: a review record in the reviewing body's org, with its clock; the
    consultation, if still open on the portal, is closed with its 采纳情况 when given."""
    on = on or timezone.localdate()

    def open_review(locked):
        _close_consultation(locked, feedback, user)
        review = LegalityReview.objects.create(
            org=review_org, document=locked, document_org=locked.org, submitted_on=on, created_by=user
        )
        clocks.start(review, REVIEW.key, on)

    return _step(
        "submit_review",
        doc,
        user,
        {"review_org": review_org.name},
        effect=open_review,
        request=request,
        on=on,
    )


def _close_consultation(doc, feedback: str, user) -> None:
    """The portal consultation ends with its 采纳情况 published (国办发〔2018〕37号)."""
    found = consultation.of(doc)
    if found is None or found.state == "closed":
        return
    if not feedback.strip():
        raise engine.Refused("请填写意见采纳情况：征求意见结束时须在征求意见页面公布采纳情况。", GUOBAN_37)
    try:
        consultation.close(found, feedback=feedback, actor=user)
    except consultation.ConsultationError as error:
        raise engine.Refused(str(error), GUOBAN_37) from None


def fair_competition(doc, user, *, conclusion, request=None, on=None):
    on = on or timezone.localdate()

    def dated(locked):
        locked.fair_reviewed_on = on

    return _step(
        "fair_competition", doc, user, {"conclusion": conclusion}, effect=dated, request=request, on=on
    )


def conclude_review(review, user, *, outcome, opinion, rulings=(), request=None, on=None):
    """The 司法 unit's reviewer gives its opinion, ruling on each finding of the text check."""
    on = on or timezone.localdate()

    def dated(locked):
        locked.concluded_on, locked.rulings = on, list(rulings)

    data = {"outcome": outcome, "opinion": opinion}
    return engine.apply(
        REVIEW_PROCEDURE, review, "conclude", user, data, effect=dated, request=request, on=on
    )


def revise(doc, user, *, request=None, on=None):
    return _step("revise", doc, user, request=request, on=on)


def decide(doc, user, *, meeting, request=None, on=None):
    on = on or timezone.localdate()

    def dated(locked):
        locked.decided_on = on

    return _step("decide", doc, user, {"meeting": meeting}, effect=dated, request=request, on=on)


def issue(doc, user, *, request=None, on=None):
    """三统一: the register number and the 文号, issued only now (after the gates), gapless."""
    on = on or timezone.localdate()
    actor = audit.Actor.of(user, request)

    def numbers(locked):
        locked.register_number = numbering.issue(
            locked.org, REGISTER_SERIES, on.year, subject=locked, user=user, actor=actor
        ).text
        locked.number = numbering.issue(
            locked.org, DOC_SERIES, on.year, subject=locked, user=user, actor=actor
        ).text
        locked.issued_on = on

    return _step("issue", doc, user, effect=numbers, request=request, on=on)


def validity_end(doc, effective_on: datetime.date) -> datetime.date:
    """The last day of the 有效期: 5 years (暂行/试行 2) unless the jurisdiction sets otherwise."""
    rule = VALIDITY_PROVISIONAL if any(w in doc.title for w in PROVISIONAL_WORDS) else VALIDITY
    months = amount_for(rule, doc.org, effective_on)
    return workdays.nominal_end(effective_on, months, Unit.MONTHS) - datetime.timedelta(days=1)


@transaction.atomic
def publish(doc, user, *, interpretation, effective_on, request=None, on=None):
    """公布 with its 政策解读; the 备案 clock starts, the 有效期 is set from the 施行日期; the
    document it amends, if still in force, becomes 已修改 from that 施行日期."""
    on = on or timezone.localdate()

    def published(locked):
        locked.published_on = on
        locked.valid_until = validity_end(locked, effective_on)
        locked.filing_org = locked.org.parent
        _snapshot(locked, "公布", user)
        search.index(locked)

    data = {"interpretation": interpretation, "effective_on": effective_on}
    doc = _step("publish", doc, user, data, effect=published, request=request, on=on)
    if doc.replaces_id is not None:
        _amend_replaced(doc, user, request, on)
    return doc


def _amend_replaced(new: Document, user, request, on) -> None:
    old = Document.objects.get(pk=new.replaces_id)
    if old.state != State.IN_FORCE:
        return  # ended meanwhile (废止, 失效): nothing left to amend
    reason = f"由「{new.title}」（{new.number}）修改"
    amend(old, user, reason=reason, ends_on=max(new.effective_on, on), request=request, on=on)


def file(doc, user, *, filed_with, request=None, on=None):
    on = on or timezone.localdate()

    def dated(locked):
        locked.filed_on = on

    return _step("file", doc, user, {"filed_with": filed_with}, effect=dated, request=request, on=on)


def _end(key, doc, user, reason, request, on, ends_on=None):
    on = on or timezone.localdate()

    def dated(locked):
        locked.ended_on = ends_on or on

    data = {"reason": reason} if reason else {}
    return _step(key, doc, user, data, effect=dated, request=request, on=on)


def amend(doc, user, *, reason, ends_on=None, request=None, on=None):
    """已修改, once the document amending it is published (the gate); in force until the
    amending document's 施行日期 (`ends_on`), so "in force on a date" has no gap."""
    return _end("amend", doc, user, reason, request, on, ends_on)


def withdraw(doc, user, *, reason, request=None, on=None):
    """终止制定: the draft is abandoned with its reason; its portal consultation ends saying
    so, and a legality review still pending is withdrawn (its clock stopped)."""
    on = on or timezone.localdate()

    def abandon(locked):
        locked.ended_on = on
        found = consultation.of(locked)
        if found is not None:
            consultation.end_with_draft(found, reason=reason, actor=audit.Actor.of(user, request))
        pending = locked.reviews.filter(state=ReviewState.SUBMITTED)
        for review in pending:
            for clock in clocks.clocks_of(review).filter(state=ClockState.RUNNING):
                clocks.stop(clock, on)
        engine.apply_to_all(REVIEW_PROCEDURE, pending, "withdraw", on=on, actor=audit.Actor.of(user, request))

    return _step("withdraw", doc, user, {"reason": reason}, effect=abandon, request=request, on=on)


def repeal(doc, user, *, reason, request=None, on=None):
    return _end("repeal", doc, user, reason, request, on)


def expire(doc, user, *, request=None, on=None):
    on = on or timezone.localdate()
    return _end("expire", doc, user, "", request, on)


LAPSED_REASON = "有效期届满，自动失效"


def lapse_expired(today: datetime.date) -> int:
    """失效: every document in force whose 有效期 ended before `today`, marked 已失效 by the
    system in one UPDATE (run daily by `fazhi remind`), with one audit event per issuing org."""
    lapsed = Document.objects.filter(valid_until__lt=today)  # the 宣布失效 gate, in SQL
    changes = {"ended_on": today, "end_reason": LAPSED_REASON}
    return engine.apply_to_all(PROCEDURE, lapsed, "expire", on=today, changes=changes)


# --- 清理 ------------------------------------------------------------------------------------


@transaction.atomic
def start_cleanup(user, org: Org, *, title: str, on=None, request=None) -> CleanupCampaign:
    """A cleanup of every document in force in `org` and below on `on`."""
    on = on or timezone.localdate()
    if not access.roles_toward(user, org) & {Role.HEAD, Role.SUPERVISOR}:
        raise engine.Refused(f"清理由{org.name}的负责人或督察员组织。")
    campaign = CleanupCampaign.objects.create(org=org, title=title, started_on=on, created_by=user)
    docs = Document.objects.in_force_on(on).filter(org__in=org.subtree())
    CleanupEntry.objects.bulk_create(
        CleanupEntry(org_id=d.org_id, campaign=campaign, document=d, created_by=user) for d in docs
    )
    audit.record(
        EventKind.CREATED,
        f"开展规范性文件清理「{title}」，纳入现行有效文件{docs.count()}件",
        actor=audit.Actor.of(user, request),
        chain=org.pk,
        subject=campaign,
    )
    return campaign


@transaction.atomic
def record_cleanup(entry: CleanupEntry, user, *, decision: str, reason: str, on=None, request=None):
    on = on or timezone.localdate()
    if not access.can_write(user, entry.campaign.org) and not access.can_write(user, entry.org):
        raise engine.Refused("您不能记录这份文件的清理结果。")
    if decision not in (CleanupDecision.KEEP, CleanupDecision.AMEND, CleanupDecision.REPEAL):
        raise engine.Refused("清理结果须为继续有效、修改或废止。")
    if not reason.strip():
        raise engine.Refused("请说明清理理由。", None)
    locked = CleanupEntry.objects.select_for_update().get(pk=entry.pk)
    before = {"decision": locked.decision, "reason": locked.reason}
    locked.decision, locked.reason, locked.decided_on = decision, reason.strip(), on
    locked.save()
    audit.record_edit(locked, before, audit.Actor.of(user, request))
    return locked
