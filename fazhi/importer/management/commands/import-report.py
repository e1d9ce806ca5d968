"""fazhi import-report FILE... [--json]: read narrative 法治政府建设年度报告 and say what is in them."""

import json

from django.core.management.base import BaseCommand, CommandError

from ...sections import PART_NAMES
from ...services import import_files


class Command(BaseCommand):
    help = (
        "读取法治政府建设年度报告（.txt/.docx/.pdf/.html），列出各部分、指标数字（含原文引文）和提示。"
        "某个文件无法读取时照常处理其他文件；所有文件都无法读取时退出码为1。"
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="以JSON列表输出，每个文件一项，顺序同输入")

    def handle(self, *args, files, **options):
        results = import_files(files)
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            for result in results:
                self.stdout.write(shown(result))
        if all(result["error"] for result in results):
            raise CommandError("没有一个文件能够读取。", returncode=1)


def shown(result: dict) -> str:
    if result["error"]:
        return f"{result['file']}：无法导入 —— {result['error']}\n"
    lines = [
        f"{result['file']}：{result['org'] or '（未识别单位）'} {result['year'] or '？'}年度"
        f"（{'繁体' if result['script'] == 'traditional' else '简体'}）"
    ]
    for part, where in result["sections"].items():
        mark = f"第{where['start']}–{where['end']}字" if where["present"] else "缺"
        lines.append(f"  {PART_NAMES[part]}：{mark}")
    for figure in result["indicators"]:
        lines.append(f"  {figure['key']} = {figure['value']}{figure['unit']}  “{figure['quote']}”")
    for warning in result["warnings"]:
        lines.append(f"  提示：{warning['message']}")
    return "\n".join(lines) + "\n"
