"""`fazhi report annual --org CODE --year YYYY --format json|docx|pdf --out FILE`: the unit's
report as it stands (its latest version), or — when it has not opened one yet — a draft drawn
from the records there and then, without saving anything."""

from django.utils import timezone

from fazhi.core import indicators as registry
from fazhi.core.indicators import ReportRefused, Scope
from fazhi.core.models import Org

from . import drafting
from .document import Unavailable, document, rendered
from .models import LawReport, ReportVersion
from .procedure import PART_KEYS


def unsaved_draft(org: Org, year: int) -> LawReport:
    drawn = drafting.draw(org, year)
    parts = {k: {"generated": drawn.parts[k], "narrative": ""} for k in PART_KEYS}
    report = LawReport(org=org, year=year)
    today = timezone.localdate()
    report._current = ReportVersion(
        org=org, number=0, parts=parts, figures=drawn.figures, drawn_on=today, created_at=timezone.now()
    )
    return report


def export(scope: Scope, fmt: str, **_) -> bytes:
    year = scope.start.year
    report = LawReport.objects.filter(org=scope.org, year=year).first() or unsaved_draft(scope.org, year)
    try:
        return rendered(document(report), fmt)
    except Unavailable as unavailable:
        raise ReportRefused([f"PDF生成服务不可用：{unavailable}"]) from unavailable


registry.register_report(registry.Report("annual", "法治政府建设年度报告", export, ("json", "docx", "pdf")))
