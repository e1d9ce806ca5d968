"""重大行政决策 — the law of this system, as data. Read this first.

《重大行政决策程序暂行条例》（国务院令第713号，2019-04-20公布，2019-09-01施行）; LAW.md §3.

    决策事项目录 (第三条第三款): drafted → 经同级党委同意 → 公布; adjusted with a reason.

    拟订草案 --提请集体讨论--> 已提请讨论 --集体讨论决定--> 已决定 --公布--> 已公布 --归档--> 已归档
       ^                              |--不予通过--> 未通过 --归档--> 已归档
       +----------暂缓、修改后再提请----+

While the draft is prepared the process records are kept (过程记录): 公众参与 (a public
consultation of at least 30 days and its published 采纳情况, and any 听证会 — its materials
delivered at least 7 days before it, its participant list published in advance, 第十六条),
专家论证, 风险评估, 合法性审查, and — for a draft touching market entities' economic activity —
the 公平竞争审查 whose findings go with the materials for discussion (第二十九条第一项).
The draft cannot be tabled for 集体讨论决定 until each is recorded — or, for the first three,
lawfully waived with a reason (第十四条、第十九条、第二十二条 apply them by case type); the
合法性审查 can never be waived, and an unlawful finding keeps the draft off the table
(第二十五条). A planned hearing not yet held keeps it off the table too. Materials of the
process are uploaded to the decision and kept with it until it is archived (第三十三条). A
refusal names the article. 决策后评估 (第三十六条) is scheduled with a date and
tracked by a clock with its light.
"""

import datetime

from django.db import models

from fazhi.core import clocks
from fazhi.core.engine import Gate, Procedure, Refused, Start, Stop, Transition
from fazhi.core.models import Role, Unit
from fazhi.core.rules import RULES, Citation, Deadline, register

LAW = "《重大行政决策程序暂行条例》"
SINCE = datetime.date(2019, 9, 1)


def art(article: str) -> Citation:
    return Citation(LAW, article)


CATALOGUE = art("第三条第三款")
PARTICIPATION = art("第十四条")
CONSULTATION_PERIOD = art("第十五条")
HEARING = art("第十六条")
HEARING_NOTICE = art("第十六条第三款")
EXPERTS = art("第十九条")
EXPERT_SIGNED = art("第十九条、第二十条")
RISK = art("第二十二条")
RISK_CONTROL = art("第二十四条")
LEGALITY = art("第二十五条")
LEGALITY_TIME = art("第二十六条")
# 第二十九条 lists the materials for discussion as items; the first: 决策草案涉及市场主体经济活动的，
# 应当包含公平竞争审查的有关情况.
FAIR_COMPETITION = art("第二十九条第一项")
DISCUSSION = art("第三十条")
PARTY_REPORT = art("第三十一条")
PUBLICATION = art("第三十二条")
ARCHIVE = art("第三十三条")
EVALUATION = art("第三十六条")


class State(models.TextChoices):
    DRAFTING = "drafting", "拟订草案"
    TABLED = "tabled", "已提请集体讨论"
    DECIDED = "decided", "已决定"
    REJECTED = "rejected", "未通过"
    PUBLISHED = "published", "已公布"
    ARCHIVED = "archived", "已归档"


# 第三十二条: what the public may read; and every decision taken (集体讨论决定), published or not.
PUBLISHED_STATES = (State.PUBLISHED, State.ARCHIVED)
DECIDED_STATES = (State.DECIDED, *PUBLISHED_STATES)


class CatalogueState(models.TextChoices):
    DRAFT = "draft", "编制中"
    PUBLISHED = "published", "已公布"


class Category(models.TextChoices):
    """第三条第一款: what a 重大行政决策 is."""

    POLICY = "policy", "重大公共政策和措施"
    PLAN = "plan", "重要规划"
    RESOURCES = "resources", "重要自然资源、文化资源开发利用政策措施"
    PROJECT = "project", "重大公共建设项目"
    OTHER = "other", "其他对经济社会发展有重大影响的事项"


# The part of the procedure each process record is (过程记录), in the order of the 条例.
class Kind(models.TextChoices):
    PARTICIPATION = "participation", "公众参与"
    EXPERTS = "experts", "专家论证"
    RISK = "risk", "风险评估"
    LEGALITY = "legality", "合法性审查"
    FAIR_COMPETITION = "fair_competition", "公平竞争审查"


