from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from fazhi.core.models import Org, OrgRecord

from .procedure import PARTS, State


class LawReport(OrgRecord):
    """One unit's 法治政府建设年度报告 for one year; its text lives in its versions."""

    year = models.PositiveSmallIntegerField("报告年度")
    superior = models.ForeignKey(
        Org, verbose_name="报送机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFT)
    approved_version = models.PositiveSmallIntegerField("审定版本", null=True, blank=True)
    return_comments = models.TextField("退回意见", blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)

    class Meta:
        verbose_name = "法治政府建设年度报告"
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="lawreport_once")]
        indexes = [models.Index(fields=["year", "state"], name="lawreport_year_state")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.org.name}{self.year}年法治政府建设年度报告"

    @property
    def current(self) -> "ReportVersion":
        if not hasattr(self, "_current"):
            self._current = self.versions.order_by("-number").first()
        return self._current


class ReportVersion(models.Model):
    """One text of a report. A version that was submitted or approved is never edited again:
    the next edit makes a new version (services.edit)."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")  # Citus: by org
    report = models.ForeignKey(LawReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField("版本")
    # {part key: {"generated": [blocks drawn from the records], "narrative": "the unit's text"}}
    parts = models.JSONField("正文", default=dict)
    figures = models.JSONField("数字", default=list)  # [{key, value, unit, missing?}]
    drawn_on = models.DateField("数据截止日期")
    locked = models.BooleanField("已定稿", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "年度报告版本"
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reportversion_once")]

    def __str__(self) -> str:
        return f"第{self.number}版"

    def narrative(self, key: str) -> str:
        return self.parts.get(key, {}).get("narrative", "")

    def generated(self, key: str) -> list:
        return self.parts.get(key, {}).get("generated", [])

    def empty_parts(self) -> list[str]:
        """Titles of the mandated parts with neither drawn nor written text."""
        return [p.title for p in PARTS if not self.generated(p.key) and not self.narrative(p.key).strip()]


class ReportDates(models.Model):
    """A jurisdiction's own dates for the report (a provincial 工作指引 may set an earlier one);
    applies to the org and everything below it, for report years from `since_year`."""

    org = models.ForeignKey(
        Org, verbose_name="适用地区（含下级）", on_delete=models.PROTECT, related_name="+"
    )
    since_year = models.PositiveSmallIntegerField("自报告年度")
    submit_month = models.PositiveSmallIntegerField(
        "报送截止月", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    submit_day = models.PositiveSmallIntegerField(
        "报送截止日", validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    publish_month = models.PositiveSmallIntegerField(
        "公开截止月", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    publish_day = models.PositiveSmallIntegerField(
        "公开截止日", validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    basis = models.CharField("地方依据", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "年度报告地方期限"
        constraints = [models.UniqueConstraint(fields=["org", "since_year"], name="reportdates_once")]

    def __str__(self) -> str:
        return f"{self.org}自{self.since_year}年度起"
