"""主动公开: the law's verbs, each one engine transition (see ../procedure.py, the section
"proactive publication").

The unit's staff draft, submit, publish and withdraw: transitions on the item. Each stage
of the 保密审查 passes or sends the item back: a transition on that stage's review record,
held by the org in which the reviewer's post sits; the item follows in the same transaction.
The reads at the end decide which items a reviewer above the unit may open.
"""

import datetime

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access, audit, clocks, engine, workdays, worklist
from fazhi.core.models import AuditEvent, EventKind, Org, Role

from ..models import PublicationItem, PublicationReview, ReviewConfig
from ..procedure import (
    DEFAULT_REVIEW,
    PUBLICATION,
    PUBLICATION_PROCEDURE,
    PUBLISHERS,
    REVIEW_ROLES,
    SECRECY_REVIEW,
    SINCE,
    PublicationState,
    ReviewScheme,
    ReviewState,
    art,
    stage_procedure,
)

EDITABLE = ("title", "category", "document_number", "body", "formed_on")


# --- which review applies ----------------------------------------------------------------


def scheme_for(org: Org) -> tuple[ReviewScheme, Org | None]:
    """The review configured for `org` or for the nearest org above it; else the default."""
    config = ReviewConfig.objects.filter(org__in=org.ancestors()).order_by("-org__path").first()
    return (config.scheme(), config.org) if config else (DEFAULT_REVIEW, None)


def schemes_for(orgs) -> list[dict]:
    """Each org with the review that applies to it and whether it is the org's own."""
    configs = sorted(ReviewConfig.objects.select_related("org"), key=lambda c: -len(c.org.path))
    rows = []
    for org in orgs:
        config = next((c for c in configs if org.path.startswith(c.org.path)), None)
        scheme, origin = (config.scheme(), config.org) if config else (DEFAULT_REVIEW, None)
        label = scheme_label(scheme, origin)
        rows.append({"org": org, "label": label, "own": origin == org, "default": origin is None})
    return rows


def scheme_label(scheme: ReviewScheme, origin: Org | None) -> str:
    where = f"{origin.name}的配置" if origin else "平台默认配置"
    return f"{where}「{scheme.name}」：{' → '.join(s.name for s in scheme.stages)}"


@transaction.atomic
def configure(org: Org, user, *, name: str, basis: str, stages: list[dict], http=None) -> ReviewConfig:
    """A jurisdiction's own stages, for its org and everything below; items already in
    review keep the stages they were submitted with (一事一审)."""
    _check_admin(user, org)
    config, _ = ReviewConfig.objects.update_or_create(
        org=org, defaults={"name": name, "basis": basis, "stages": stages, "updated_by": user}
    )
    summary = f"设置保密审查配置「{name}」：{' → '.join(s['name'] for s in stages)}"
    audit.record(
        EventKind.EDITED,
        summary,
        actor=audit.Actor.of(user, http),
        chain=org.pk,
        subject=config,
        data={"stages": stages, "basis": basis},
    )
    return config


@transaction.atomic
def unconfigure(org: Org, user, *, http=None) -> None:
    """Drop the org's own stages: the configuration above it (or the default) applies again."""
    _check_admin(user, org)
    deleted, _ = ReviewConfig.objects.filter(org=org).delete()
    if deleted:
        actor = audit.Actor.of(user, http)
        audit.record(EventKind.EDITED, "删除本级保密审查配置", actor=actor, chain=org.pk)


def _check_admin(user, org: Org) -> None:
    if Role.ADMIN not in access.roles_toward(user, org):
        raise engine.Refused(f"只有{org.name}或其上级机关的管理员可以设置保密审查配置。")


# --- drafting ----------------------------------------------------------------------------


@transaction.atomic
def create_draft(org: Org, user, *, http=None, **fields) -> PublicationItem:
    """登记 information to publish; its 20 working days run from the day it was formed."""
    _check_publisher(user, org)
    _check_formed_on(fields["formed_on"])
    item = PublicationItem.objects.create(org=org, created_by=user, **fields)
    _start_clock(item)
    audit.record(
        EventKind.CREATED,
        f"登记主动公开信息「{item.title}」",
        actor=audit.Actor.of(user, http),
        chain=org.pk,
        subject=item,
        data={"category": item.category, "formed_on": item.formed_on},
    )
    return item


@transaction.atomic
def edit_draft(item: PublicationItem, user, *, http=None, **fields) -> PublicationItem:
    """Change a draft; the trail keeps each field before and after. A corrected formed date
    counts the 20 working days again from the corrected date."""
    locked = _editable(item, user, fields["formed_on"])
    before = {name: getattr(locked, name) for name in EDITABLE}
    for name in EDITABLE:
        setattr(locked, name, fields[name])
    locked.save()
    if locked.formed_on != before["formed_on"]:
        _recount(locked)
    audit.record_edit(locked, before, audit.Actor.of(user, http))
    return locked


