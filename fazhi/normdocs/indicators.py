"""规范性文件's numbers, declared once, and its sentences in the 法治政府建设年度报告.

Keys equal the report importer's vocabulary (fazhi/importer/vocabulary.py) and table 二 of
the 政府信息公开工作年度报告 (fazhi/disclosure/indicators.py declared normdocs.issued,
.repealed and .in_force as 待接入 placeholders; these replace them):

- issued: documents published (公布) in the period, by the issuing body;
- repealed: documents repealed (废止) or declared lapsed (宣布失效) in the period;
- in_force: documents in force on the period's last day (Document.objects.in_force_on);
- reviewed: documents whose 合法性审核 opinion was given in the period, counted at the reviewing
  body (a document refused and reviewed again in the period counts once: its last opinion);
- filed / filed_on_time: 备案 sent in the period, and of them those sent by the 备案 clock's
  due date (the period in force for the issuing body, procedure.FILING);
- filing_overdue: published documents whose 备案 period ran out by the period's end unsent — as
  they stood that day, so a past year's figure does not shrink when they are sent later;
- cleanup_reviewed / cleanup_kept / cleanup_amended / cleanup_repealed: cleanup decisions
  recorded in the period, and those deciding 继续有效, 修改 and 废止;
- comments_received / comments_adopted: comments on the portal consultations of documents,
  counted on the day received (spam hidden by staff not at all), and those adopted.
"""

from django.db.models import Exists, F, OuterRef, Q

from fazhi.core import consultation
from fazhi.core.indicators import Count, Indicator, Passage, Scope, register, register_passage
from fazhi.core.models import Clock

from .models import CleanupEntry, Document, LegalityReview
from .procedure import FILING, CleanupDecision, State

BASIS_37 = "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）"
BASIS_115 = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）"
GIO_TABLE = "《中华人民共和国政府信息公开条例》第二十条第（一）项；政府信息公开工作年度报告格式表二"


def _docs(scope: Scope):
    return Document.objects.filter(scope.org_filter())


def _in(field_name: str):
    return lambda s: Q(**{f"{field_name}__gte": s.start, f"{field_name}__lte": s.end})


def _in_force(scope: Scope) -> Q:
    return Q(pk__in=Document.objects.in_force_on(scope.end).values("pk"))


def _filed_on_time(scope: Scope) -> Q:
    clock = Clock.objects.filter(
        subject_type=Document._meta.label_lower,
        subject_id=OuterRef("pk"),
        rule_key=FILING.key,
        stopped_on__lte=F("due_on"),
    )
    return _in("filed_on")(scope) & Q(Exists(clock))


def _filing_overdue(scope: Scope) -> Q:
    clock = Clock.objects.filter(
        subject_type=Document._meta.label_lower,
        subject_id=OuterRef("pk"),
        rule_key=FILING.key,
        due_on__lt=scope.end,
    ).filter(Q(stopped_on__isnull=True) | Q(stopped_on__gt=F("due_on")))
    unsent = Q(filed_on__isnull=True) | Q(filed_on__gt=scope.end)  # unsent on the period's last day
    return Q(published_on__isnull=False) & unsent & Q(Exists(clock))


def _last_opinion(scope: Scope) -> Q:
    """An opinion given in the period, unless the same body gave a later one on the same
    document in the period: a document counts once however often it was reviewed."""
    later = LegalityReview.objects.filter(
        document=OuterRef("document"),
        org=OuterRef("org"),
        pk__gt=OuterRef("pk"),
        concluded_on__gte=scope.start,
        concluded_on__lte=scope.end,
    )
    return _in("concluded_on")(scope) & ~Q(Exists(later))


ENDED = (State.REPEALED, State.EXPIRED)
ISSUED = Count(_docs, _in("published_on"))
REPEALED = Count(_docs, lambda s: _in("ended_on")(s) & Q(state__in=ENDED))
IN_FORCE = Count(_docs, _in_force)
FILED = Count(_docs, _in("filed_on"))
FILED_ON_TIME = Count(_docs, _filed_on_time)
FILING_OVERDUE = Count(_docs, _filing_overdue)
REVIEWED = Count(lambda s: LegalityReview.objects.filter(s.org_filter()), _last_opinion)


def _entries(scope: Scope):
    """Cleanup conclusions: one base for the four counts, so they are counted in one scan."""
    return CleanupEntry.objects.filter(scope.org_filter())


CLEANUP = Count(_entries, lambda s: _in("decided_on")(s) & ~Q(decision=""))


