"""The only code that changes 督办事项: the law's verbs, each one engine transition."""

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import access, audit, engine, numbering
from fazhi.core.models import EventKind, Org, Role

from .models import SupervisionItem
from .procedure import NOTICE_SERIES, PROCEDURE, State


class NotAllowed(Exception):
    pass


def assigner_org_for(user, org: Org) -> Org:
    """The org in whose name the user supervises `org`: its nearest supervisor membership."""
    orgs = [m.org for m in access.memberships(user) if m.role == Role.SUPERVISOR and org.is_within(m.org)]
    if not orgs:
        raise NotAllowed(f"您不是{org.name}的上级督察员，不能向其交办督办事项。")
    return max(orgs, key=lambda o: len(o.path))


@transaction.atomic
def draft(user, org: Org, *, title: str, requirement: str, source: str, request=None):
    item = SupervisionItem.objects.create(
        org=org,
        assigner_org=assigner_org_for(user, org),
        title=title,
        requirement=requirement,
        source=source,
        created_by=user,
    )
    audit.record(
        EventKind.CREATED,
        f"拟定督办事项「{title}」",
        actor=audit.Actor.of(user, request),
        chain=org.pk,
        subject=item,
        data={"title": title, "source": source},
    )
    return item


EDITABLE = ("title", "requirement", "source")


@transaction.atomic
def edit_draft(item, user, request=None, **fields):
    """Change a draft before it is assigned; the trail keeps each field before and after."""
    locked = SupervisionItem.objects.select_for_update().get(pk=item.pk)
    if locked.state != State.DRAFT or "supervisor" not in access.roles_toward(user, locked.org):
        raise engine.Refused("只有上级督察员可以修改尚未交办的督办事项。")
    before = {name: getattr(locked, name) for name in EDITABLE}
    for name in EDITABLE:
        setattr(locked, name, fields[name])
    locked.save()
    audit.record_edit(locked, before, audit.Actor.of(user, request))
    return locked


def assign(item, user, *, due_on: datetime.date, request=None, on=None):
    on = on or timezone.localdate()

    def number_and_date(locked):
        locked.number = numbering.issue(
            locked.assigner_org,
            NOTICE_SERIES,
            on.year,
            subject=locked,
            user=user,
            actor=audit.Actor.of(user, request),
        ).text
        locked.assigned_on = on  # 交办日期: what supervision.items_assigned counts

    return engine.apply(
        PROCEDURE,
        item,
        "assign",
        user,
        {"due_on": due_on},
        effect=number_and_date,
        request=request,
        on=on,
    )


def _step(key: str, item, user, data: dict | None, request, on):
    return engine.apply(PROCEDURE, item, key, user, data, request=request, on=on)


def accept(item, user, *, request=None, on=None):
    return _step("accept", item, user, None, request, on)


def extend(item, user, *, due_on: datetime.date, reason: str, request=None, on=None):
    return _step("extend", item, user, {"due_on": due_on, "reason": reason}, request, on)


def report(item, user, *, feedback: str, request=None, on=None):
    return _step("report", item, user, {"feedback": feedback}, request, on)


def return_for_rework(item, user, *, reason: str, due_on: datetime.date, request=None, on=None):
    return _step("return", item, user, {"reason": reason, "due_on": due_on}, request, on)


def close(item, user, *, opinion: str, request=None, on=None):
    on = on or timezone.localdate()

    def date_closure(locked):
        locked.closed_on = on  # 办结日期: what supervision.items_closed counts

    return engine.apply(
        PROCEDURE, item, "close", user, {"opinion": opinion}, effect=date_closure, request=request, on=on
    )


DATED_STEPS = {"assign": assign, "extend": extend, "return": return_for_rework}


def step_with_date(item, user, step: str, due_on, reason: str, request=None):
    """assign / extend / return: the steps that set a date (and, but for assign, a reason).
    Any other step goes to the engine, which refuses what the procedure does not have."""
    if step not in DATED_STEPS:
        return engine.apply(PROCEDURE, item, step, user, request=request)
    kwargs = {"due_on": due_on} if step == "assign" else {"due_on": due_on, "reason": reason}
    return DATED_STEPS[step](item, user, request=request, **kwargs)