def _editable(item, user, formed_on: datetime.date) -> PublicationItem:
    locked = PublicationItem.objects.select_for_update().select_related("org").get(pk=item.pk)
    if locked.state != PublicationState.DRAFT:
        raise engine.Refused("只有草稿可以修改：审查中的信息须先退回修改。", SECRECY_REVIEW)
    _check_publisher(user, locked.org)
    _check_formed_on(formed_on)
    return locked


def _check_publisher(user, org: Org) -> None:
    if not access.roles_toward(user, org) & set(PUBLISHERS):
        raise engine.Refused(f"只有{org.name}的经办人或负责人可以登记、修改主动公开信息。")


def _check_formed_on(day: datetime.date) -> None:
    if day > timezone.localdate():
        raise engine.Refused("形成或变更日期不能晚于今天。", art("第二十六条"))
    if day < SINCE:
        raise engine.Refused("形成日期早于《条例》2019年5月15日修订施行之日，本期限不适用。")


def _start_clock(item: PublicationItem) -> None:
    """第二十六条: 自该政府信息形成或者变更之日起20个工作日内 — that day itself not counted."""
    try:
        clocks.start(item, PUBLICATION.key, item.formed_on)
    except workdays.CalendarUnknown as unknown:
        raise engine.Refused(str(unknown)) from unknown


def _recount(item: PublicationItem) -> None:
    for clock in clocks.clocks_of(item).exclude(state="stopped"):
        clocks.stop(clock, timezone.localdate())
    _start_clock(item)


# --- the unit's steps ----------------------------------------------------------------------


def submit(item: PublicationItem, user, *, http=None, on=None) -> PublicationItem:
    """提交保密审查: a new round with the stages that apply now, the first one open."""
    scheme, origin = scheme_for(item.org)

    def open_round(locked):
        locked.review_round += 1
        locked.review_stage = 0
        locked.review_scheme = scheme_label(scheme, origin)
        _open_reviews(locked, scheme, user)

    data = {"scheme": scheme}
    return _step("submit", item, user, data, effect=open_round, http=http, on=on)


def _open_reviews(item: PublicationItem, scheme: ReviewScheme, user) -> None:
    PublicationReview.objects.bulk_create(
        PublicationReview(
            item=item,
            org=stage.org_for(item.org),
            round=item.review_round,
            stage=number,
            name=stage.name,
            role=stage.role,
            state=ReviewState.PENDING if number == 1 else ReviewState.QUEUED,
            created_by=user,
        )
        for number, stage in enumerate(scheme.stages, start=1)
    )


def publish(item: PublicationItem, user, *, http=None, on=None) -> PublicationItem:
    """发布: the day it is published is its publication date; the clock stops."""
    day = on or timezone.localdate()
    return _step("publish", item, user, effect=lambda i: setattr(i, "published_on", day), http=http, on=on)


def withdraw(item: PublicationItem, user, *, reason: str, http=None, on=None) -> PublicationItem:
    """撤回: off the portal; the reason stays in the record and in the trail."""
    day = on or timezone.localdate()

    def off_the_portal(locked):
        locked.withdrawn_on = day

    return _step("withdraw", item, user, {"reason": reason}, effect=off_the_portal, http=http, on=on)


def _step(key, item, user, data=None, *, effect=None, http=None, on=None):
    return engine.apply(PUBLICATION_PROCEDURE, item, key, user, data, effect=effect, request=http, on=on)


# --- the reviewers' steps ------------------------------------------------------------------


def approve(item, user, *, stage: int, opinion: str = "", http=None, on=None) -> PublicationItem:
    """审查通过: the next stage opens; after the last one the item may be published."""
    day = on or timezone.localdate()

    def passed(review):
        _decided(review, user, day)
        opened = _following(review).update(state=ReviewState.PENDING)
        state = PublicationState.IN_REVIEW if opened else PublicationState.REVIEWED
        _item_follows(review, state=state, review_stage=review.stage)

    return _decide(item, stage, "approve", user, {"opinion": opinion}, passed, http, on)


def send_back(item, user, *, stage: int, reason: str, http=None, on=None) -> PublicationItem:
    """退回修改: the round ends; once revised and submitted again, review starts at stage one."""
    day = on or timezone.localdate()

    def returned(review):
        _decided(review, user, day)
        _later(review).update(state=ReviewState.CANCELLED)
        _item_follows(review, state=PublicationState.DRAFT, review_stage=0)

    return _decide(item, stage, "send_back", user, {"reason": reason}, returned, http, on)


def _decide(item, stage, key, user, data, effect, http, on) -> PublicationItem:
    review = _review(item, stage, user, http)
    procedure = stage_procedure(review.stage, review.name, review.role)
    engine.apply(procedure, review, key, user, data, effect=effect, request=http, on=on)
    return PublicationItem.objects.select_related("org").get(pk=item.pk)


