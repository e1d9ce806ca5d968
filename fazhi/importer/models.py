"""Imported narrative reports and the figures read from them.

`ImportedReport.org` is the supervising office that imported the report (its access and its
audit chain; the distribution key on Citus); `unit` is the reporting unit of the tree whose name
the report states, when one matches (or a supervisor links it). The original text is kept as
read, so that every figure's `start`/`end` still point at its quote. A hand correction is kept
next to the extraction, which stays visible; both are in the audit trail.
"""

from django.conf import settings
from django.db import models

from fazhi.core.models import Org
from fazhi.core.models.base import OrgRecord, OrgRecordQuerySet

from .sections import PART_NAMES, PARTS


class ImportedReportQuerySet(OrgRecordQuerySet):
    def visible_to(self, user):
        """Imports are the supervisors' own work: read by the 督察员 and 管理员 of the office
        that imported them and of the offices above it — never by the staff of a unit."""
        from fazhi.core import access

        return self.filter(org__in=access.orgs_with_role(user, access.SUBTREE_READERS).values("pk"))


class ImportedReport(OrgRecord):
    org = models.ForeignKey(Org, verbose_name="导入单位", on_delete=models.PROTECT, related_name="+")
    unit_name = models.CharField("报告单位（原文）", max_length=200, blank=True)
    unit = models.ForeignKey(
        Org,
        verbose_name="对应单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    file_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("文件大小（字节）")
    text = models.TextField("原文")
    script = models.CharField("字体", max_length=16)
    sections = models.JSONField("各部分位置", default=dict)
    warnings = models.JSONField("提示", default=list)

    objects = ImportedReportQuerySet.as_manager()

    class Meta:
        verbose_name = "导入的年度报告"
        constraints = [models.UniqueConstraint(fields=["org", "sha256"], name="imported_report_once")]
        indexes = [
            models.Index(fields=["org", "year"], name="imported_report_org_year"),
            models.Index(fields=["unit", "year"], name="imported_report_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_label} {self.year or '？'}年度（{self.file_name}）"

    @property
    def unit_label(self) -> str:
        return self.unit.name if self.unit else (self.unit_name or "未识别单位")

    @property
    def parts(self) -> list[dict]:
        """The five mandated parts in order: key, name, present, start, end."""
        found = []
        for number, part in enumerate(PARTS, start=1):
            where = self.sections.get(part) or {"present": False, "start": None, "end": None}
            found.append({"key": part, "number": number, "name": PART_NAMES[part], **where})
        return found

    @property
    def parts_found(self) -> int:
        return sum(1 for part in PARTS if (self.sections.get(part) or {}).get("present"))


class ImportedFigure(models.Model):
    report = models.ForeignKey(ImportedReport, on_delete=models.CASCADE, related_name="figures")
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")  # = report.org (Citus)
    key = models.CharField("指标代码", max_length=80)
    value = models.FloatField("提取值")
    unit = models.CharField("计量单位", max_length=8)
    quote = models.TextField("原文引文")
    start = models.PositiveIntegerField("起始位置")
    end = models.PositiveIntegerField("结束位置")
    corrected_value = models.FloatField("更正值", null=True, blank=True)
    correction_reason = models.TextField("更正理由", blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="更正人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    corrected_at = models.DateTimeField("更正时间", null=True, blank=True)

    class Meta:
        verbose_name = "导入的指标数字"
        ordering = ["report", "start", "pk"]
        indexes = [models.Index(fields=["org", "key"], name="imported_figure_org_key")]

    def __str__(self) -> str:
        return f"{self.key} = {plain_number(self.value_used)}{self.unit}"

    @property
    def is_corrected(self) -> bool:
        return self.corrected_value is not None

    @property
    def value_used(self) -> float:
        """The corrected value where there is one, else the value read from the text."""
        return self.corrected_value if self.is_corrected else self.value

    @property
    def shown_value(self):
        return plain_number(self.value_used)

    @property
    def extracted_value(self):
        return plain_number(self.value)


def plain_number(value: float | None):
    """30.0 is shown as 30, 96.9 as 96.9."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
