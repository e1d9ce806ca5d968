"""fazhi report KIND --org CODE --year YYYY --format F --out FILE: the reports the systems registered."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import indicators
from fazhi.core.models import Org


class Command(BaseCommand):
    help = "生成报告（例如 gio：政府信息公开工作年度报告）。未通过校验的报告只显示问题，不写文件。"

    def add_arguments(self, parser):
        parser.add_argument("kind", help="报告种类，例如 gio")
        parser.add_argument("--org", required=True, help="机构代码")
        parser.add_argument("--year", required=True, type=int, help="年度")
        parser.add_argument("--format", default="json", help="json、docx 或 xlsx")
        parser.add_argument("--out", required=True, help="输出文件")
        parser.add_argument("--own", action="store_true", help="只统计本机构，不含下级")
        parser.add_argument("--figures", help="JSON文件：待接入指标的导入值 {指标键: 数值}")

    def handle(self, *args, kind, org, year, format, out, own, figures, **options):
        report, found = self.report(kind, format), Org.objects.filter(code=org).first()
        if found is None:
            raise CommandError(f"机构代码“{org}”不存在。", returncode=2)
        scope = indicators.Scope.year(found, year, subtree=not own)
        try:
            data = report.run(scope, format, figures=read_figures(figures))
        except indicators.ReportRefused as refused:
            lines = "\n".join(f"  {p}" for p in refused.problems)
            raise CommandError(f"报告未通过校验，未写入文件：\n{lines}", returncode=3) from None
        Path(out).write_bytes(data)
        return f"已生成{report.name}：{out}"

    def report(self, kind: str, fmt: str) -> indicators.Report:
        report = indicators.REPORTS.get(kind)
        if report is None:
            raise CommandError(
                f"没有“{kind}”这种报告。可生成：{'、'.join(indicators.REPORTS) or '（无）'}", returncode=2
            )
        if fmt not in report.formats:
            raise CommandError(f"{report.name}只能输出为：{'、'.join(report.formats)}", returncode=2)
        return report


def read_figures(path: str | None) -> dict | None:
    if not path:
        return None
    try:
        figures = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"无法读取指标文件{path}：{error}", returncode=2) from None
    unknown = [k for k in figures if k not in indicators.INDICATORS]
    if unknown or not all(isinstance(v, int | float) for v in figures.values()):
        raise CommandError(
            f"指标文件须为 {{已登记的指标键: 数值}}；未登记：{'、'.join(unknown)}", returncode=2
        )
    return figures
