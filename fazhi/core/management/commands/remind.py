import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core import notices


class Command(BaseCommand):
    help = "按期限灯生成提醒：临期提醒承办单位，超期提醒承办单位并报上一级（每天运行一次，可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天计算（默认今天，YYYY-MM-DD）")

    def handle(self, *args, **options):
        try:
            today = datetime.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(f"日期“{options['date']}”无效，请使用YYYY-MM-DD格式。", returncode=2) from None
        made = notices.remind(today or timezone.localdate())
        self.stdout.write(
            f"新提醒：临期{made['due_soon']}条，超期{made['overdue']}条，报上一级{made['escalated']}条。"
        )
