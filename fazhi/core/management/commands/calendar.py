"""fazhi calendar workday|add-workdays|add-days|import|years"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import holidays, workdays


def iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"日期“{text}”无效，请使用YYYY-MM-DD格式，例如2026-03-31。", returncode=2
        ) from None


def count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise CommandError(f"天数“{text}”无效，请给出正整数。", returncode=2)
    return int(text)


class Command(BaseCommand):
    help = "工作日历：查询工作日、推算期限、导入年度放假安排。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("workday", help="某日是否为工作日").add_argument("date")
        for name, text in (
            ("add-workdays", "DATE之后第N个工作日"),
            ("add-days", "DATE加N个自然日，遇休息日顺延"),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument("date")
            p.add_argument("n")
        sub.add_parser("import", help="从CSV导入或更正年度放假安排").add_argument("file")
        sub.add_parser("years", help="已录入的年度")

    def handle(self, *args, action, **options):
        try:
            answer = getattr(self, "do_" + action.replace("-", "_"))(**options)
        except workdays.CalendarUnknown as unknown:
            raise CommandError(str(unknown), returncode=2) from None
        if answer is not None:
            self.stdout.write(answer)

    def do_workday(self, date, **_):
        return "yes" if workdays.is_workday(iso_date(date)) else "no"

    def do_add_workdays(self, date, n, **_):
        return workdays.add_workdays(iso_date(date), count(n)).isoformat()

    def do_add_days(self, date, n, **_):
        return workdays.add_days(iso_date(date), count(n)).isoformat()

    def do_years(self, **_):
        return " ".join(map(str, workdays.known_years()))

    def do_import(self, file, **_):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}", returncode=2)
        try:
            result = holidays.import_text(path.read_text(encoding="utf-8-sig"), f"导入：{path.name}")
        except (holidays.CalendarFileError, UnicodeDecodeError) as error:
            raise CommandError(f"未导入任何数据。{error}", returncode=2) from None
        years = "、".join(map(str, result.years))
        return f"已导入{years}年放假安排；重算到期日发生变化的期限：{len(result.moved)}个。"