class RecordStatus(models.TextChoices):
    DONE = "done", "已完成"
    WAIVED = "waived", "依法不适用"


# The grounds on which a procedure may be left out, as the 条例 words them. 合法性审查 has none:
# 第二十五条 — a draft not reviewed cannot be tabled.
WAIVERS = {
    Kind.PARTICIPATION: (("not_public", "依法不予公开的决策事项", PARTICIPATION),),
    Kind.EXPERTS: (("not_technical", "不属于专业性、技术性较强的决策事项", EXPERTS),),
    Kind.RISK: (("no_risk", "决策实施不会对社会稳定、公共安全等方面造成不利影响", RISK),),
    Kind.LEGALITY: (),
    Kind.FAIR_COMPETITION: (),  # applies by the decision's `market_related`, never waived
}
BASIS = {
    Kind.PARTICIPATION: PARTICIPATION,
    Kind.EXPERTS: EXPERTS,
    Kind.RISK: RISK,
    Kind.LEGALITY: LEGALITY,
    Kind.FAIR_COMPETITION: FAIR_COMPETITION,
}


class HearingState(models.TextChoices):
    """A hearing of 公众参与 (第十六条): announced, then held with its 听证笔录, or called off."""

    PLANNED = "planned", "拟召开"
    HELD = "held", "已召开"
    CANCELLED = "cancelled", "已取消"


class RiskLevel(models.TextChoices):
    LOW = "low", "低风险"
    MEDIUM = "medium", "中风险"
    HIGH = "high", "高风险"


class LegalityConclusion(models.TextChoices):
    LAWFUL = "lawful", "合法"
    LAWFUL_IF_AMENDED = "amended", "修改后合法"
    UNLAWFUL = "unlawful", "不合法"


class MeetingKind(models.TextChoices):
    """第三十条: the draft is discussed at one of these."""

    EXECUTIVE = "executive", "常务会议"
    PLENARY = "plenary", "全体会议"


class EvaluationState(models.TextChoices):
    PLANNED = "planned", "拟评估"
    SCHEDULED = "scheduled", "评估中"
    DONE = "done", "已评估"


class EvaluationGround(models.TextChoices):
    """第三十六条: when a decision is evaluated after it has been carried out."""

    MISSED = "missed", "实施后明显未达到预期效果"
    OBJECTIONS = "objections", "公民、法人或者其他组织提出较多意见"
    NECESSARY = "necessary", "决策机关认为有必要"


# --- periods ----------------------------------------------------------------------------

CONSULTATION = Deadline(
    "decisions.consultation",
    "公开征求意见期限（最短）",
    30,
    Unit.DAYS,
    cite=CONSULTATION_PERIOD,
    since=SINCE,
    extension="因情况紧急等原因需要缩短的，公开征求意见时应当予以说明",
    notes="一般不少于30日：少于30日的，须在征求意见稿中说明缩短的理由。",
)
REVIEW_TIME = Deadline(
    "decisions.legality_review",
    "合法性审查时间（最短）",
    7,
    Unit.WORKDAYS,
    cite=LEGALITY_TIME,
    since=SINCE,
    notes="送请合法性审查应当保证必要的审查时间，一般不少于7个工作日：少于的，须记录理由。",
)
HEARING_MATERIALS = Deadline(
    "decisions.hearing_materials",
    "听证材料送达期限（听证会前最少）",
    7,
    Unit.DAYS,
    cite=HEARING_NOTICE,
    since=SINCE,
    notes="听证会材料应当于召开听证会7日前送达听证参加人；听证参加人名单提前向社会公布。"
    "送达之日与听证会之间相隔的日数不少于7日（送达之日不计入）。",
)
EVALUATION_DUE = Deadline(
    "decisions.evaluation",
    "决策后评估完成期限",
    None,
    Unit.DATE,
    cite=EVALUATION,
    since=SINCE,
    notes="条例未规定评估期限，由决策机关在安排评估时确定完成日期。",
)
register(CONSULTATION, HEARING_MATERIALS, REVIEW_TIME, EVALUATION_DUE)


