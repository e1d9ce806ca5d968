"""All imported reports a user may read, side by side by indicator: one row per key (in the
vocabulary's order), one column per report; each cell the figures of that key in that report,
corrected values where a correction exists."""

from dataclasses import dataclass

from django.db.models import Prefetch

from .models import ImportedFigure, ImportedReport
from .services import figure_link, indicator_name
from .vocabulary import VOCABULARY


@dataclass(frozen=True)
class Cell:
    figures: list[ImportedFigure]

    @property
    def plain(self):
        """As exported: the number, several joined by 、, or empty."""
        values = [f.shown_value for f in self.figures]
        if len(values) == 1:
            return values[0]
        return "、".join(str(v) for v in values)

    @property
    def links(self) -> list[tuple[ImportedFigure, str]]:
        return [(f, figure_link(f)) for f in self.figures]


@dataclass(frozen=True)
class Row:
    key: str
    name: str
    unit: str
    cells: list[Cell]


@dataclass(frozen=True)
class Table:
    reports: list[ImportedReport]
    rows: list[Row]

    @property
    def corrected(self) -> list[tuple[ImportedReport, ImportedFigure]]:
        return [(r, f) for r in self.reports for f in r.figure_list if f.is_corrected]


ORDER = {term.key: n for n, term in enumerate(VOCABULARY)}


def reports_of(user, year: int | None = None):
    found = ImportedReport.objects.visible_to(user).select_related("unit")
    if year is not None:
        found = found.filter(year=year)
    figures = Prefetch(
        "figures", queryset=ImportedFigure.objects.order_by("start", "pk"), to_attr="figure_list"
    )
    return found.prefetch_related(figures).order_by("-year", "unit__path", "unit_name", "pk")


def table(reports) -> Table:
    reports = list(reports)
    keys = sorted(
        {f.key for r in reports for f in r.figure_list}, key=lambda k: (ORDER.get(k, len(ORDER)), k)
    )
    units = {f.key: f.unit for r in reports for f in r.figure_list}
    rows = [
        Row(
            key,
            indicator_name(key),
            units[key],
            [Cell([f for f in r.figure_list if f.key == key]) for r in reports],
        )
        for key in keys
    ]
    return Table(reports, rows)


def xlsx_rows(found: Table) -> tuple[list[str], list[list]]:
    columns = [
        "指标代码",
        "指标",
        "计量单位",
        *(f"{r.unit_label}（{r.year or '年度未识别'}）" for r in found.reports),
    ]
    rows = [[row.key, row.name, row.unit, *(cell.plain for cell in row.cells)] for row in found.rows]
    if found.corrected:
        rows.append([])
        rows.append(["注：以下数字已人工更正，表中为更正后的数值"])
        for report, figure in found.corrected:
            rows.append(
                [
                    figure.key,
                    indicator_name(figure.key),
                    figure.unit,
                    f"{report.unit_label}：原文“{figure.quote}”提取为{figure.extracted_value}，"
                    f"更正为{figure.shown_value}（{figure.correction_reason}）",
                ]
            )
    return columns, rows
