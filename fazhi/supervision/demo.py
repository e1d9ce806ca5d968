"""Sample 督办事项 for the demo city: one in every state, with red, yellow and green lights."""

import datetime

from django.utils import timezone

from . import services
from .models import SupervisionItem

ITEMS = [
    # title, unit, days ago assigned, due in days (from today), how far it has gone
    ("落实行政规范性文件合法性审核全覆盖", "SL-JYJ", 40, -6, "accept"),
    ("整改行政执法案卷评查发现的问题", "SL-JYJ", 20, 2, "accept"),
    ("完善重大行政决策事项目录", "SL-JYJ", 10, 25, "assign"),
    ("规范镇级政务公开栏目设置", "SL-HPZ", 30, -2, "assign"),
    ("推进镇村法律顾问全覆盖", "SL-HPZ", 25, 15, "report"),
    ("清理涉及营商环境的规范性文件", "SL-JYJ", 50, -20, "close"),
    ("建立行政复议决定履行情况台账", "SL-ZJJ", 8, 1, "draft"),
]


def load(demo) -> None:
    if SupervisionItem.objects.filter(title=ITEMS[0][0]).exists():
        return
    today = timezone.localdate()
    boss = demo.users["supervisor"]
    for title, unit, ago, due_in, reach in ITEMS:
        _one(
            demo,
            boss,
            title,
            unit,
            today - datetime.timedelta(days=ago),
            today + datetime.timedelta(days=due_in),
            reach,
        )


def _one(demo, boss, title, unit, assigned_on, due_on, reach):
    item = services.draft(
        boss,
        demo.orgs[unit],
        title=title,
        source="inspection",
        requirement=f"请于期限内{title}，并书面反馈办理情况。",
    )
    if reach == "draft":
        return
    services.assign(item, boss, due_on=due_on, on=assigned_on)
    if reach == "assign":
        return
    handler = demo.users["clerk" if unit == "SL-JYJ" else "town"]
    head = demo.users["head" if unit == "SL-JYJ" else "town_head"]
    services.accept(item, head if reach != "accept" else handler, on=assigned_on)
    if reach in ("report", "close"):
        services.report(item, head, feedback="已按要求完成整改，相关制度已印发。", on=assigned_on)
    if reach == "close":
        services.close(item, boss, opinion="整改到位，同意办结。", on=assigned_on)
