"""督办 — a supervising body assigns a matter to a unit below it, with a deadline it sets;
the unit signs for it, handles it and reports back; the supervisor closes it or returns it.

    拟交办 --交办--> 已交办 --签收--> 办理中 --反馈--> 已反馈 --办结--> 已办结
                                         ^                |
                                         +-----退回-------+
    延期: the supervisor sets a new date while the unit is handling the matter.

Basis: 《法治政府建设与责任落实督察工作规定》（中办、国办 厅字〔2019〕28号，2019-04-15施行）
on 督察 and 督促整改. The handling period is not fixed by law: the assigning body sets it.
"""

import datetime

from django.db import models

from fazhi.core.engine import Gate, Procedure, SetDue, Start, Stop, Transition
from fazhi.core.models import Role, Unit
from fazhi.core.rules import Citation, Deadline, register

DUCHA = Citation("《法治政府建设与责任落实督察工作规定》")


class State(models.TextChoices):
    DRAFT = "draft", "拟交办"
    ASSIGNED = "assigned", "已交办"
    HANDLING = "handling", "办理中"
    REPORTED = "reported", "已反馈"
    CLOSED = "closed", "已办结"


HANDLING = Deadline(
    "supervision.handling",
    "督办事项办理期限",
    None,
    Unit.DATE,
    cite=DUCHA,
    since=datetime.date(2019, 4, 15),
    extension="交办机关可根据办理情况延期，延期须说明理由",
    notes="期限由交办机关在交办时确定；承办单位反馈后停止计时，退回重办时重新确定。",
)
register(HANDLING)


def due_not_past(record, data, on) -> bool:
    return data.get("due_on") is None or data["due_on"] >= on


NOT_PAST = Gate(due_not_past, "办理期限不能早于今天。", DUCHA)

# fmt: off
PROCEDURE = Procedure(
    "督办事项",
    State,
    (
        Transition(
            "assign", "交办", source=(State.DRAFT,), target=State.ASSIGNED, roles=(Role.SUPERVISOR,),
            requires={"due_on": "办理期限"}, gates=(NOT_PAST,), cite=DUCHA,
            clocks=(Start(HANDLING.key, due_from="due_on"),), notify=("org",),
            help="编发督办通知文号，开始计算办理期限。",
        ),
        Transition(
            "accept", "签收", source=(State.ASSIGNED,), target=State.HANDLING,
            roles=(Role.CLERK, Role.HEAD), notify=("assigner_org",),
            help="承办单位确认收到督办事项。",
        ),
        Transition(
            "extend", "延期", source=(State.ASSIGNED, State.HANDLING), target=State.HANDLING,
            roles=(Role.SUPERVISOR,), requires={"due_on": "新的办理期限", "reason": "延期理由"},
            gates=(NOT_PAST,), cite=DUCHA, clocks=(SetDue(HANDLING.key, due_from="due_on"),),
            notify=("org",), awaited=False,
        ),
        Transition(
            "report", "反馈", source=(State.HANDLING,), target=State.REPORTED, roles=(Role.HEAD,),
            requires={"feedback": "办理情况"}, writes={"feedback": "feedback"},
            clocks=(Stop(HANDLING.key),), notify=("assigner_org",),
            help="承办单位负责人审定办理情况后反馈交办机关，办理期限停止计算。",
        ),
        Transition(
            "return", "退回", source=(State.REPORTED,), target=State.HANDLING,
            roles=(Role.SUPERVISOR,), requires={"reason": "退回理由", "due_on": "重新办理期限"},
            writes={"reason": "return_reason"}, gates=(NOT_PAST,), cite=DUCHA,
            clocks=(Start(HANDLING.key, due_from="due_on"),), notify=("org",),
        ),
        Transition(
            "close", "办结", source=(State.REPORTED,), target=State.CLOSED, roles=(Role.SUPERVISOR,),
            requires={"opinion": "办结意见"}, writes={"opinion": "opinion"}, cite=DUCHA,
            notify=("org",),
        ),
    ),
)
# fmt: on

# 督办通知 numbers: series code for the notice, after the assigning body's prefix.
NOTICE_SERIES = "督"
SOURCES = (
    ("inspection", "督察发现问题"),
    ("instruction", "领导批示"),
    ("complaint", "群众反映"),
    ("assessment", "考核评估"),
    ("other", "其他"),
)
