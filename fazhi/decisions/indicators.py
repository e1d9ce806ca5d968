"""重大行政决策's numbers, declared once, and the sentences of the 法治政府建设年度报告 drawn
from them (see fazhi/core/indicators.py).

A decision counts for the year of the catalogue it is listed in, once that catalogue is
published (第三条第三款: the catalogue is what the body commits to); each procedure counts
when its record says it was carried out (a lawful waiver is not counted as carried out);
comments count on the day they were received, spam hidden by staff not at all.
"""

from django.db.models import Exists, OuterRef, Q

from fazhi.core import consultation
from fazhi.core.indicators import Count, Indicator, Passage, Scope, register, register_passage

from .models import Decision, ProcessRecord
from .procedure import BASIS, CATALOGUE, DECIDED_STATES, DISCUSSION, LAW, CatalogueState, Kind, RecordStatus


def listed_in(scope: Scope):
    """The decisions of the scope's orgs listed in a published catalogue of its years."""
    return Decision.objects.filter(
        scope.org_filter(),
        catalogue__year__gte=scope.start.year,
        catalogue__year__lte=scope.end.year,
        catalogue__state=CatalogueState.PUBLISHED,
    )


comments_in = consultation.comments_received(Decision._meta.label_lower)


def _carried_out(kind) -> Q:
    """The record in force for the procedure (the latest, as the gates read it) says done: a
    procedure recorded done and later lawfully waived is not counted as carried out."""
    later = ProcessRecord.objects.filter(decision=OuterRef("decision"), kind=kind, pk__gt=OuterRef("pk"))
    done = ProcessRecord.objects.filter(decision=OuterRef("pk"), kind=kind, status=RecordStatus.DONE)
    return Q(Exists(done.exclude(Exists(later))))


def _decisions(key, name, definition, condition, basis) -> Indicator:
    return Indicator(f"decisions.{key}", name, "件", definition, basis, count=Count(listed_in, condition))


def _comments(key, name, definition, condition) -> Indicator:
    basis = f"{LAW}第十四条、第十五条"
    return Indicator(f"decisions.{key}", name, "条", definition, basis, count=Count(comments_in, condition))


INDICATORS = (
    _decisions(
        "major",
        "重大行政决策事项数量",
        "列入已公布的本年度重大行政决策事项目录的决策事项（含公布后调整增列的）。",
        lambda s: Q(),
        str(CATALOGUE),
    ),
    _decisions(
        "public_participation",
        "开展公众参与的重大行政决策",
        "目录内决策事项中，已公开征求意见并公布意见采纳情况的（依法不予公开而未开展的不计入）。",
        lambda s: _carried_out(Kind.PARTICIPATION),
        str(BASIS[Kind.PARTICIPATION]),
    ),
    _decisions(
        "expert_argument",
        "开展专家论证的重大行政决策",
        "目录内决策事项中，已组织专家论证并记录论证意见的。",
        lambda s: _carried_out(Kind.EXPERTS),
        str(BASIS[Kind.EXPERTS]),
    ),
    _decisions(
        "risk_assessment",
        "开展风险评估的重大行政决策",
        "目录内决策事项中，已开展风险评估并记录评估结论的。",
        lambda s: _carried_out(Kind.RISK),
        str(BASIS[Kind.RISK]),
    ),
    _decisions(
        "legality_reviewed",
        "经合法性审查的重大行政决策",
        "目录内决策事项中，已经合法性审查并出具审查意见的。",
        lambda s: _carried_out(Kind.LEGALITY),
        str(BASIS[Kind.LEGALITY]),
    ),
    _decisions(
        "collectively_decided",
        "经集体讨论决定的重大行政决策",
        "目录内决策事项中，已经决策机关常务会议或者全体会议讨论决定的。",
        lambda s: Q(state__in=DECIDED_STATES),
        str(DISCUSSION),
    ),
    _comments(
        "comments_received",
        "重大行政决策公开征求意见收到意见",
        "统计期间内收到的公众意见（已屏蔽的除外）。",
        lambda s: Q(),
    ),
    _comments(
        "comments_adopted",
        "重大行政决策公开征求意见采纳意见",
        "统计期间内收到、经研究予以采纳的公众意见。",
        lambda s: Q(adopted=True),
    ),
)
register(*INDICATORS)

HEADING = "推进重大行政决策科学化民主化法治化"

register_passage(
    Passage(
        "measures",
        HEADING,
        "将{decisions.major}列入年度重大行政决策事项目录并向社会公布，其中经集体讨论决定"
        "{decisions.collectively_decided}。严格履行法定程序：开展公众参与{decisions.public_participation}、"
        "专家论证{decisions.expert_argument}、风险评估{decisions.risk_assessment}，"
        "经合法性审查{decisions.legality_reviewed}。",
        order=160,
    ),
    Passage(
        "measures",
        HEADING,
        "重大行政决策草案公开征求意见，收到公众意见{decisions.comments_received}，"
        "采纳{decisions.comments_adopted}，并公布意见采纳情况。",
        order=161,
        shown=lambda found: bool(found["decisions.comments_received"].value),
    ),
)
