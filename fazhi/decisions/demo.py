"""Sample 重大行政决策 for the demo city: 教育局's published catalogue with decisions in every
state — one refused collective discussion at the gate (its 合法性审查 not yet recorded), one
in public consultation, one decided, published and under evaluation, one archived after a
听证会 with its materials filed, one touching market entities (公平竞争审查 to come) — and
和平镇's catalogue still being drawn up. All made through the services."""

import contextlib
import datetime

from django.utils import timezone

from fazhi.core import consultation as consultations
from fazhi.core import engine

from . import services
from .models import Catalogue
from .procedure import Kind

UNIT = "SL-JYJ"


def load(demo) -> None:
    today = timezone.localdate()
    org = demo.orgs[UNIT]
    if Catalogue.objects.filter(org=org, year=today.year).exists():
        return
    clerk, head = demo.users["clerk"], demo.users["head"]
    catalogue = services.new_catalogue(clerk, org, today.year)
    days = lambda n: today - datetime.timedelta(days=n)  # noqa: E731
    listed = [
        services.add_decision(
            catalogue, clerk, title=title, undertaker=undertaker, category=category, planned=when
        )
        for title, undertaker, category, when in DECISIONS
    ]
    services.publish_catalogue(catalogue, head, party_agreed_on=days(120), on=days(118))
    blocked, consulting, published, archived, fresh = listed
    _prepared(blocked, clerk, days, legality=False)
    _refused_once(blocked, clerk)
    services.open_consultation(
        consulting,
        clerk,
        title=f"{consulting.title}（征求意见稿）",
        text=DRAFT_TEXT,
        opens_on=days(10),
        closes_on=days(10) + datetime.timedelta(days=30),
        on=days(10),
    )
    consultation = consulting.consultation()
    consultations.comment(consultation, body=COMMENTS[0], name="张三", contact="13800000000", on=days(5))
    consultations.comment(consultation, body=COMMENTS[1], on=days(3))
    for decision in (published, archived):
        _prepared(decision, clerk, days, legality=True)
        services.table(decision, clerk, on=days(20))
        services.decide(
            decision, head, meeting_on=days(18), meeting_kind="executive", minutes=MINUTES, on=days(18)
        )
        services.publish(decision, clerk, party_report=PARTY, explanation=EXPLANATION, on=days(15))
    services.attach_material(published, clerk, name="集体讨论会议纪要.pdf", data=pdf("Meeting minutes"))
    services.archive(archived, clerk, archive_number=f"JYJ-ZDJC-{today.year}-01", on=days(10))
    services.plan_evaluation(published, clerk, ground="necessary", due_on=days(3), on=days(12))  # now overdue
    services.plan_evaluation(archived, clerk, ground="objections", due_on=days(-60), on=days(5))
    _other_unit(demo, today)
    services.mark_market_related(fresh, clerk, market_related=True)  # 第二十九条第一项 applies


def _refused_once(decision, clerk):
    """Try to table it: the 合法性审查 gate refuses, which the trail keeps."""
    with contextlib.suppress(engine.Refused):
        services.table(decision, clerk)


def _prepared(decision, clerk, days, *, legality: bool):
    services.open_consultation(
        decision,
        clerk,
        title=f"{decision.title}（征求意见稿）",
        text=DRAFT_TEXT,
        opens_on=days(100),
        closes_on=days(70),
        on=days(100),
    )
    for n, comment in enumerate(COMMENTS):
        made = consultations.comment(decision.consultation(), body=comment, on=days(90 - n))
        consultations.decide_as(clerk, made, adopted=n % 2 == 0, reply=REPLIES[n % 2])
    services.close_consultation(decision, clerk, feedback=FEEDBACK, on=days(65))
    services.record_experts(
        decision,
        clerk,
        assessor="示例师范大学教育政策研究中心",
        experts="王教授、李研究员、陈律师",
        summary="方案总体可行，建议明确过渡期安排。",
        signed=True,
        on=days(62),
    )
    if "布局" in decision.title:  # school closures and new sites: a 社会稳定风险评估
        services.record_risk(
            decision,
            clerk,
            assessor="示例市社会稳定风险评估中心",
            risk_level="medium",
            controllable=True,
            summary=RISK_REPORT,
            on=days(61),
        )
    else:
        services.waive(decision, clerk, kind=Kind.RISK, ground="no_risk", reason=NO_RISK, on=days(61))
    if "布局" in decision.title:
        _heard(decision, clerk, days)
    if legality:
        services.record_legality(
            decision,
            clerk,
            reviewer="赵审核",
            reviewer_org="示例市司法局",
            sent_on=days(58),
            concluded_on=days(28),
            conclusion="amended",
            summary=LEGALITY_OPINION,
            on=days(28),
        )


