"""公开征求意见, the only code that changes a `Consultation` and its comments.

Used by every system whose procedure consults the public (重大行政决策 第十四条、第十五条;
规范性文件). The subject is any record with an `org`; a consultation is found again by the
subject's label and id (`of`). Every change appends an audit event to the subject's org chain.
Staff decide and hide comments through `decide_as` / `hide_as`, which check who may.
"""

import datetime
import hashlib
import re

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import access, audit
from .engine import Refused
from .models import Comment, Consultation, ConsultationState, EventKind, Role
from .rules import Citation

# Who answers the public's comments: the drafting unit's 经办人 and 负责人.
ANSWERERS = (Role.CLERK, Role.HEAD)
# subject_type ("app.model") -> the article a system's consultations rest on, cited in refusals
CITATIONS: dict[str, Citation] = {}

BODY_MAX = 2000
# C0/C1 control characters but tab and newline; carriage returns become newlines.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


class ConsultationError(Refused, ValueError):
    """A refusal in Chinese, for the form or the service caller to show as it is; a `Refused`,
    so a staff screen that shows refusals as messages shows these too."""


def _actor(actor) -> audit.Actor:
    if isinstance(actor, audit.Actor):
        return actor
    return audit.Actor.of(actor)


def _log(kind, summary: str, consultation: Consultation, actor, data: dict | None = None) -> None:
    audit.record(
        kind, summary, actor=_actor(actor), chain=consultation.org_id, subject=consultation, data=data
    )


def register_citation(subject_type: str, cite: Citation) -> None:
    CITATIONS[subject_type] = cite


