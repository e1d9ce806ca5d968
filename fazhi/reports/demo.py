"""Last year's 法治政府建设年度报告 in the demo city: 教育局's published after one return by the
依法治市办, 和平镇's submitted and awaiting the superior, the other units not yet begun."""

import datetime

from django.utils import timezone

from . import services
from .models import LawReport

D = datetime.date

JYJ_TEXT = {
    "measures": (
        "坚持以习近平法治思想为指导，局党组专题研究法治政府建设工作，将法治建设纳入年度重点工作统筹推进。\n"
        "严格落实行政规范性文件合法性审核和集体讨论决定制度，重大行政决策均经合法性审查。\n"
        "深化“谁执法谁普法”责任制，开展“法治进校园”活动，覆盖全市中小学。"
    ),
    "shortcomings": (
        "一是个别干部运用法治思维和法治方式解决问题的能力不强；二是依申请公开办理时限管理仍有薄弱"
        "环节，少数申请逾期答复。原因在于学法用法的针对性不够，办理节点提醒不到位。"
    ),
    "first_responsible": (
        "局党组书记、局长切实履行推进法治建设第一责任人职责，全年主持召开党组会议专题研究法治工作"
        "3次，带头参加行政诉讼出庭应诉，带头开展述法。"
    ),
    "next_year_plan": (
        "一是加强干部法治培训，提升依法行政能力；二是健全依申请公开办理节点提醒和逾期督办机制；三"
        "是推进教育领域行政执法“三项制度”落实。"
    ),
    "other": "无。",
}
HPZ_TEXT = {
    "measures": (
        "镇党委、政府将法治政府建设纳入全镇经济社会发展总体布局，落实镇政府常务会议会前学法制度，"
        "推进镇村两级公共法律服务全覆盖。"
    ),
    "shortcomings": "法治工作力量薄弱，专职法制审核人员不足；村级法治宣传形式较为单一。",
    "first_responsible": "镇党委书记、镇长履行第一责任人职责，带头学法、带头述法，研究解决法治建设重大问题。",
    "next_year_plan": "充实法制审核力量，完善镇政府法律顾问制度，深化“民主法治示范村”创建。",
    "other": "无。",
}


def load(demo) -> None:
    year = timezone.localdate().year - 1
    if LawReport.objects.filter(year=year).exists():
        return
    _published_after_one_return(demo, year)
    _submitted(demo, year)


def _published_after_one_return(demo, year: int) -> None:
    clerk, head, supervisor = (demo.users[u] for u in ("clerk", "head", "supervisor"))
    report = services.open_report(demo.orgs["SL-JYJ"], year, clerk, on=D(year + 1, 1, 12))
    services.edit(report, clerk, JYJ_TEXT)
    _approved_and_submitted(report, clerk, head, D(year + 1, 2, 16))
    comments = "第三部分请写明主要负责人履职的具体事例和次数。"
    services.return_to_unit(report, supervisor, reason=comments, on=D(year + 1, 2, 18))
    fuller = JYJ_TEXT["first_responsible"] + "全年带头讲法治课2次，签批法治建设事项12件。"
    services.edit(report, clerk, JYJ_TEXT | {"first_responsible": fuller})
    _approved_and_submitted(report, clerk, head, D(year + 1, 2, 24))
    services.accept(report, supervisor, on=D(year + 1, 2, 26))
    services.publish(report, clerk, published_on=D(year + 1, 3, 20), on=D(year + 1, 3, 20))


def _submitted(demo, year: int) -> None:
    clerk, head = demo.users["town"], demo.users["town_head"]
    report = services.open_report(demo.orgs["SL-HPZ"], year, clerk, on=D(year + 1, 1, 20))
    services.edit(report, clerk, HPZ_TEXT)
    _approved_and_submitted(report, clerk, head, D(year + 1, 2, 26))


def _approved_and_submitted(report, clerk, head, on: datetime.date) -> None:
    services.propose(report, clerk, on=on - datetime.timedelta(days=2))
    services.approve(report, head, on=on - datetime.timedelta(days=1))
    services.submit(report, clerk, on=on)
