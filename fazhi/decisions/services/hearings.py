"""听证会 (第十六条): announced while the draft is prepared, then held — its materials delivered
to the participants at least 7 days before and their list published in advance — or called
off with a reason. Holding and calling off are engine transitions of the hearing."""

import datetime

from django.db import transaction

from fazhi.core import engine
from fazhi.core.models import EventKind

from ..models import Decision, Hearing
from ..procedure import HEARING, HEARING_PROCEDURE
from .drafting import DRAFTERS, _drafting, _log, _need, _require, _today


@transaction.atomic
def plan_hearing(decision, user, *, held_on: datetime.date, place: str, request=None, on=None) -> Hearing:
    """Announce a hearing; until it is held or called off the draft cannot be tabled."""
    _require(user, decision.org, DRAFTERS, "安排听证会", HEARING)
    _need({"听证会地点": place}, HEARING)
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    _drafting(locked, "安排听证会")
    if held_on is None or held_on < _today(on):
        raise engine.Refused("听证会日期不能早于今天。", HEARING)
    hearing = Hearing.objects.create(
        org_id=locked.org_id, decision=locked, held_on=held_on, place=place.strip(), created_by=user
    )
    _log(
        EventKind.EDITED,
        f"安排听证会：{held_on}，{hearing.place}",
        locked,
        user,
        request,
        {"hearing": hearing.pk},
    )
    return hearing


def hold_hearing(
    hearing,
    user,
    *,
    held_on: datetime.date,
    materials_delivered_on: datetime.date,
    list_published_on: datetime.date,
    participants: list[dict],
    transcript: str,
    request=None,
    on=None,
) -> Hearing:
    """Record the hearing as held; refused, citing 第十六条, when its notice rules were broken."""
    data = {
        "held_on": held_on,
        "materials_delivered_on": materials_delivered_on,
        "list_published_on": list_published_on,
        "participants": [_participant(p) for p in participants or []],
        "transcript": (transcript or "").strip(),
    }
    _drafting(hearing.decision, "记录听证会")
    return engine.apply(HEARING_PROCEDURE, hearing, "hold", user, data, request=request, on=_today(on))


def cancel_hearing(hearing, user, *, reason: str, request=None, on=None) -> Hearing:
    _drafting(hearing.decision, "取消听证会")
    data = {"cancel_reason": (reason or "").strip()}
    return engine.apply(HEARING_PROCEDURE, hearing, "cancel", user, data, request=request, on=_today(on))


def _participant(found: dict) -> dict:
    return {key: str(found.get(key, "")).strip() for key in ("name", "organisation", "contact")}
