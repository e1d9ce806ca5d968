"""The procedure engine: a procedure is data; `apply` carries out one transition atomically.

A transition checks the actor's role toward the record's org, the fields it requires and
the gates of the law; then it changes the state, moves the clocks and appends the audit
event — all in one transaction. A refusal says in Chinese which rule refused it, with the
citation, and leaves one audit line saying so and nothing else.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone

from . import access, audit, clocks, notices, workdays
from .models import EventKind, NoticeKind, Role
from .rules import Citation


@dataclass(frozen=True)
class Gate:
    """A condition of the law that must hold before a transition (e.g. 合法性审查已完成)."""

    passes: Callable  # (record, data, on) -> bool
    message: str
    cite: Citation | None = None


@dataclass(frozen=True)
class ClockMove:
    action: str  # start | stop | pause | resume | restart | extend | set_due
    rule_key: str
    field: str = ""  # the data field that gives a due date, an amount or a reason


def Start(rule_key, due_from=""):  # noqa: N802 — reads like the law: Start("…")
    return ClockMove("start", rule_key, due_from)


def Stop(rule_key):  # noqa: N802
    return ClockMove("stop", rule_key)


def Pause(rule_key, reason_from):  # noqa: N802
    return ClockMove("pause", rule_key, reason_from)


def Resume(rule_key):  # noqa: N802
    return ClockMove("resume", rule_key)


def Restart(rule_key):  # noqa: N802
    return ClockMove("restart", rule_key)


def Extend(rule_key, amount_from):  # noqa: N802
    return ClockMove("extend", rule_key, amount_from)


def SetDue(rule_key, due_from):  # noqa: N802
    return ClockMove("set_due", rule_key, due_from)


@dataclass(frozen=True)
class Transition:
    key: str
    label: str  # the law's verb: 交办, 反馈, 办结
    source: tuple[str, ...]
    target: str
    roles: tuple[Role, ...]
    requires: dict[str, str] = field(default_factory=dict)  # data field -> Chinese label
    gates: tuple[Gate, ...] = ()
    clocks: tuple[ClockMove, ...] = ()
    cite: Citation | None = None
    help: str = ""
    awaited: bool = True  # the record waits for this step (False: an optional step, e.g. 延期)
    notify: tuple[str, ...] = ()  # record fields naming the orgs to tell (e.g. "assigner_org")
    writes: dict[str, str] = field(default_factory=dict)  # data field -> record field it fills


@dataclass(frozen=True)
class Procedure:
    name: str
    states: type[models.TextChoices]
    transitions: tuple[Transition, ...]

    def transition(self, key: str) -> Transition:
        for t in self.transitions:
            if t.key == key:
                return t
        raise KeyError(key)

    def from_state(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.source]

    def available(self, record, user) -> list[Transition]:
        roles = access.roles_toward(user, record.org)
        return [t for t in self.from_state(record.state) if roles & set(t.roles)]


class Refused(Exception):
    def __init__(self, message: str, cite: Citation | None = None):
        self.message, self.cite = message, cite
        super().__init__(f"{message}（依据：{cite}）" if cite else message)


def check(procedure: Procedure, t: Transition, record, user, data: dict, on: datetime.date) -> None:
    """Raise `Refused` naming the first rule the transition breaks."""
    if record.state not in t.source:
        state = procedure.states(record.state).label
        raise Refused(f"事项当前为「{state}」，不能「{t.label}」。", t.cite)
    if not access.roles_toward(user, record.org) & set(t.roles):
        names = "、".join(Role(r).label for r in t.roles)
        raise Refused(f"「{t.label}」只能由{names}办理，您在{record.org.name}没有该岗位。", t.cite)
    missing = [label for name, label in t.requires.items() if data.get(name) in (None, "", [])]
    if missing:
        raise Refused(f"「{t.label}」须填写：{'、'.join(missing)}。", t.cite)
    for gate in t.gates:
        if not gate.passes(record, data, on):
            raise Refused(gate.message, gate.cite)


def apply(
    procedure: Procedure,
    record,
    key: str,
    user,
    data: dict | None = None,
    *,
    effect: Callable | None = None,
    request=None,
    on: datetime.date | None = None,
):
    """Carry out transition `key` on `record`; returns the record as saved."""
    data, on = data or {}, on or timezone.localdate()
    actor = audit.Actor.of(user, request)
    try:
        t = procedure.transition(key)
    except KeyError:
        refusal = Refused(f"没有“{key}”这个办理环节。")
        _refused(procedure, Transition(key, key, (), "", ()), record, actor, refusal)
        raise refusal from None
    try:
        with transaction.atomic():
            return _apply_locked(procedure, t, record, user, data, effect, actor, on)
    except workdays.CalendarUnknown as unknown:
        _refused(procedure, t, record, actor, Refused(str(unknown)))
        raise Refused(str(unknown)) from unknown
    except Refused as refusal:
        _refused(procedure, t, record, actor, refusal)
        raise


def _apply_locked(procedure, t, record, user, data, effect, actor, on):
    locked = type(record).objects.select_for_update().select_related("org").get(pk=record.pk)
    check(procedure, t, locked, user, data, on)
    before = locked.state
    locked.state = t.target
    for name, record_field in t.writes.items():
        setattr(locked, record_field, data[name])
    if effect is not None:
        effect(locked)
    locked.save()
    moved = [_move(m, locked, data, on) for m in t.clocks]
    notices.tell(
        [getattr(locked, name) for name in t.notify],
        NoticeKind.STEP,
        f"{procedure.name}已{t.label}（{actor.name}）",
        locked,
    )
    audit.record(
        EventKind.TRANSITION,
        f"{t.label}：{procedure.states(before).label} → {procedure.states(t.target).label}",
        actor=actor,
        chain=locked.org_id,
        subject=locked,
        data={
            "transition": t.key,
            "from": before,
            "to": t.target,
            "on": on,
            "fields": {k: data.get(k) for k in t.requires},
            "clocks": moved,
        },
    )
    return locked


def apply_to_all(
    procedure: Procedure,
    records: models.QuerySet,
    key: str,
    *,
    on: datetime.date,
    changes: dict | None = None,
    actor: audit.Actor = audit.SYSTEM,
) -> int:
    """Transition `key` taken by the system itself on every record of `records` still in one
    of its source states (e.g. 有效期届满 → 已失效): one UPDATE, and one audit event per org
    chain naming the records, in one transaction. No one acts, so no role is checked and
    `records` must already select what the gates require; no clock moves, no one is told."""
    t = procedure.transition(key)
    if t.clocks or t.notify:
        raise ValueError(f"{key}: a transition taken on all records at once moves no clock")
    with transaction.atomic():
        chosen = records.filter(state__in=t.source).order_by()
        by_org: dict[int, list[int]] = {}
        for pk, org_id in chosen.select_for_update().values_list("pk", "org_id"):
            by_org.setdefault(org_id, []).append(pk)
        chosen.update(state=t.target, **_touched(records.model), **(changes or {}))
        for org_id, ids in by_org.items():
            _record_all(procedure, t, org_id, sorted(ids), actor, on)
    return sum(len(ids) for ids in by_org.values())


def _touched(model) -> dict:
    """`updated_at` moved as save() moves it (an UPDATE skips auto_now): what reads a
    register's last change (core/pagecache.py) sees this one too."""
    names = {f.name for f in model._meta.concrete_fields}
    return {"updated_at": timezone.now()} if "updated_at" in names else {}