def _cleanup(decision):
    return Count(_entries, lambda s: _in("decided_on")(s) & Q(decision=decision))


COMMENTS = consultation.comments_received(Document._meta.label_lower)


def _docs_indicator(key, name, definition, count, basis=BASIS_37) -> Indicator:
    return Indicator(f"normdocs.{key}", name, "件", definition, basis, count=count)


INDICATORS = (
    _docs_indicator(
        "issued", "制发规范性文件", "统计期间内公布的行政规范性文件（按制定机关统计）。", ISSUED, GIO_TABLE
    ),
    _docs_indicator(
        "repealed", "废止规范性文件", "统计期间内废止或宣布失效的行政规范性文件。", REPEALED, GIO_TABLE
    ),
    _docs_indicator(
        "in_force",
        "现行有效规范性文件",
        "统计期间最后一日现行有效的行政规范性文件：已施行，未修改、废止、失效，且未超过有效期。",
        IN_FORCE,
        GIO_TABLE,
    ),
    _docs_indicator(
        "reviewed",
        "规范性文件合法性审核",
        "统计期间内出具合法性审核意见的规范性文件（按审核机构统计）。",
        REVIEWED,
        BASIS_115,
    ),
    _docs_indicator("filed", "规范性文件报送备案", "统计期间内报送备案的规范性文件。", FILED),
    _docs_indicator(
        "filed_on_time",
        "按时报送备案规范性文件",
        "统计期间内报送备案、且在备案期限（本级规定的期限）届满前报送的规范性文件。",
        FILED_ON_TIME,
    ),
    _docs_indicator(
        "filing_overdue",
        "逾期未报送备案规范性文件",
        "已公布、备案期限在统计期间结束前届满，至统计期间最后一日仍未报送备案的规范性文件。",
        FILING_OVERDUE,
    ),
    _docs_indicator(
        "cleanup_reviewed",
        "清理规范性文件",
        "统计期间内作出清理结论（继续有效、修改、废止）的文件。",
        CLEANUP,
    ),
    _docs_indicator(
        "cleanup_kept",
        "清理中决定继续有效的规范性文件",
        "统计期间内清理结论为继续有效的文件。",
        _cleanup(CleanupDecision.KEEP),
    ),
    _docs_indicator(
        "cleanup_amended",
        "清理中决定修改的规范性文件",
        "统计期间内清理结论为修改的文件。",
        _cleanup(CleanupDecision.AMEND),
    ),
    _docs_indicator(
        "cleanup_repealed",
        "清理中决定废止的规范性文件",
        "统计期间内清理结论为废止的文件。",
        _cleanup(CleanupDecision.REPEAL),
    ),
    Indicator(
        "normdocs.comments_received",
        "规范性文件公开征求意见收到意见",
        "条",
        "统计期间内规范性文件征求意见稿收到的公众意见（已屏蔽的除外）。",
        BASIS_37,
        count=Count(COMMENTS, lambda s: Q()),
    ),
    Indicator(
        "normdocs.comments_adopted",
        "规范性文件公开征求意见采纳意见",
        "条",
        "统计期间内收到、经研究予以采纳的公众意见。",
        BASIS_37,
        count=Count(COMMENTS, lambda s: Q(adopted=True)),
    ),
)
register(*INDICATORS)

HEADING = "加强行政规范性文件监督管理"
register_passage(
    Passage(
        "measures",
        HEADING,
        "严格落实行政规范性文件统一登记、统一编号、统一印发制度，全年制发规范性文件{normdocs.issued}，"
        "均经合法性审核，审核机构出具审核意见{normdocs.reviewed}；报送备案{normdocs.filed}，"
        "其中按时报备{normdocs.filed_on_time}；目前现行有效的规范性文件{normdocs.in_force}。",
        order=150,
    ),
    Passage(
        "measures",
        HEADING,
        "开展规范性文件清理，作出清理结论{normdocs.cleanup_reviewed}，其中继续有效{normdocs.cleanup_kept}、"
        "修改{normdocs.cleanup_amended}、废止{normdocs.cleanup_repealed}；"
        "全年废止或宣布失效规范性文件{normdocs.repealed}。",
        order=151,
        shown=lambda found: bool(
            found["normdocs.cleanup_reviewed"].value or found["normdocs.repealed"].value
        ),
    ),
    Passage(
        "shortcomings",
        "规范性文件备案",
        "规范性文件逾期未报送备案{normdocs.filing_overdue}，备案审查工作有待加强。",
        order=150,
        shown=lambda found: bool(found["normdocs.filing_overdue"].value),
    ),
)
