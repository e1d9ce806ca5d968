"""fazhi normdocs search QUERY [--org CODE] [--on YYYY-MM-DD] [--json]: what the portal's search
returns; with --on, only the documents in force on that day."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import Org

from ...queries import as_json, public_documents


class Command(BaseCommand):
    help = "规范性文件：全文检索已公布的文件（与门户网站规范性文件库的检索结果相同）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        find = sub.add_parser("search", help="检索已公布的规范性文件")
        find.add_argument("query")
        find.add_argument("--org", default="", help="机构代码（含下级）")
        find.add_argument("--on", default="", help="只列出该日现行有效的文件（YYYY-MM-DD）")
        find.add_argument("--limit", type=int, default=50)
        find.add_argument("--json", action="store_true", help="以JSON输出")

    def handle(self, *args, action, query, org, on, limit, **options):
        if org and not Org.objects.filter(code=org).exists():
            raise CommandError(f"机构代码“{org}”不存在。", returncode=2)
        day = _day(on)
        found = [as_json(d) for d in public_documents(query, org_code=org, on=day)[: max(limit, 0)]]
        if options["json"]:
            return json.dumps(found, ensure_ascii=False, indent=2)
        lines = [
            f"{d['number']}\t{d['title']}\t{d['status_label']}\t{d['org_name']}\t{d['published_on']}"
            for d in found
        ]
        return "\n".join(lines) or "没有找到匹配的文件。"


def _day(text: str) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"日期“{text}”无效，请使用YYYY-MM-DD格式（如2026-05-01）。", returncode=2
        ) from None
