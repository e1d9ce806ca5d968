"""政务公开's numbers, declared once: the annual report (gio.py), the dashboard and the API
read them by key. See fazhi/core/indicators.py for what an indicator is.

The request counts of table 三 share one `within` (the requests that matter to a period),
so the whole table is one GROUP BY over it. Counting follows the report format's own
identity (国办公开办函〔2021〕30号 表三): 一 本年新收 + 二 上年结转 = 三（七）办结 + 四 结转下年度,
where a request counts as answered (办结) on its 答复日期 and as received on its 收到日期
(《政府信息公开条例》第三十一条).
"""

from django.db.models import Exists, F, OuterRef, Q

from fazhi.core.indicators import Count, Indicator, Scope, Source, register
from fazhi.core.models import Clock

from .models import DisclosureRequest, PublicationItem
from .procedure import OUTCOMES, PUBLICATION, REPLY

OGI = "《中华人民共和国政府信息公开条例》"
FORMAT = "国办公开办函〔2021〕30号"


def requests_in(scope: Scope):
    """The requests of the scope's orgs received by its end and not answered before its
    start — plus any received in it, so a reply dated before its receipt still shows up
    in 一 and breaks the report's identity instead of vanishing."""
    return DisclosureRequest.objects.filter(
        scope.org_filter(),
        Q(received_on__lte=scope.end),
        Q(replied_on__isnull=True) | Q(replied_on__gte=scope.start) | Q(received_on__gte=scope.start),
    )


RECEIVED = Count(requests_in, lambda s: Q(received_on__gte=s.start))
CARRIED_OVER = Count(requests_in, lambda s: Q(received_on__lt=s.start))
ANSWERED = Count(requests_in, lambda s: Q(replied_on__gte=s.start, replied_on__lte=s.end))
PENDING = Count(requests_in, lambda s: Q(replied_on__isnull=True) | Q(replied_on__gt=s.end))


def _within_reply_period() -> Q:
    """Not answered after the due date of its reply clock (补正重新起算、征求意见不计入、延期
    included). A request closed while its clock was paused (逾期未补正) had no date to miss."""
    late = Clock.objects.filter(
        subject_type=DisclosureRequest._meta.label_lower,
        subject_id=OuterRef("pk"),
        rule_key=REPLY.key,
        due_on__lt=OuterRef("replied_on"),
    )
    return ~Q(Exists(late))


ON_TIME = Count(requests_in, lambda s: ANSWERED.condition(s) & _within_reply_period())
LATE = ANSWERED.but_not(ON_TIME)
EXTENDED = ANSWERED.narrowed(extended=True)


def published_in(scope: Scope):
    return PublicationItem.objects.filter(
        scope.org_filter(), published_on__gte=scope.start, published_on__lte=scope.end
    )


def _published_in_time() -> Q:
    """Published by the 20th working day after 形成或者变更之日: the day published is at most
    that working day — by the calendar's ordinals (a rest day carries the ordinal of the
    working day before it, so on the 20th's own ordinal only that working day itself is in
    time). Both days are joined, so the check is a FILTER of the same scan."""
    due = F("formed_day__ordinal") + PUBLICATION.amount
    return Q(published_day__ordinal__lt=due) | Q(published_day__ordinal=due, published_day__is_workday=True)


PUBLISHED = Count(published_in, lambda s: Q())
PUBLISHED_ON_TIME = Count(published_in, lambda s: _published_in_time())
PUBLISHED_LATE = PUBLISHED.but_not(PUBLISHED_ON_TIME)


def outcome_key(code: str) -> str:
    return f"disclosure.outcome_{code}"


def _requests(key, name, definition, basis, count) -> Indicator:
    return Indicator(f"disclosure.{key}", name, "件", definition, basis, count=count)


