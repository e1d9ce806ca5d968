"""fazhi disclosure list --org CODE [--json] | fazhi disclosure report-clocks --year YYYY"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core.models import Org

from ... import gio
from ...models import DisclosureRequest
from ...procedure import OUTCOME_BY_CODE
from ...queries import with_reply_light


def day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无效，请使用YYYY-MM-DD格式。", returncode=2) from None


class Command(BaseCommand):
    help = "政务公开：列出依申请公开的申请（含答复期限和期限灯）；开始计算年度报告的公布期限。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="列出某单位的申请")
        listing.add_argument("--org", required=True, help="机构代码")
        listing.add_argument("--subtree", action="store_true", help="含下级单位")
        listing.add_argument("--on", type=day, help="按这一天计算期限灯（默认今天）")
        listing.add_argument("--json", action="store_true", help="以JSON输出")
        clocks = sub.add_parser("report-clocks", help="为每个单位开始计算某年度报告的公布期限")
        clocks.add_argument("--year", required=True, type=int)

    def handle(self, *args, action, **options):
        if action == "report-clocks":
            started = gio.start_clocks(options["year"])
            return f"已为{started}个单位开始计算{options['year']}年度政府信息公开工作年度报告公布期限。"
        return self.listing(options)

    def listing(self, options):
        org = Org.objects.filter(code=options["org"]).first()
        if org is None:
            raise CommandError(f"机构代码“{options['org']}”不存在。", returncode=2)
        rows = [
            as_json(r) for r in requests_of(org, options["subtree"], options["on"] or timezone.localdate())
        ]
        if options["json"]:
            return json.dumps(rows, ensure_ascii=False, indent=2)
        return "\n".join(
            f"{r['number']:<24} {r['state']:<20} {r['due_on'] or '—':<10} {r['light']}" for r in rows
        )


def requests_of(org: Org, subtree: bool, today: datetime.date):
    requests = DisclosureRequest.objects.filter(org__in=org.subtree() if subtree else [org])
    return with_reply_light(requests.select_related("org"), today).order_by("received_on", "number")


def as_json(r) -> dict:
    outcome = OUTCOME_BY_CODE.get(r.outcome)
    return {
        "number": r.number,
        "org": r.org.code,
        "state": r.state,
        "received_on": r.received_on.isoformat(),
        "due_on": r.due_on.isoformat() if r.due_on else None,
        "light": r.light,
        "replied_on": r.replied_on.isoformat() if r.replied_on else None,
        "outcome": outcome.label if outcome else None,
    }
