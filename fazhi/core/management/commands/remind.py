import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core import notices


class Command(BaseCommand):
    help = (
        "按期限灯生成提醒：临期提醒承办单位，超期提醒承办单位并报上一级；"
        "再做各系统登记的每日提示（如规范性文件有效期将届满、到期失效）。每天运行一次，可重复运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天计算（默认今天，YYYY-MM-DD）")

    def handle(self, *args, **options):
        try:
            today = datetime.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(f"日期“{options['date']}”无效，请使用YYYY-MM-DD格式。", returncode=2) from None
        made = notices.remind(today or timezone.localdate())
        line = f"新提醒：临期{made['due_soon']}条，超期{made['overdue']}条，报上一级{made['escalated']}条"
        systems = "，".join(r.label.format(n=made[r.key]) for r in notices.REMINDERS)
        self.stdout.write(f"{line}；{systems}。" if systems else f"{line}。")
