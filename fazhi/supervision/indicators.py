"""督办's numbers, declared once, and the sentences of the 法治政府建设年度报告 drawn from them.
See fazhi/core/indicators.py for what an indicator is.

The four counts share one `within` (the items that matter to a period: assigned by its
end and not closed before its start), so they are one GROUP BY. An item counts as
assigned on its 交办日期 and as closed on its 办结日期, both set by the services on the day
the step is taken.

When is an item late? The handling period is set by the assigning body (procedure.HANDLING):
each handling clock's `due_on` is the date in force for it — after 延期, the new date; after
退回, the returned item runs on a new clock with the date set on its return. An item missed
its deadline when some handling clock's date passed before it was reported back (the clock
stopped after its due date, or has not stopped). An earlier late report is not wiped out by
a return: otherwise a unit could hand in anything late, be returned a new date and count as
on time. So 按期办结 is "closed, and no handling clock of it ran past its date".
"""

from django.db.models import Exists, F, OuterRef, Q

from fazhi.core.indicators import Count, Indicator, Passage, Scope, register, register_passage
from fazhi.core.models import Clock

from .models import SupervisionItem
from .procedure import HANDLING

# The 督察规定 does not fix the period or these counts by article (LAW.md §2: its article
# numbers are unsure); the period is the assigning body's, as procedure.HANDLING says.
BASIS = "《法治政府建设与责任落实督察工作规定》（督察督办、督促整改；办理期限由交办机关确定）"


def items_in(scope: Scope):
    """The items of the scope's orgs assigned by its end and not closed before its start."""
    return SupervisionItem.objects.filter(
        scope.org_filter(),
        Q(assigned_on__lte=scope.end),
        Q(closed_on__isnull=True) | Q(closed_on__gte=scope.start),
    )


def _deadline_missed(before=None) -> Q:
    """A handling clock of the item whose date passed (before `before`, when given) while it
    was still running: stopped after its due date, or not stopped at all."""
    clocks = Clock.objects.filter(
        subject_type=SupervisionItem._meta.label_lower,
        subject_id=OuterRef("pk"),
        rule_key=HANDLING.key,
    )
    if before is not None:
        clocks = clocks.filter(due_on__lt=before)
    return Q(Exists(clocks.filter(Q(stopped_on__isnull=True) | Q(stopped_on__gt=F("due_on")))))


def _closed(scope: Scope) -> Q:
    return Q(closed_on__gte=scope.start, closed_on__lte=scope.end)


def _open_at_end(scope: Scope) -> Q:
    return Q(closed_on__isnull=True) | Q(closed_on__gt=scope.end)


ASSIGNED = Count(items_in, lambda s: Q(assigned_on__gte=s.start))
CLOSED = Count(items_in, _closed)
CLOSED_ON_TIME = Count(items_in, lambda s: _closed(s) & ~_deadline_missed())
OVERDUE = Count(items_in, lambda s: _open_at_end(s) & _deadline_missed(before=s.end))


def _items(key, name, definition, count) -> Indicator:
    return Indicator(f"supervision.{key}", name, "件", definition, BASIS, count=count)


INDICATORS = (
    _items(
        "items_assigned",
        "交办督办事项数量",
        "交办日期在统计期间内的督办事项（按承办单位统计）。",
        ASSIGNED,
    ),
    _items(
        "items_closed",
        "办结督办事项数量",
        "办结日期在统计期间内的督办事项（交办机关审核反馈后同意办结）。",
        CLOSED,
    ),
    _items(
        "items_closed_on_time",
        "按期办结督办事项数量",
        "统计期间内办结、且每次反馈均未超过当时有效办理期限的督办事项：延期的，以延长后的期限为准；"
        "退回重办的，重办以退回时重新确定的期限为准，退回前的反馈已超期的，仍不计为按期。",
        CLOSED_ON_TIME,
    ),
    _items(
        "items_overdue",
        "逾期未办结督办事项数量",
        "统计期间结束时已交办、尚未办结，且办理期限已在期间结束前届满而承办单位未在期限内反馈的督办事项"
        "（期限计算同上；期限以现有记录为准，期间结束后延期的按延长后的期限计）。",
        OVERDUE,
    ),
)

register(*INDICATORS)

HEADING = "强化督察督办"

register_passage(
    Passage(
        "measures",
        HEADING,
        "全年交办督办事项{supervision.items_assigned}，办结{supervision.items_closed}，"
        "其中按期办结{supervision.items_closed_on_time}。",
        order=300,
    ),
    Passage(
        "shortcomings",
        "督察督办",
        "督办事项逾期未办结{supervision.items_overdue}，部分承办单位落实督办要求不够及时，"
        "督察督办的跟踪问效有待加强。",
        order=300,
        shown=lambda found: bool(found["supervision.items_overdue"].value),
    ),
)