def minimum(rule: Deadline, on: datetime.date, org) -> int:
    """A minimum period in force on `on` for `org`: a jurisdiction's own version where it
    has one (设置 › 地方期限规则), else the 条例's."""
    local = clocks.local_rule(rule.key, on, org)
    return local.amount if local is not None else RULES.in_force(rule.key, on).amount


# --- gates of 提请集体讨论 -----------------------------------------------------------------


def _latest(decision, kind):
    return decision.latest_record(kind)


def participation_passed(decision, data, on) -> bool:
    """Waived on a lawful ground, or the public consultation ended and its 采纳情况 published."""
    found = _latest(decision, Kind.PARTICIPATION)
    if found is None:
        return False
    if found.status == RecordStatus.WAIVED:
        return True
    consultation = decision.consultation()
    return (
        consultation is not None
        and consultation.state == "closed"
        and consultation.closes_on < on
        and bool(consultation.feedback.strip())
    )


def recorded(kind):
    def passes(decision, data, on) -> bool:
        return _latest(decision, kind) is not None

    return passes


def experts_signed(decision, data, on) -> bool:
    found = _latest(decision, Kind.EXPERTS)
    return found is None or found.status == RecordStatus.WAIVED or found.signed


def risk_controllable(decision, data, on) -> bool:
    found = _latest(decision, Kind.RISK)
    return found is None or found.status == RecordStatus.WAIVED or found.risk_controllable


def legality_lawful(decision, data, on) -> bool:
    found = _latest(decision, Kind.LEGALITY)
    return found is not None and found.conclusion in (
        LegalityConclusion.LAWFUL,
        LegalityConclusion.LAWFUL_IF_AMENDED,
    )


def review_time_kept(decision, data, on) -> bool:
    """Raises with the minimum in force for the deciding body (a local rule may differ)."""
    found = _latest(decision, Kind.LEGALITY)
    if found is None or found.review_time_kept():
        return True
    days = found.review_days()
    now = f"（现为{days}个工作日）" if days is not None else ""
    raise Refused(
        f"合法性审查时间一般不少于{found.review_minimum()}个工作日{now}：审查时间少于规定时间的，须记录缩短的理由。",
        LEGALITY_TIME,
    )


def hearings_held(decision, data, on) -> bool:
    """第十六条: a hearing announced as part of 公众参与 is held (or called off) first."""
    return not decision.hearings.filter(state=HearingState.PLANNED).exists()


def fair_competition_recorded(decision, data, on) -> bool:
    """第二十九条第一项: the materials for discussion include the 公平竞争审查."""
    return not decision.market_related or _latest(decision, Kind.FAIR_COMPETITION) is not None


GATES = (
    Gate(
        participation_passed,
        "公众参与尚未完成：须向社会公开征求意见，征求意见期限届满并公布意见采纳情况后，"
        "方可提请集体讨论；依法不予公开的决策事项，须记录不适用的理由。",
        PARTICIPATION,
    ),
    Gate(
        recorded(Kind.EXPERTS),
        "专家论证尚未记录：专业性、技术性较强的决策事项应当组织专家论证；不属于的，须记录理由。",
        EXPERTS,
    ),
    Gate(experts_signed, "专家论证意见须由专家签字或者单位盖章。", EXPERT_SIGNED),
    Gate(
        recorded(Kind.RISK),
        "风险评估尚未记录：决策实施可能对社会稳定、公共安全等方面造成不利影响的，应当组织风险评估；"
        "不会造成不利影响的，须记录理由。",
        RISK,
    ),
    Gate(
        risk_controllable,
        "风险评估认为风险不可控：须采取调整决策草案等措施确保风险可控后，方可提请决策。",
        RISK_CONTROL,
    ),
    Gate(
        legality_lawful,
        "决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论。",
        LEGALITY,
    ),
    Gate(
        review_time_kept,
        f"合法性审查时间一般不少于{REVIEW_TIME.amount}个工作日：审查时间少于规定时间的，须记录缩短的理由。",
        LEGALITY_TIME,
    ),
    Gate(
        hearings_held,
        "已安排的听证会尚未召开：听证会召开并记录听证笔录后，方可提请集体讨论；不再召开的，须记录取消的理由。",
        HEARING,
    ),
    Gate(
        fair_competition_recorded,
        "决策草案涉及市场主体经济活动：提请集体讨论的材料应当包含公平竞争审查的有关情况，须先记录公平竞争审查结论。",
        FAIR_COMPETITION,
    ),
)


