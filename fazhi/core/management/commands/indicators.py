"""fazhi indicators [--json] | fazhi indicators compute --org CODE --year YYYY [--json]"""

import argparse
import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import indicators
from fazhi.core.models import Org


class Command(BaseCommand):
    help = "指标：列出登记的全部指标，或计算某单位（含下级）某年度的全部指标值。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以JSON输出")
        sub = parser.add_subparsers(dest="action")
        compute = sub.add_parser("compute", help="计算全部指标值")
        compute.add_argument("--org", required=True, help="机构代码")
        compute.add_argument("--year", required=True, type=int, help="年度")
        compute.add_argument("--own", action="store_true", help="只统计本机构，不含下级")
        compute.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="以JSON输出")

    def handle(self, *args, action=None, **options):
        if action == "compute":
            return self.compute(options)
        listed = [i.as_json() for i in indicators.all_indicators()]
        if options["json"]:
            return json.dumps(listed, ensure_ascii=False, indent=2)
        return "\n".join(f"{i['key']:<44} {i['name']}（{i['unit']}）{i['source_label']}" for i in listed)

    def compute(self, options):
        org = Org.objects.filter(code=options["org"]).first()
        if org is None:
            raise CommandError(f"机构代码“{options['org']}”不存在。", returncode=2)
        scope = indicators.Scope.year(org, options["year"], subtree=not options["own"])
        found = [f.as_json() for f in indicators.figures(scope).values()]
        if options["json"]:
            computed = {"org": org.code, "year": options["year"], "figures": found}
            return json.dumps(computed, ensure_ascii=False)
        return "\n".join(_line(f, indicators.get(f["key"])) for f in found)


def _line(figure: dict, indicator) -> str:
    shown = f"{figure['value']:>10} {figure['unit']}" if figure["value"] is not None else figure["missing"]
    return f"{figure['key']:<44} {shown} {indicator.name}"
