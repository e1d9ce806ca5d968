from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import orgs


class Command(BaseCommand):
    help = "机构：import 从CSV或xlsx创建或更新机构树（整表校验，全部成功才写入）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("import").add_argument("file")

    def handle(self, *args, action, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}", returncode=2)
        try:
            created, updated = orgs.import_rows(orgs.parse(orgs.read_rows(path)))
        except orgs.OrgFileError as error:
            lines = "\n".join(f"  {p}" for p in error.problems)
            raise CommandError(f"未导入任何机构，文件有以下问题：\n{lines}", returncode=2) from None
        self.stdout.write(f"机构导入完成：新增{created}个，更新{updated}个。")