def meeting_not_in_future(decision, data, on) -> bool:
    return data.get("meeting_on") is None or data["meeting_on"] <= on


MEETING_HELD = Gate(meeting_not_in_future, "集体讨论的会议日期不能晚于今天。", DISCUSSION)
PUBLISH_FIELDS = {
    "party_report": "向同级党委请示报告情况",
    "explanation": "公众意见、专家论证意见的采纳情况说明",
}
MEETING = {
    "meeting_on": "会议日期",
    "meeting_kind": "会议类型",
    "minutes": "讨论情况（含不同意见）",
}


def catalogue_has_items(catalogue, data, on) -> bool:
    return catalogue.decisions.exists()


def party_agreed_not_in_future(catalogue, data, on) -> bool:
    return data.get("party_agreed_on") is None or data["party_agreed_on"] <= on


CATALOGUE_GATES = (
    Gate(catalogue_has_items, "目录中尚无决策事项，不能公布。", CATALOGUE),
    Gate(party_agreed_not_in_future, "同级党委同意日期不能晚于今天。", CATALOGUE),
)

# fmt: off
PROCEDURE = Procedure(
    "重大行政决策",
    State,
    (
        Transition(
            "table", "提请集体讨论", source=(State.DRAFTING,), target=State.TABLED,
            roles=(Role.CLERK, Role.HEAD), gates=GATES, cite=DISCUSSION,
            help="公众参与、专家论证、风险评估已完成或依法不适用，并经合法性审查后，提请决策机关常务会议或者全体会议讨论。",
        ),
        Transition(
            "decide", "集体讨论决定", source=(State.TABLED,), target=State.DECIDED, roles=(Role.HEAD,),
            requires=MEETING, gates=(MEETING_HELD,), cite=DISCUSSION,
            writes={"meeting_on": "meeting_on", "meeting_kind": "meeting_kind", "minutes": "minutes"},
            help="行政首长在集体讨论的基础上作出决定；与多数人意见不一致的，应当在会上说明理由；不同意见如实载明。",
        ),
        Transition(
            "defer", "暂缓决定、修改后再提请", source=(State.TABLED,), target=State.DRAFTING,
            roles=(Role.HEAD,), requires=MEETING, gates=(MEETING_HELD,), cite=DISCUSSION, awaited=False,
            writes={"meeting_on": "meeting_on", "meeting_kind": "meeting_kind", "minutes": "minutes"},
        ),
        Transition(
            "reject", "不予通过", source=(State.TABLED,), target=State.REJECTED, roles=(Role.HEAD,),
            requires=MEETING, gates=(MEETING_HELD,), cite=DISCUSSION, awaited=False,
            writes={"meeting_on": "meeting_on", "meeting_kind": "meeting_kind", "minutes": "minutes"},
        ),
        Transition(
            "publish", "公布", source=(State.DECIDED,), target=State.PUBLISHED, roles=(Role.CLERK, Role.HEAD),
            requires=PUBLISH_FIELDS,
            writes={"party_report": "party_report", "explanation": "explanation"}, cite=PUBLICATION,
            help="出台前按照规定向同级党委请示报告（第三十一条）；通过政府公报、政府网站等公布，"
            "并对公众参与、专家论证等意见的研究采纳情况作出说明（第三十二条）。",
        ),
        Transition(
            "archive", "归档", source=(State.PUBLISHED, State.REJECTED), target=State.ARCHIVED,
            roles=(Role.CLERK, Role.HEAD), requires={"archive_number": "档案号"},
            writes={"archive_number": "archive_number"}, cite=ARCHIVE,
            help="决策过程记录和材料及时完整归档。",
        ),
    ),
)