def _record_all(procedure, t: Transition, org_id: int, ids: list[int], actor, on) -> None:
    target = procedure.states(t.target).label
    audit.record(
        EventKind.TRANSITION,
        f"{t.label}：{len(ids)}件{procedure.name} → {target}（{actor.name}）",
        actor=actor,
        chain=org_id,
        data={"transition": t.key, "from": list(t.source), "to": t.target, "on": on, "records": ids},
    )


def _move(move: ClockMove, record, data: dict, on: datetime.date) -> dict:
    if move.action == "start":
        clock = clocks.start(record, move.rule_key, on, due_on=data.get(move.field))
        return {"rule": move.rule_key, "action": "start", "due_on": clock.due_on}
    clock = clocks.clocks_of(record).filter(rule_key=move.rule_key).exclude(state="stopped").first()
    if clock is None and move.action == "stop":
        return {"rule": move.rule_key, "action": "stop", "absent": True}  # e.g. only one kind ran
    before = clock.due_on
    {
        "stop": lambda: clocks.stop(clock, on),
        "pause": lambda: clocks.pause(clock, on, str(data.get(move.field, ""))),
        "resume": lambda: clocks.resume(clock, on),
        "restart": lambda: clocks.restart(clock, on),
        "extend": lambda: clocks.extend(clock, int(data[move.field])),
        "set_due": lambda: clocks.set_due(clock, data[move.field]),
    }[move.action]()
    return {"rule": move.rule_key, "action": move.action, "from": before, "due_on": clock.due_on}


def _refused(procedure, t, record, actor, refusal: Refused) -> None:
    audit.record(
        EventKind.REFUSED,
        f"拒绝「{t.label}」：{refusal.message}"[:300],
        actor=actor,
        chain=record.org_id,
        subject=record,
        data={"transition": t.key, "state": record.state, "cite": str(refusal.cite or "")},
    )


def todo_filter(procedure: Procedure, user) -> models.Q:
    """Records on which `user` can take a step now: a state a transition leaves from, in an
    org toward which the user holds one of that transition's roles."""
    q = models.Q(pk__in=[])
    for t in (t for t in procedure.transitions if t.awaited):
        q |= models.Q(state__in=t.source, org__in=access.orgs_with_role(user, t.roles).values("pk"))
    return q
