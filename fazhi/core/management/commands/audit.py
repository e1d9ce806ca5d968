from django.core.management.base import BaseCommand

from fazhi.core import audit


class Command(BaseCommand):
    help = "审计链：verify 校验全部记录是否被改动或删除。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        verdict = audit.verify()
        if verdict.intact:
            self.stdout.write(f"审计链完好：共校验 {verdict.checked} 条记录。")
            return
        self.stderr.write(f"审计链校验未通过（已校验 {verdict.checked} 条）：{verdict.problem}")
        raise SystemExit(1)
