"""What the tracking page says about a request: its progress in the public's words, the
reply deadline from its clock, and — once signed — the outcome and the reply letter, with
the applicant's personal data masked. Drafts awaiting signature are never shown."""

import datetime
import re
from dataclasses import dataclass

from fazhi.core.clocks import clocks_of
from fazhi.core.models import ClockState, Org
from fazhi.disclosure.models import DisclosureRequest
from fazhi.disclosure.procedure import (
    FEE_LAW,
    GROUP_NAMES,
    OUTCOME_BY_CODE,
    REPLY,
    State,
    fee_clock,
)

from .masking import mask_name, mask_phone, redact

# state -> (what the public sees, what it means for the applicant)
PUBLIC_STATES = {
    State.REGISTERED: ("已收到", "申请已登记，正在审查申请内容。"),
    State.AWAITING_CORRECTION: ("待补正", "申请内容需要补正，请按补正通知的要求在期限内补充。"),
    State.HANDLING: ("办理中", "申请已受理，正在办理。"),
    State.CONSULTING: ("办理中", "正在依法征求意见，所需时间不计入答复期限（第三十三条第三款）。"),
    State.AWAITING_FEE: (
        "待缴费",
        "本申请需缴纳信息处理费，请按收费通知的要求在缴费期限内缴纳；逾期未缴纳的，不再处理。",
    ),
    State.AWAITING_SIGNATURE: ("办理中", "答复正在审核签发。"),
    State.REPLIED: ("已答复", "已作出答复，答复书见下。"),
    State.DELIVERED: ("已答复", "已作出答复并送达，答复书见下。"),
    State.ARCHIVED: ("已办结", "已作出答复并归档，答复书见下。"),
}
REPLIED = (State.REPLIED, State.DELIVERED, State.ARCHIVED)
PAUSED_BECAUSE = {
    State.AWAITING_CORRECTION: "暂停计时：自收到补正之日起重新计算（第三十条）",
    State.CONSULTING: "暂停计时：征求意见所需时间不计算在内（第三十三条第三款）",
    State.AWAITING_FEE: f"暂停计时：自收费通知之日至缴费之日不计算在内（{FEE_LAW}）",
}


@dataclass(frozen=True)
class Status:
    org: Org
    code: str
    number: str
    received_on: datetime.date
    state: str
    explanation: str
    applicant: str  # masked
    phone: str  # masked
    description: str
    due_on: datetime.date | None = None
    clock_note: str = ""
    correction_note: str = ""
    correction_due_on: datetime.date | None = None
    fee_amount: str = ""  # "150.00", while 待缴费
    fee_basis: str = ""
    fee_due_on: datetime.date | None = None
    replied_on: datetime.date | None = None
    outcome: str = ""
    letter: str = ""

    @property
    def grouped_code(self) -> str:
        """ "ABCD EFGH JKMN": easier to copy down and to read out by phone."""
        return " ".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))


def status(found: DisclosureRequest) -> Status:
    return of_request(found)


def of_request(request: DisclosureRequest) -> Status:
    state, explanation = PUBLIC_STATES[State(request.state)]
    return Status(
        request.org,
        request.tracking_code,
        request.number,
        request.received_on,
        state,
        explanation,
        mask_name(request.applicant_name),
        mask_phone(request.phone),
        request.description,
        **_clock(request),
        **_correction(request),
        **_fee(request),
        **_reply(request),
    )


def _clock(request: DisclosureRequest) -> dict:
    clock = clocks_of(request).filter(rule_key=REPLY.key).order_by("-pk").first()
    if clock is None or clock.state == ClockState.STOPPED:
        return {}
    if clock.state == ClockState.PAUSED:
        return {"clock_note": PAUSED_BECAUSE.get(request.state, "暂停计时")}
    if clock.due_on is None:  # the period runs into a year whose holidays are not yet published
        return {"clock_note": f"{clock.note}（自收到申请次日起{REPLY.amount}个工作日）"}
    note = f"已依法延长{clock.extended}个工作日" if clock.extended else ""  # 第三十三条第二款
    return {"due_on": clock.due_on, "clock_note": note}


def _correction(request: DisclosureRequest) -> dict:
    if request.state != State.AWAITING_CORRECTION:
        return {}
    return {"correction_note": request.correction_note, "correction_due_on": request.correction_due_on}


def _fee(request: DisclosureRequest) -> dict:
    if request.state != State.AWAITING_FEE:
        return {}
    clock = fee_clock(request)
    return {
        "fee_amount": str(request.fee_amount),
        "fee_basis": request.fee_basis,
        "fee_due_on": clock.due_on if clock is not None else None,
    }


def _reply(request: DisclosureRequest) -> dict:
    if request.state not in REPLIED:
        return {}
    outcome = OUTCOME_BY_CODE.get(request.outcome)
    return {
        "replied_on": request.replied_on,
        "outcome": public_outcome(outcome) if outcome else "",
        "letter": redact(request.letter, request),
    }


def public_outcome(outcome) -> str:
    """ "不予公开（属于四类过程性信息）": the national category, without the table's numbering."""
    group = GROUP_NAMES[outcome.group]
    item = re.sub(r"^\d+\.", "", outcome.item)
    return f"{group}（{item}）" if item else group
