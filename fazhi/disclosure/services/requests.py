"""依申请公开: the law's verbs, each one engine transition (see ../procedure.py)."""

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import audit, clocks, engine, numbering
from fazhi.core.models import EventKind, Org

from .. import letters
from ..models import DisclosureRequest
from ..procedure import (
    CORRECTION_NOTICE,
    EXTENSION_DAYS,
    OUTCOME_BY_CODE,
    PROCEDURE,
    REPLY,
    FeeMethod,
    information_fee,
)

NUMBER_SERIES = "依申"


@transaction.atomic
def register(
    org: Org, *, received_on: datetime.date, actor: audit.Actor, created_by=None, number: str = "", **fields
) -> DisclosureRequest:
    """登记: a request from the portal or registered by a clerk; both clocks start on receipt
    (the day of receipt itself not counted)."""
    number = number or numbering.issue(org, NUMBER_SERIES, received_on.year, actor=actor).text
    request = DisclosureRequest.objects.create(
        org=org, number=number, received_on=received_on, created_by=created_by, **fields
    )
    clocks.start(request, REPLY.key, received_on)
    clocks.start(request, CORRECTION_NOTICE.key, received_on)
    audit.record(
        EventKind.CREATED,
        f"登记政府信息公开申请 {number}",
        actor=actor,
        chain=org.pk,
        subject=request,
        data={"number": number, "received_on": received_on, "channel": request.channel},
    )
    return request


def _step(key, request, user, data=None, *, http=None, on=None, effect=None):
    return engine.apply(PROCEDURE, request, key, user, data, request=http, on=on, effect=effect)


def accept(request, user, *, http=None, on=None):
    return _step("accept", request, user, http=http, on=on)


def request_correction(request, user, *, note: str, due_on: datetime.date, http=None, on=None):
    data = {"correction_note": note, "correction_due_on": due_on, "pause_reason": "等待申请人补正"}
    return _step("request_correction", request, user, data, http=http, on=on)


def correction_received(request, user, *, on: datetime.date, http=None):
    """补正收到: the reply period counts again in full from the day after `on`."""
    return _step("correction_received", request, user, http=http, on=on)


def abandon(request, user, *, http=None, on=None):
    """逾期未补正: no longer handled (其他处理-1)."""
    return _reply_now("abandon", request, user, "no_correction", http=http, on=on)


def consult(request, user, *, third_party: bool, party: str, http=None, on=None):
    key = "consult_third_party" if third_party else "consult_agency"
    data = {"consulted_party": party, "pause_reason": f"征求{party}意见"}
    return _step(key, request, user, data, http=http, on=on)


def consultation_ended(request, user, *, answered_on: datetime.date | None, http=None):
    """The answer arrived on `answered_on`; without one, the consulted party's 15 working
    days have ended and the reply period counts again from then."""
    return _step(
        "consultation_ended", request, user, http=http, on=answered_on or consultation_lapses_on(request)
    )


def consultation_lapses_on(request) -> datetime.date:
    clock = clocks.clocks_of(request).filter(state="running").exclude(rule_key=REPLY.key).first()
    return clock.due_on if clock is not None else timezone.localdate()


def fee_notice(request, user, *, method: str, quantity: int, http=None, on=None):
    """收费通知: the amount follows from the scale (按件 or 按量, 超额累进); the reply period
    pauses on the day of the notice and the payment period starts."""
    known = method in FeeMethod.values and isinstance(quantity, int) and quantity >= 1
    data = {
        "fee_method": method,
        "fee_quantity": quantity,
        "fee_amount": information_fee(method, quantity) if known else None,
        "pause_reason": "等待申请人缴纳信息处理费",
    }
    return _step("fee_notice", request, user, data, http=http, on=on)


def fee_paid(request, user, *, on: datetime.date, http=None):
    """缴费到账 on `on`: the reply period counts again from the day after."""
    return _step("fee_paid", request, user, http=http, on=on)


def fee_unpaid(request, user, *, http=None, on=None):
    """逾期未缴费: no longer handled (其他处理-2), once the payment period has ended."""
    return _reply_now("fee_unpaid", request, user, "fee_unpaid", http=http, on=on)


def extend(request, user, *, reason: str, http=None, on=None):
    data = {"extension_reason": reason, "extension_days": EXTENSION_DAYS}
    return _step(
        "extend", request, user, data, http=http, on=on, effect=lambda r: setattr(r, "extended", True)
    )


def propose_reply(request, user, *, outcome: str, letter: str = "", http=None, on=None):
    """拟定答复: the letter defaults to the template of the outcome, citing its article."""
    if outcome in OUTCOME_BY_CODE and not letter:
        letter = letters.reply_letter(request, OUTCOME_BY_CODE[outcome], on)
    return _step("propose_reply", request, user, {"outcome": outcome, "letter": letter}, http=http, on=on)


def send_back(request, user, *, reason: str, http=None, on=None):
    return _step("send_back", request, user, {"reason": reason}, http=http, on=on)


def sign(request, user, *, http=None, on=None):
    """签发: the reply date is the day it is signed."""
    return _step(
        "sign",
        request,
        user,
        http=http,
        on=on,
        effect=lambda r: setattr(r, "replied_on", on or timezone.localdate()),
    )


def deliver(request, user, *, method: str, http=None, on=None):
    return _step("deliver", request, user, {"delivery_method": method}, http=http, on=on)


def archive(request, user, *, http=None, on=None):
    return _step("archive", request, user, http=http, on=on)


def _reply_now(key, request, user, outcome, *, http=None, on=None):
    day = on or timezone.localdate()

    def answered(r):
        r.replied_on = day
        r.letter = letters.reply_letter(r, OUTCOME_BY_CODE[outcome], day)

    return _step(key, request, user, {"outcome": outcome}, http=http, on=on, effect=answered)
