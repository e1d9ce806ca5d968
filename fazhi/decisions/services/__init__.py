"""The only code that changes 重大行政决策: the law's verbs. Steps of the decision itself go
through the engine (procedure.PROCEDURE); process records, hearings and materials are
appended here, each with an audit event on the deciding body's chain.

    drafting.py    the catalogue, 公众参与, the process records, the steps, 决策后评估
    hearings.py    听证会 (第十六条)
    materials.py   the files of the process (第三十三条)
"""

from .drafting import (
    MEETING_STEPS,
    add_decision,
    archive,
    close_consultation,
    complete_evaluation,
    decide,
    defer,
    mark_market_related,
    new_catalogue,
    open_consultation,
    plan_evaluation,
    publish,
    publish_catalogue,
    record_experts,
    record_fair_competition,
    record_legality,
    record_risk,
    reject,
    table,
    waive,
)
from .hearings import cancel_hearing, hold_hearing, plan_hearing
from .materials import attach_material

__all__ = [
    "MEETING_STEPS",
    "add_decision",
    "archive",
    "attach_material",
    "cancel_hearing",
    "close_consultation",
    "complete_evaluation",
    "decide",
    "defer",
    "hold_hearing",
    "mark_market_related",
    "new_catalogue",
    "open_consultation",
    "plan_evaluation",
    "plan_hearing",
    "publish",
    "publish_catalogue",
    "record_experts",
    "record_fair_competition",
    "record_legality",
    "record_risk",
    "reject",
    "table",
    "waive",
]