CATALOGUE_PROCEDURE = Procedure(
    "重大行政决策事项目录",
    CatalogueState,
    (
        Transition(
            "publish", "公布目录", source=(CatalogueState.DRAFT,), target=CatalogueState.PUBLISHED,
            roles=(Role.HEAD,), requires={"party_agreed_on": "同级党委同意日期"},
            writes={"party_agreed_on": "party_agreed_on"}, cite=CATALOGUE,
            gates=CATALOGUE_GATES,
            help="决策事项目录和标准经同级党委同意后向社会公布。",
        ),
    ),
)


def hearing_not_in_future(hearing, data, on) -> bool:
    return data["held_on"] <= on


def materials_in_time(hearing, data, on) -> bool:
    """Raises with the period in force on the hearing day (a local rule may lengthen it)."""
    needed = minimum(HEARING_MATERIALS, data["held_on"], hearing.org)
    days = (data["held_on"] - data["materials_delivered_on"]).days
    if days >= needed:
        return True
    raise Refused(
        f"听证会材料应当于召开听证会{needed}日前送达听证参加人（现为{days}日前送达）。", HEARING_NOTICE
    )


def list_published_in_advance(hearing, data, on) -> bool:
    return data["list_published_on"] < data["held_on"]


HEARING_GATES = (
    Gate(hearing_not_in_future, "听证会日期不能晚于今天：听证会召开后方可记录。", HEARING),
    Gate(
        materials_in_time,
        f"听证会材料应当于召开听证会{HEARING_MATERIALS.amount}日前送达听证参加人。",
        HEARING_NOTICE,
    ),
    Gate(
        list_published_in_advance,
        "听证参加人名单应当在听证会召开前向社会公布（公布日期须早于听证会日期）。",
        HEARING_NOTICE,
    ),
)
HELD = {
    "held_on": "听证会日期",
    "materials_delivered_on": "材料送达听证参加人日期",
    "list_published_on": "听证参加人名单公布日期",
    "participants": "听证参加人",
    "transcript": "听证笔录摘要",
}


def evaluator_independent(evaluation, data, on) -> bool:
    """第三十六条: not the unit that did the main argument and assessment before the decision."""
    evaluator = "".join(str(data.get("evaluator", "")).split())
    return evaluator not in evaluation.decision.pre_decision_assessors()


EVALUATION_PROCEDURE = Procedure(
    "决策后评估",
    EvaluationState,
    (
        Transition(
            "schedule", "安排评估", source=(EvaluationState.PLANNED,), target=EvaluationState.SCHEDULED,
            roles=(Role.CLERK, Role.HEAD), requires={"due_on": "评估完成期限"}, cite=EVALUATION,
            gates=(Gate(lambda e, data, on: data["due_on"] >= on, "评估完成期限不能早于今天。", EVALUATION),),
            clocks=(Start(EVALUATION_DUE.key, due_from="due_on"),),
        ),
        Transition(
            "complete", "完成评估", source=(EvaluationState.SCHEDULED,), target=EvaluationState.DONE,
            roles=(Role.CLERK, Role.HEAD), requires={"evaluator": "评估主体", "conclusion": "评估结论"},
            writes={"evaluator": "evaluator", "conclusion": "conclusion"}, cite=EVALUATION,
            gates=(Gate(evaluator_independent,
                        "决策作出前承担主要论证评估工作的单位不得作为决策后评估的评估主体。", EVALUATION),),
            clocks=(Stop(EVALUATION_DUE.key),),
        ),
    ),
)
HEARING_PROCEDURE = Procedure(
    "听证会",
    HearingState,
    (
        Transition(
            "hold", "记录听证会召开情况", source=(HearingState.PLANNED,), target=HearingState.HELD,
            roles=(Role.CLERK, Role.HEAD), requires=HELD, gates=HEARING_GATES, cite=HEARING,
            writes={name: name for name in HELD},
            help=f"听证会材料于召开听证会{HEARING_MATERIALS.amount}日前送达听证参加人，听证参加人名单提前向社会公布；"
            "听证会召开后记录听证笔录。",
        ),
        Transition(
            "cancel", "取消听证会", source=(HearingState.PLANNED,), target=HearingState.CANCELLED,
            roles=(Role.CLERK, Role.HEAD), requires={"cancel_reason": "取消的理由"}, cite=HEARING,
            writes={"cancel_reason": "cancel_reason"}, awaited=False,
        ),
    ),
)
# fmt: on
