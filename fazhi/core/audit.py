"""Appending to and verifying the hash-chained audit trail."""

import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import AuditEvent, AuditHead, EventKind

GENESIS = "0" * 64
SYSTEM_CHAIN = 0


@dataclass(frozen=True)
class Actor:
    """Who did it and from where; `None` fields for the system itself."""

    user_id: int | None = None
    name: str = "系统"
    ip: str | None = None

    @classmethod
    def of(cls, user, request=None) -> "Actor":
        if user is None or not user.is_authenticated:
            return cls(None, "公众", client_ip(request))
        return cls(user.pk, user.get_full_name() or user.username, client_ip(request))


SYSTEM = Actor()


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def plain(data: dict) -> dict:
    """Dates, decimals and the like as JSON strings, so the stored value hashes the same."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def digest(event: AuditEvent) -> str:
    body = {
        "chain": event.chain,
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "ip": event.ip,
        "kind": event.kind,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "summary": event.summary,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _locked_head(chain: int) -> AuditHead:
    try:
        return AuditHead.objects.select_for_update().get(chain=chain)
    except AuditHead.DoesNotExist:
        try:
            with transaction.atomic():
                return AuditHead.objects.create(chain=chain, count=0, last_hash=GENESIS)
        except IntegrityError:  # another writer created it first
            return AuditHead.objects.select_for_update().get(chain=chain)


@transaction.atomic
def record(
    kind,
    summary: str,
    *,
    actor: Actor = SYSTEM,
    chain: int = SYSTEM_CHAIN,
    subject=None,
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to `chain` (an org id) and move the chain's head, in one transaction."""
    head = _locked_head(chain)
    event = AuditEvent(
        chain=chain,
        seq=head.count + 1,
        at=timezone.now(),
        actor_id=actor.user_id,
        actor_name=actor.name,
        ip=actor.ip,
        kind=kind,
        summary=summary[:300],
        data=plain(data or {}),
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        prev_hash=head.last_hash,
    )
    event.hash = digest(event)
    event.save()
    AuditHead.objects.filter(chain=chain).update(count=event.seq, last_hash=event.hash)
    return event


def record_edit(subject, before: dict, actor: Actor = SYSTEM) -> AuditEvent | None:
    """Record an edit of `subject` with each changed field's value before and after."""
    changes = {k: [v, getattr(subject, k)] for k, v in before.items() if getattr(subject, k) != v}
    if not changes:
        return None
    labels = {k: str(subject._meta.get_field(k).verbose_name) for k in changes}
    shown = [[labels[k], old, new] for k, (old, new) in changes.items()]
    return record(
        EventKind.EDITED,
        f"修改{'、'.join(labels.values())}",
        actor=actor,
        chain=subject.org_id,
        subject=subject,
        data={"changes": changes, "shown": shown},
    )


@dataclass(frozen=True)
class Verdict:
    checked: int
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None


def verify() -> Verdict:
    """Walk every chain; name the first event that was changed, removed or cut off."""
    heads = {h.chain: h for h in AuditHead.objects.all()}
    chains = set(heads) | set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    checked = 0
    for chain in sorted(chains):
        count, problem = _verify_chain(chain, heads.get(chain))
        checked += count
        if problem:
            return Verdict(checked, problem)
    return Verdict(checked)


def _verify_chain(chain: int, head: AuditHead | None) -> tuple[int, str | None]:
    seq, prev = 0, GENESIS
    events = AuditEvent.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=5000)
    for event in events:
        if problem := _check_event(event, seq + 1, prev):
            return seq, problem
        seq, prev = seq + 1, event.hash
    return seq, _check_tail(head, chain, seq, prev)


def _check_event(event: AuditEvent, expected_seq: int, prev: str) -> str | None:
    if event.seq != expected_seq:
        return (
            f"审计链 {event.chain} 缺少第 {expected_seq} 条事件（被删除），"
            f"下一条是第 {event.seq} 条（编号 {event.pk}）。"
        )
    if event.prev_hash != prev or digest(event) != event.hash:
        return f"审计链 {event.chain} 第 {event.seq} 条事件（编号 {event.pk}，{event.summary}）被改动。"
    return None


def _check_tail(head: AuditHead | None, chain: int, last_seq: int, last_hash: str) -> str | None:
    if head is None:
        return f"审计链 {chain} 的链头记录缺失。"
    if head.count != last_seq or head.last_hash != last_hash:
        return f"审计链 {chain} 末尾的事件被删除：链头记录 {head.count} 条，实际只有 {last_seq} 条。"
    return None
