"""Small builders for core tests. The 督办事项 serves as a concrete record with an org."""

import datetime

from fazhi.core.models import Unit
from fazhi.core.rules import RULES, Citation, Deadline

OGI = Citation("《中华人民共和国政府信息公开条例》", "第三十三条")
REPLY_20 = Deadline(
    "test.reply",
    "答复期限（测试）",
    20,
    Unit.WORKDAYS,
    cite=OGI,
    since=datetime.date(2019, 5, 15),
    pauses=("征求第三方意见",),
    extension="最长20个工作日",
)
PERIOD_60 = Deadline(
    "test.period", "办理期限（测试）", 60, Unit.DAYS, cite=OGI, since=datetime.date(2019, 5, 15)
)
if "test.reply" not in RULES.rules:
    RULES.add(REPLY_20, PERIOD_60)


def item(org, supervisor, title="测试事项"):
    from fazhi.supervision import services

    return services.draft(supervisor, org, title=title, requirement="按要求办理", source="other")
