"""The working-day calendar as data: one row per date, seeded 2004–2026, editable per year."""

from django.db import models


class CalendarYear(models.Model):
    """A year whose holiday arrangement is known. Days of other years cannot be counted."""

    year = models.PositiveSmallIntegerField("年度", primary_key=True)
    source = models.CharField("来源", max_length=200)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "日历年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    date = models.DateField("日期", primary_key=True)
    is_workday = models.BooleanField("工作日")
    # The number of working days from the calendar's first day up to and including this date.
    # A rest day carries the ordinal of the working day before it, so "the N-th working
    # day after D" is the working day whose ordinal is ordinal(D) + N.
    ordinal = models.IntegerField("工作日序号")
    note = models.CharField("说明", max_length=40, blank=True)

    class Meta:
        verbose_name = "日历日"
        ordering = ["date"]
        indexes = [models.Index(fields=["ordinal", "is_workday"], name="calendarday_ordinal")]

    def __str__(self) -> str:
        return f"{self.date} {'上班' if self.is_workday else '休息'}"
