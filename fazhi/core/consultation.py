"""公开征求意见, the only code that changes a `Consultation` and its comments.

Used by every system whose procedure consults the public (重大行政决策 第十四条、第十五条;
规范性文件). The subject is any record with an `org`; a consultation is found again by the
subject's label and id (`of`). Every change appends an audit event to the subject's org chain.
"""

import datetime
import hashlib
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import audit
from .models import Comment, Consultation, ConsultationState, EventKind

BODY_MAX = 2000
# C0/C1 control characters but tab and newline; carriage returns become newlines.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


class ConsultationError(ValueError):
    """A refusal in Chinese, for the form or the service caller to show as it is."""


def _actor(actor) -> audit.Actor:
    if isinstance(actor, audit.Actor):
        return actor
    return audit.Actor.of(actor)


def _log(kind, summary: str, consultation: Consultation, actor, data: dict | None = None) -> None:
    audit.record(
        kind, summary, actor=_actor(actor), chain=consultation.org_id, subject=consultation, data=data
    )


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
    """Record whether a comment is adopted (采纳) and the staff's answer."""
    locked = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    before = {"adopted": locked.adopted, "reply": locked.reply}
    locked.adopted, locked.reply = bool(adopted), CONTROL.sub("", (reply or "").strip())[:2000]
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


@transaction.atomic
def close(consultation: Consultation, *, feedback: str, actor) -> Consultation:
    """End the consultation and publish the 采纳情况 (how the comments were used)."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.state == ConsultationState.CLOSED:
        raise ConsultationError("该征求意见已经结束。")
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
