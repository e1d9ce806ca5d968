"""法治政府建设年度报告 — each unit reports its previous year to its superior and to the public.

    起草中 --提请审定--> 待审定 --审定--> 已审定 --报送--> 已报送 --接收--> 已接收 --公开--> 已公开
       ^                  |                                |
       +----退回修改-------+                                |
       +-------------------------退回（上级，附意见）--------+

Basis: 《法治政府建设与责任落实督察工作规定》（中办、国办 厅字〔2019〕28号，2019-04-15施行）.
LAW.md could not retrieve its full text; the article numbers below are those quoted by the
government pages it relies on, and the dates are configurable per jurisdiction (provinces
set earlier internal dates in their 工作指引): see `ReportDates`.

Editing a report after it was submitted makes a new version; the submitted one stays.
"""

import datetime
from dataclasses import dataclass

from django.db import models

from fazhi.core.engine import Gate, Procedure, Start, Stop, Transition
from fazhi.core.models import Role, Unit
from fazhi.core.rules import Citation, Deadline, register

DUCHA = "《法治政府建设与责任落实督察工作规定》"
SINCE = datetime.date(2019, 4, 15)
CONTENTS = Citation(DUCHA, "第二十五条")  # the five items; LAW.md: article number unsure
REPORTING = Citation(DUCHA, "第二十三条")  # to the superior; LAW.md: article number unsure
PUBLISHING = Citation(DUCHA, "第二十四条")


@dataclass(frozen=True)
class Part:
    key: str  # the importer's section keys (fazhi/importer/sections.py) are the same
    number: str
    title: str
    mandate: str  # the item as the 督察规定 words it


# 督察规定 (LAW.md §2, "Mandated contents"): the five items of every annual report.
PARTS = (
    Part("measures", "一", "主要举措和成效", "上一年度推进法治政府建设的主要举措和成效"),
    Part("shortcomings", "二", "存在的不足和原因", "存在的不足和原因"),
    Part(
        "first_responsible",
        "三",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
    ),
    Part("next_year_plan", "四", "下一年度推进法治政府建设的主要安排", "下一年度推进法治政府建设的主要安排"),
    Part("other", "五", "其他需要报告的情况", "其他需要报告的情况"),
)
PART_KEYS = tuple(p.key for p in PARTS)


class State(models.TextChoices):
    DRAFT = "draft", "起草中"
    APPROVAL = "approval", "待审定"
    APPROVED = "approved", "已审定"
    SUBMITTED = "submitted", "已报送"
    ACCEPTED = "accepted", "已接收"
    PUBLISHED = "published", "已公开"


EDITABLE_STATES = (State.DRAFT,)
# A report whose text is fixed: editing it makes a new version (see services.edit).
LOCKED_STATES = (State.APPROVAL, State.APPROVED, State.SUBMITTED, State.ACCEPTED, State.PUBLISHED)

SUBMISSION = Deadline(
    "reports.submission",
    "法治政府建设年度报告报送期限",
    None,
    Unit.DATE,
    cite=REPORTING,
    since=SINCE,
    confidence="likely",
    configurable=True,
    notes="县级以上地方各级政府部门于每年3月1日之前向本级党委和政府、上一级政府有关部门报告上一年度法治政府建设情况；"
    "市、县、乡党委和政府报告上一级党委和政府的日期，省级工作指引亦定为3月1日之前（LAW.md：likely）。"
    "各地可另定更早的报送日期。",
)
PUBLICATION = Deadline(
    "reports.publication",
    "法治政府建设年度报告公开期限",
    None,
    Unit.DATE,
    cite=PUBLISHING,
    since=SINCE,
    configurable=True,
    notes="每年4月1日之前，地方各级政府和县级以上政府部门的法治政府建设年度报告，除涉及党和国家秘密的，"
    "应当通过报刊、网站等新闻媒体向社会公开，接受人民群众监督。",
)
register(SUBMISSION, PUBLICATION)

# "3月1日之前" / "4月1日之前": the last day is the day before (a leap year's 29 February too).
SUBMIT_BEFORE = (3, 1)
PUBLISH_BEFORE = (4, 1)


def said(month_day: tuple[int, int]) -> str:
    """(3, 1) → "3月1日之前", as the 督察规定 says it (and the screens quote it)."""
    return f"{month_day[0]}月{month_day[1]}日之前"


def last_day_before(year: int, month_day: tuple[int, int]) -> datetime.date:
    """The last day of a "M月D日之前" period in the year after the report `year`."""
    return datetime.date(year + 1, *month_day) - datetime.timedelta(days=1)


def all_parts_written(report, data, on) -> bool:
    return not report.current.empty_parts()


def head_approved(report, data, on) -> bool:
    return report.approved_version == report.current.number


COMPLETE = Gate(all_parts_written, "报告五个部分均须有内容（可写“无”并说明），方可提请审定。", CONTENTS)
APPROVED_BY_HEAD = Gate(head_approved, "报告须经本单位负责人审定后方可报送、公开。", PUBLISHING)

# fmt: off
PROCEDURE = Procedure(
    "法治政府建设年度报告",
    State,
    (
        Transition(
            "propose", "提请审定", source=(State.DRAFT,), target=State.APPROVAL,
            roles=(Role.CLERK, Role.HEAD), gates=(COMPLETE,), cite=CONTENTS,
            help="经办人完成起草，提请本单位负责人审定。",
        ),
        Transition(
            "revise", "退回修改", source=(State.APPROVAL,), target=State.DRAFT, roles=(Role.HEAD,),
            requires={"reason": "修改意见"}, writes={"reason": "return_comments"},
        ),
        Transition(
            "approve", "审定", source=(State.APPROVAL,), target=State.APPROVED, roles=(Role.HEAD,),
            gates=(COMPLETE,), cite=CONTENTS, help="本单位负责人审定报告文本。",
        ),
        Transition(
            "submit", "报送", source=(State.APPROVED,), target=State.SUBMITTED,
            roles=(Role.CLERK, Role.HEAD), gates=(APPROVED_BY_HEAD,), cite=REPORTING,
            clocks=(Stop(SUBMISSION.key),), notify=("superior",),
            help="向上级报送审定稿，报送期限停止计算。",
        ),
        Transition(
            "return", "退回", source=(State.SUBMITTED,), target=State.DRAFT, roles=(Role.SUPERVISOR,),
            requires={"reason": "退回意见"}, writes={"reason": "return_comments"}, cite=REPORTING,
            clocks=(Start(SUBMISSION.key, due_from="due_on"),), notify=("org",),
            help="上级提出修改意见退回；报送期限恢复计算，原报送稿保留。",
        ),
        Transition(
            "accept", "接收", source=(State.SUBMITTED,), target=State.ACCEPTED, roles=(Role.SUPERVISOR,),
            cite=REPORTING, notify=("org",), help="上级确认收到报告、无修改意见。",
        ),
        Transition(
            "publish", "公开", source=(State.SUBMITTED, State.ACCEPTED), target=State.PUBLISHED,
            roles=(Role.CLERK, Role.HEAD), requires={"published_on": "公开日期"},
            writes={"published_on": "published_on"}, gates=(APPROVED_BY_HEAD,), cite=PUBLISHING,
            clocks=(Stop(PUBLICATION.key),),
            help="在门户网站向社会公开审定稿，公开期限停止计算。",
        ),
    ),
)
# fmt: on
