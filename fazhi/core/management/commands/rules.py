import json

from django.core.management.base import BaseCommand

from fazhi.core.rules import RULES


class Command(BaseCommand):
    help = "列出平台声明的全部法定期限规则。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以JSON输出")

    def handle(self, *args, **options):
        rules = [rule.as_json() for rule in RULES.all()]
        if options["json"]:
            self.stdout.write(json.dumps(rules, ensure_ascii=False, indent=2))
            return
        for r in rules:
            amount = f"{r['amount']}{r['unit_label']}" if r["amount"] else "另行确定"
            self.stdout.write(f"{r['key']:<32} {r['name']} {amount} {r['basis']} 自{r['effective_from']}")