REQUEST_INDICATORS = (
    _requests(
        "requests_received",
        "本年新收政府信息公开申请数量",
        "收到日期在统计期间内的政府信息公开申请。",
        f"{OGI}第三十一条、第五十条；{FORMAT}表三“一”",
        RECEIVED,
    ),
    _requests(
        "requests_carried_over",
        "上年结转政府信息公开申请数量",
        "统计期间开始前收到、期间开始时尚未答复的申请。",
        f"{FORMAT}表三“二”",
        CARRIED_OVER,
    ),
    _requests(
        "requests_answered",
        "本年度办结政府信息公开申请数量",
        "答复日期在统计期间内的申请（不论处理结果是否已登记）。",
        f"{OGI}第三十六条；{FORMAT}表三“三（七）总计”",
        ANSWERED,
    ),
    _requests(
        "requests_pending",
        "结转下年度继续办理的申请数量",
        "统计期间结束时已收到、尚未答复的申请。",
        f"{FORMAT}表三“四”",
        PENDING,
    ),
    _requests(
        "requests_answered_on_time",
        "按期答复的申请数量",
        "统计期间内答复、且答复日期未超过答复期限的申请；期限按补正重新起算、征求意见期间不计入、延期答复计算。",
        f"{OGI}第三十条、第三十三条",
        ON_TIME,
    ),
    _requests(
        "requests_answered_late",
        "逾期答复的申请数量",
        "统计期间内答复、且答复日期晚于答复期限的申请（期限计算同上）。",
        f"{OGI}第三十三条",
        LATE,
    ),
    _requests(
        "requests_extended",
        "延期答复的申请数量",
        "统计期间内答复的申请中，经政府信息公开工作机构负责人同意延长答复期限的。",
        f"{OGI}第三十三条第二款",
        EXTENDED,
    ),
)

OUTCOME_INDICATORS = tuple(
    _requests(
        f"outcome_{o.code}",
        f"办理结果：{o.label}",
        f"统计期间内答复、处理结果为“{o.label}”的申请。",
        f"{OGI}{o.cite}；{FORMAT}表三“三、本年度办理结果”",
        ANSWERED.narrowed(outcome=o.code),
    )
    for o in OUTCOMES
)

PUBLICATION_INDICATORS = (
    Indicator(
        "disclosure.items_published",
        "主动公开政府信息数量",
        "条",
        "发布日期在统计期间内的主动公开信息（含此后撤回的）。",
        f"{OGI}第十九条、第二十条",
        count=PUBLISHED,
    ),
    Indicator(
        "disclosure.items_published_on_time",
        "按期主动公开政府信息数量",
        "条",
        f"统计期间内发布、且在信息形成或者变更之日起{PUBLICATION.amount}个工作日内发布的主动公开信息。",
        f"{OGI}第二十六条",
        count=PUBLISHED_ON_TIME,
    ),
    Indicator(
        "disclosure.items_published_late",
        "未按期主动公开政府信息数量",
        "条",
        f"统计期间内发布、但晚于信息形成或者变更之日起{PUBLICATION.amount}个工作日发布的主动公开信息。",
        f"{OGI}第二十六条",
        count=PUBLISHED_LATE,
    ),
)


def _pending(key, name, unit, column, block) -> Indicator:
    """A figure of table 二 that another system will count (规章, 规范性文件, 执法决定, 收费)."""
    definition = f"表二 {block}“{name}”的“{column}”。待相关系统接入后由其记录统计，接入前为0，不作估算。"
    basis = f"{OGI}{block}；{FORMAT}表二"
    return Indicator(key, f"{name}{column}", unit, definition, basis, source=Source.PENDING)


ARTICLE_20_1, ARTICLE_20_5, ARTICLE_20_6, ARTICLE_20_8 = (
    "第二十条第（一）项",
    "第二十条第（五）项",
    "第二十条第（六）项",
    "第二十条第（八）项",
)
ISSUED, REPEALED, IN_FORCE = "本年制发件数", "本年废止件数", "现行有效件数"
DECISIONS, FEES = "本年处理决定数量", "本年收费金额（单位：万元）"

PENDING_INDICATORS = (
    _pending("normdocs.regulations_issued", "规章", "件", ISSUED, ARTICLE_20_1),
    _pending("normdocs.regulations_repealed", "规章", "件", REPEALED, ARTICLE_20_1),
    _pending("normdocs.regulations_in_force", "规章", "件", IN_FORCE, ARTICLE_20_1),
    _pending("normdocs.issued", "行政规范性文件", "件", ISSUED, ARTICLE_20_1),
    _pending("normdocs.repealed", "行政规范性文件", "件", REPEALED, ARTICLE_20_1),
    _pending("normdocs.in_force", "行政规范性文件", "件", IN_FORCE, ARTICLE_20_1),
    _pending("enforcement.licensing_decisions", "行政许可", "件", DECISIONS, ARTICLE_20_5),
    _pending("enforcement.penalty_decisions", "行政处罚", "件", DECISIONS, ARTICLE_20_6),
    _pending("enforcement.coercion_decisions", "行政强制", "件", DECISIONS, ARTICLE_20_6),
    _pending("fees.administrative_fees", "行政事业性收费", "万元", FEES, ARTICLE_20_8),
)

register(*REQUEST_INDICATORS, *OUTCOME_INDICATORS, *PUBLICATION_INDICATORS, *PENDING_INDICATORS)
