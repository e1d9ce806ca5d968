"""fazhi annual-reports open --year YYYY: every unit's 法治政府建设年度报告 for the year, drafted."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.reports import services


class Command(BaseCommand):
    help = (
        "法治政府建设年度报告：为尚未起草某年度报告的每个单位由记录生成初稿，"
        "并开始报送、公开两个期限（每年1月运行一次，可重复运行）。"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        opening = sub.add_parser("open", help="为每个单位起草某年度报告")
        opening.add_argument("--year", required=True, type=int, help="报告年度")

    def handle(self, *args, action, year, **options):
        try:
            made = services.open_every_unit(year)
        except services.NotAllowed as refused:
            raise CommandError(str(refused), returncode=2) from None
        return f"已为{made}个单位起草{year}年度法治政府建设年度报告初稿，并开始计算报送、公开期限。"