def _review(item, stage: int, user, http) -> PublicationReview:
    """Stage `stage` of the item's current round, or a refusal (recorded) if it has none."""
    current = PublicationItem.objects.select_related("org").get(pk=item.pk)
    review = current.current_reviews().filter(stage=stage).first()
    if review is None or current.state not in (PublicationState.IN_REVIEW, PublicationState.REVIEWED):
        label = PublicationState(current.state).label
        _refuse(current, user, f"该信息当前为「{label}」，没有待审的第{stage}审。", http)
    return review


def _refuse(item, user, message: str, http) -> None:
    audit.record(
        EventKind.REFUSED,
        f"拒绝「保密审查」：{message}",
        actor=audit.Actor.of(user, http),
        chain=item.org_id,
        subject=item,
        data={"state": item.state, "cite": str(SECRECY_REVIEW)},
    )
    raise engine.Refused(message, SECRECY_REVIEW)


def _decided(review: PublicationReview, user, day: datetime.date) -> None:
    review.decided_by, review.decided_on = user, day


def _following(review):
    return PublicationReview.objects.filter(
        item_id=review.item_id, round=review.round, stage=review.stage + 1
    )


def _later(review):
    return PublicationReview.objects.filter(
        item_id=review.item_id, round=review.round, state=ReviewState.QUEUED
    )


def _item_follows(review: PublicationReview, **fields) -> None:
    """The item moves with its review, provided it is still in that round of review."""
    moved = PublicationItem.objects.filter(
        pk=review.item_id, state=PublicationState.IN_REVIEW, review_round=review.round
    ).update(updated_at=timezone.now(), **fields)
    if not moved:
        raise engine.Refused("该信息已不在这一轮保密审查中。", SECRECY_REVIEW)


# --- reads ---------------------------------------------------------------------------------
#
# The access module lets staff read their own org's records and supervisors the orgs below.
# A 分管领导 or 保密审查员 in the government above is neither: what lets them open an item
# is the review record in their own org, for a post they hold. So a reviewer reads exactly
# the items whose review names one of their posts — no org above reads a unit's drafts.


def assigned_reviews(user):
    """Review records held by an org in which the user holds that stage's post."""
    posts = Q(pk__in=[])
    for role in REVIEW_ROLES:
        posts |= Q(role=role, org__in=access.orgs_with_role(user, {role}).values("pk"))
    return PublicationReview.objects.visible_to(user).filter(posts)


def waiting_for(user):
    """待我审查: the stages the user can decide now."""
    return assigned_reviews(user).filter(state=ReviewState.PENDING)


def readable_items(user):
    """What the access module shows the user, and the items whose review includes its posts."""
    own = PublicationItem.objects.visible_to(user).values("pk")
    reviewing = assigned_reviews(user).values("item_id")
    return PublicationItem.objects.filter(Q(pk__in=own) | Q(pk__in=reviewing))


def with_light(items, today: datetime.date, line: datetime.date | None = None):
    """Each item with its publication clock's `due_on`, `clock_state` and `light`."""
    return clocks.with_clock_light(items, today, PUBLICATION.key, line)


def with_waiting_stage(items):
    """Each item with the name of the stage of its current round now waiting (`waiting_name`)."""
    pending = PublicationReview.objects.filter(
        item=OuterRef("pk"), round=OuterRef("review_round"), state=ReviewState.PENDING
    )
    return items.annotate(waiting_name=Subquery(pending.values("name")[:1]))


def current_review(item: PublicationItem) -> PublicationReview | None:
    return item.current_reviews().filter(state=ReviewState.PENDING).select_related("org").first()


def trail(item: PublicationItem):
    """The item's audit events and those of its review records, in the order they happened."""
    reviews = item.reviews.values("pk")
    return AuditEvent.objects.filter(
        Q(subject_type="disclosure.publicationitem", subject_id=item.pk)
        | Q(subject_type="disclosure.publicationreview", subject_id__in=reviews)
    ).order_by("at", "pk")


OPEN = (PublicationState.DRAFT, PublicationState.IN_REVIEW, PublicationState.REVIEWED)


def worklist_rows(user, today: datetime.date) -> list:
    """Home-page rows: the unit's open items, and the stages waiting for the user's review."""
    items = with_light(readable_items(user), today)
    todo = set(items.filter(engine.todo_filter(PUBLICATION_PROCEDURE, user)).values_list("pk", flat=True))
    todo |= set(waiting_for(user).values_list("item_id", flat=True))
    rows = items.filter(Q(state__in=OPEN) | Q(pk__in=todo)).select_related("org").order_by("-pk")[:200]
    return [_row(i, i.pk in todo) for i in rows]


def _row(item, todo: bool) -> worklist.Row:
    url = reverse("disclosure:item", args=[item.pk])
    state = item.get_state_display()
    return worklist.Row("主动公开", item.title, url, item.org.name, state, item.light, item.due_on, todo)
