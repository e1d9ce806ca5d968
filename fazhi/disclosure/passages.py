"""What 政务公开 writes into the 法治政府建设年度报告 (fazhi/reports), from its indicators."""

from fazhi.core.indicators import Passage, register_passage

from .procedure import PUBLICATION

HEADING = "深入推进政务公开"


def _any(*keys):
    return lambda found: any(found[k].value for k in keys)


register_passage(
    Passage(
        "measures",
        HEADING,
        "全年主动公开政府信息{disclosure.items_published}，其中在信息形成或者变更之日起"
        f"{PUBLICATION.amount}个工作日内公开{{disclosure.items_published_on_time}}。",
        order=200,
    ),
    Passage(
        "measures",
        HEADING,
        "全年新收政府信息公开申请{disclosure.requests_received}，上年结转{disclosure.requests_carried_over}；"
        "已办结{disclosure.requests_answered}，其中按期答复{disclosure.requests_answered_on_time}、"
        "经批准延期答复{disclosure.requests_extended}；结转下年度继续办理{disclosure.requests_pending}。",
        order=201,
    ),
    Passage(
        "measures",
        HEADING,
        "因政府信息公开工作被申请行政复议{disclosure.review_total}，被提起行政诉讼"
        "{disclosure.litigation_direct_total}（另有经复议后起诉{disclosure.litigation_after_review_total}）。",
        order=202,
        shown=_any("disclosure.review_total", "disclosure.litigation_direct_total"),
    ),
    Passage(
        "shortcomings",
        "政务公开",
        "政府信息公开申请逾期答复{disclosure.requests_answered_late}，依申请公开办理时限管理有待加强。",
        order=200,
        shown=_any("disclosure.requests_answered_late"),
    ),
    Passage(
        "shortcomings",
        "政务公开",
        "有{disclosure.items_published_late}政府信息未在形成或者变更之日起"
        f"{PUBLICATION.amount}个工作日内主动公开，"
        "主动公开的及时性有待提高。",
        order=201,
        shown=_any("disclosure.items_published_late"),
    ),
)
