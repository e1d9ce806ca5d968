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


LAST_YEAR = [
    # title, unit, (month, day) assigned, due, reported, closed — None: not (yet) taken
    ("落实教育行政执法公示制度", "SL-JYJ", (3, 3), (4, 30), (4, 20), (4, 25)),
    ("整改校外培训机构审批程序问题", "SL-JYJ", (5, 12), (6, 10), (6, 20), (6, 25)),
    ("完善教育系统法律顾问聘任管理", "SL-JYJ", (8, 4), (9, 30), (9, 12), (9, 16)),
    ("推进镇政府常务会议会前学法", "SL-HPZ", (4, 7), (5, 30), (5, 28), (6, 2)),
    ("规范村规民约合法性审查", "SL-HPZ", (10, 9), (11, 28), None, None),
]


def load(demo) -> None:
    load_last_year(demo)
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


def load_last_year(demo) -> None:
    """Last year's 督办: closed on time, closed late, and one still open past its date."""
    if SupervisionItem.objects.filter(title=LAST_YEAR[0][0]).exists():
        return
    year, boss = timezone.localdate().year - 1, demo.users["supervisor"]
    for title, unit, assigned, due, reported, closed in LAST_YEAR:
        item = services.draft(
            boss, demo.orgs[unit], title=title, source="inspection", requirement=f"请{title}。"
        )
        services.assign(item, boss, due_on=datetime.date(year, *due), on=datetime.date(year, *assigned))
        head = demo.users["head" if unit == "SL-JYJ" else "town_head"]
        services.accept(item, head, on=datetime.date(year, *assigned))
        if reported:
            services.report(
                item, head, feedback="已完成，相关材料已报送。", on=datetime.date(year, *reported)
            )
            services.close(item, boss, opinion="同意办结。", on=datetime.date(year, *closed))