def _heard(decision, clerk, days):
    """A 听证会 on school sites (第十六条), its materials out 10 days before, and its files."""
    hearing = services.plan_hearing(
        decision, clerk, held_on=days(60), place="市教育局三楼会议室", on=days(80)
    )
    services.hold_hearing(
        hearing, clerk, held_on=days(60), materials_delivered_on=days(70), list_published_on=days(75),
        participants=HEARING_PARTICIPANTS, transcript=TRANSCRIPT, on=days(59),
    )  # fmt: skip
    services.attach_material(
        decision, clerk, name="听证笔录.pdf", data=pdf("Hearing transcript"), title="听证笔录"
    )
    experts = decision.latest_record(Kind.EXPERTS)
    services.attach_material(
        decision, clerk, name="专家论证意见（签字）.pdf", data=pdf("Expert opinion"), record=experts
    )


def pdf(text: str) -> bytes:
    """A one-page PDF saying `text` (ASCII), made here so the demo needs no files."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _other_unit(demo, today):
    town = demo.orgs["SL-HPZ"]
    catalogue = services.new_catalogue(demo.users["town"], town, today.year)
    services.add_decision(
        catalogue,
        demo.users["town"],
        title="和平镇集镇区农贸市场改造方案",
        undertaker="和平镇经济发展办",
        category="project",
        planned="第四季度",
    )


DECISIONS = [
    # title, 决策承办单位, category, 计划完成时间
    ("示例市义务教育阶段学校招生入学办法", "基础教育科", "policy", "第二季度"),
    ("示例市中小学课后服务收费标准调整方案", "财务科", "policy", "第三季度"),
    ("示例市学前教育发展提升行动计划（2026—2030年）", "学前教育科", "plan", "第二季度"),
    ("示例市新建学校布局专项规划", "发展规划科", "plan", "第一季度"),
    ("示例市校外培训机构监管办法", "校外教育培训监管科", "policy", "第四季度"),
]
HEARING_PARTICIPANTS = [
    {"name": "周家长", "organisation": "示例市中小学家长委员会", "contact": "13800000001"},
    {"name": "吴校长", "organisation": "示例市第三中学", "contact": "13800000002"},
    {"name": "郑代表", "organisation": "示例市人大代表", "contact": ""},
    {"name": "冯居民", "organisation": "示例市和平社区居民委员会", "contact": "13800000003"},
]
TRANSCRIPT = (
    "听证参加人4人到会发言：赞成新建学校选址，建议同步规划接送车道和过渡期校车；"
    "承办单位当场答复将在规划中体现。"
)
DRAFT_TEXT = (
    "一、目的和依据\n为规范相关工作，依据有关法律法规，结合本市实际，制定本方案。\n"
    "二、主要内容\n（一）适用范围……\n（二）工作要求……\n三、实施时间\n本方案自公布之日起施行。"
)
COMMENTS = [
    "建议延长过渡期，给学校和家长留出准备时间。",
    "建议公开划片依据，便于家长查询。",
    "希望增加随迁子女入学的保障条款。",
]
REPLIES = ["已采纳，过渡期延长至一学期。", "划片依据另行公开，不在本办法中规定。"]
FEEDBACK = "共收到公众意见3条，采纳2条：延长过渡期、增加随迁子女入学保障；未采纳1条，理由已逐条答复。"
RISK_REPORT = "部分学校撤并可能引发家长集中反映，评定为中风险；已制定分步实施和接送保障措施，风险可控。"
NO_RISK = "调整事项不涉及群众切身利益的重大变化，经初步分析不会对社会稳定、公共安全造成不利影响。"
LEGALITY_OPINION = "建议删除第五条中增加义务的表述，修改后合法。"
MINUTES = "会议组成人员充分发表意见，无不同意见；局长最后发表意见，同意通过。"
PARTY = "已于会前向局党组请示报告，局党组同意。"
EXPLANATION = "公众意见采纳2条，专家论证意见（明确过渡期安排）已采纳。"