def of(subject) -> Consultation | None:
    """The subject's latest consultation, if it had one."""
    return (
        Consultation.objects.filter(subject_type=subject._meta.label_lower, subject_id=subject.pk)
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def open_for(
    subject, *, title: str, text: str, opens_on: datetime.date, closes_on: datetime.date, actor
) -> Consultation:
    """Publish the draft `text` for comment from `opens_on` to `closes_on` (both included)."""
    if closes_on < opens_on:
        raise ConsultationError("征求意见截止日期不能早于开始日期。")
    if not (title or "").strip() or not (text or "").strip():
        raise ConsultationError("请填写征求意见稿的标题和正文。")
    consultation = Consultation.objects.create(
        org_id=subject.org_id,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        title=title.strip()[:200],
        text=text,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _log(
        EventKind.CREATED,
        f"公开征求意见「{consultation.title}」：{opens_on}至{closes_on}",
        consultation,
        actor,
        {
            "opens_on": opens_on,
            "closes_on": closes_on,
            "subject": f"{consultation.subject_type}:{subject.pk}",
        },
    )
    return consultation


def clean_body(body: str) -> str:
    text = CONTROL.sub("", (body or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise ConsultationError("请填写意见内容。")
    if len(text) > BODY_MAX:
        raise ConsultationError(f"意见内容不能超过{BODY_MAX}字（现有{len(text)}字），请精简后再提交。")
    return text


def ip_hash(ip: str | None) -> str:
    """Enough to see one address sending many comments, without keeping the address."""
    if not ip:
        return ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()


@transaction.atomic
def comment(
    consultation: Consultation, *, body: str, name: str = "", contact: str = "", ip=None, on=None
) -> Comment:
    """A comment from the public, accepted only while the consultation is open today (`on`)."""
    today = on or timezone.localdate()
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not locked.is_open_on(today):
        raise ConsultationError(
            f"该征求意见稿的意见征集期为{locked.opens_on}至{locked.closes_on}，现在不在征集期内，不能提交意见。"
        )
    text = clean_body(body)
    made = Comment.objects.create(
        consultation=locked,
        org_id=locked.org_id,
        body=text,
        name=CONTROL.sub("", (name or "").strip())[:100],
        contact=CONTROL.sub("", (contact or "").strip())[:100],
        ip_hash=ip_hash(ip),
    )
    # The trail records that a comment came, not who sent it (personal data stays in one row).
    _log(
        EventKind.CREATED,
        f"收到公众意见（第{made.pk}号）",
        locked,
        audit.Actor(None, "公众"),
        {"comment": made.pk},
    )
    return made


@transaction.atomic
def decide(comment: Comment, *, adopted: bool, reply: str, actor) -> Comment:
    """Record whether a comment is adopted (采纳) and the staff's answer; a comment not
    adopted needs its reason, which the published 采纳情况 gives."""
    reply = CONTROL.sub("", (reply or "").strip())[:2000]
    if not adopted and not reply:
        raise ConsultationError("不予采纳的意见须说明理由。")
    locked = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    before = {"adopted": locked.adopted, "reply": locked.reply}
    locked.adopted, locked.reply = bool(adopted), reply
    locked.save(update_fields=["adopted", "reply"])
    verdict = "采纳" if locked.adopted else "不予采纳"
    _log(
        EventKind.EDITED,
        f"第{locked.pk}号公众意见：{verdict}",
        locked.consultation,
        actor,
        {"comment": locked.pk, "before": before, "after": {"adopted": locked.adopted, "reply": locked.reply}},
    )
    return locked


@transaction.atomic
def hide(comment: Comment, *, actor, hidden: bool = True) -> Comment:
    """Spam or abuse: kept, but neither counted nor shown."""
    locked = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    locked.hidden = hidden
    locked.save(update_fields=["hidden"])
    summary = f"第{locked.pk}号公众意见{'屏蔽' if hidden else '恢复'}"
    _log(EventKind.EDITED, summary, locked.consultation, actor, {"comment": locked.pk, "hidden": hidden})
    return locked


def _require_answerer(user, consultation: Consultation, what: str) -> None:
    if not access.roles_toward(user, consultation.org) & set(ANSWERERS):
        names = "、".join(Role(r).label for r in ANSWERERS)
        cite = CITATIONS.get(consultation.subject_type)
        raise ConsultationError(f"「{what}」只能由{consultation.org.name}的{names}办理。", cite)


def decide_as(user, comment: Comment, *, adopted: bool, reply: str, request=None) -> Comment:
    """`decide` by a member of staff: the drafting unit's 经办人 or 负责人, while the
    consultation is open (its 采纳情况, once published, is not rewritten)."""
    _require_open_answerer(user, comment.consultation, "处理公众意见")
    return decide(comment, adopted=adopted, reply=reply, actor=audit.Actor.of(user, request))


def hide_as(user, comment: Comment, *, hidden: bool = True, request=None) -> Comment:
    """`hide` (or show again) by the drafting unit's 经办人 or 负责人, while the consultation
    is open: the published 采纳情况 counts the comments as they stood on closing."""
    _require_open_answerer(user, comment.consultation, "屏蔽公众意见")
    return hide(comment, actor=audit.Actor.of(user, request), hidden=hidden)


def _require_open_answerer(user, found: Consultation, action: str) -> None:
    _require_answerer(user, found, action)
    if found.state == ConsultationState.CLOSED:
        raise ConsultationError(
            "征求意见已经结束，采纳情况已公布，不能再修改。", CITATIONS.get(found.subject_type)
        )


def undecided(consultation: Consultation):
    """Comments received (not hidden as spam) with no decision yet, or not adopted without a reason."""
    return consultation.comments.filter(hidden=False).filter(
        Q(adopted__isnull=True) | Q(adopted=False, reply="")
    )


def _refuse_undecided(consultation: Consultation) -> None:
    # 采纳情况 published on close must answer every comment received.
    numbers = list(undecided(consultation).order_by("pk").values_list("pk", flat=True)[:11])
    if numbers:
        shown = "、".join(f"第{n}号" for n in numbers[:10]) + ("等" if len(numbers) > 10 else "")
        raise ConsultationError(
            f"还有公众意见未作处理（{shown}）：每条意见须决定采纳或不予采纳（不予采纳的须说明理由）后，"
            "才能结束征求意见并公布采纳情况。"
        )


@transaction.atomic
def close(consultation: Consultation, *, feedback: str, actor) -> Consultation:
    """End the consultation and publish the 采纳情况 (how the comments were used)."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.state == ConsultationState.CLOSED:
        raise ConsultationError("该征求意见已经结束。")
    _refuse_undecided(locked)
    feedback = CONTROL.sub("", (feedback or "").replace("\r\n", "\n")).strip()
    if not feedback:
        raise ConsultationError("结束征求意见须填写并公布意见采纳情况。")
    locked.state, locked.feedback, locked.closed_on = ConsultationState.CLOSED, feedback, timezone.localdate()
    locked.save(update_fields=["state", "feedback", "closed_on", "updated_at"])
    _log(
        EventKind.TRANSITION,
        f"结束公开征求意见并公布采纳情况「{locked.title}」",
        locked,
        actor,
        {"feedback": feedback, **locked.counts()},
    )
    return locked


def end_with_draft(consultation: Consultation, *, reason: str, actor) -> Consultation:
    """The draft is abandoned (终止制定): the consultation ends and its page says so, with
    the reason; the comments need no answer, as nothing will be made of the draft."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.state == ConsultationState.CLOSED:
        return locked
    feedback = f"本草案已终止制定，不再出台。理由：{CONTROL.sub('', reason).strip()}"
    locked.state, locked.feedback, locked.closed_on = ConsultationState.CLOSED, feedback, timezone.localdate()
    locked.save(update_fields=["state", "feedback", "closed_on", "updated_at"])
    _log(
        EventKind.TRANSITION,
        f"草案终止制定，结束公开征求意见「{locked.title}」",
        locked,
        actor,
        {"feedback": feedback},
    )
    return locked


def comments_received(subject_type: str):
    """The base of a system's comment figures: comments on its consultations received within
    a scope's days, spam hidden by staff not counted (`Count(comments_received(label), …)`)."""

    def within(scope):
        return Comment.objects.filter(
            scope.org_filter(),
            scope.moments("created_at"),
            consultation__subject_type=subject_type,
            hidden=False,
        )

    return within
