"""行政规范性文件 — the life of a normative document, read this first.

    立项 --起草--> 起草中 --公开征求意见--> 征求意见 --提请合法性审核--> 审核中
        (合法性审核 by the 司法 unit's reviewer, a record of its own: LegalityReview;
         公平竞争审查 by the drafting unit, recorded on the document)
    审核中 --集体讨论决定--> 已决定 --统一登记、编号、印发--> 已印发 --公布（附政策解读）--> 现行有效
    现行有效 --备案 (clock: to the superior within the period)
    现行有效 --修改 / 废止 / 失效--> 已修改 / 已废止 / 已失效
        (修改 by a new document that `replaces` it: when that one is published, this one
         becomes 已修改; 失效 when the 有效期 has ended, marked daily by `fazhi remind`)

Basis (LAW.md §10): 《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》
（国办发〔2018〕37号）: procedure, 三统一 (统一登记、统一编号、统一印发), 清理;
《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）:
合法性审核 全覆盖, review time generally ≥5 and ≤15 working days; 《优化营商环境条例》
(国务院令第722号) 第六十二条第二款: ≥30 days of public consultation for documents closely
tied to market entities. The 备案 period and the 有效期 are provincial (LAW.md marks them
local): declared here with their commonest values and configurable per jurisdiction through
core's local rules (RuleOverride), which the screens say.
"""

import datetime

from django.db import models

from fazhi.core.engine import Gate, Procedure, Start, Stop, Transition
from fazhi.core.models import Role, Unit
from fazhi.core.rules import Citation, Deadline, register

GUOBAN_37 = Citation(
    "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》", "（国办发〔2018〕37号）"
)
GUOBAN_115 = Citation(
    "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》", "（国办发〔2018〕115号）"
)
BUSINESS_ENV = Citation("《优化营商环境条例》", "第六十二条第二款")
PROVINCIAL = Citation(
    "《本省（自治区、直辖市）行政规范性文件管理规定》", "（各地规定不一，可由本级设定地方期限）"
)
FAIR_COMPETITION = Citation("《公平竞争审查条例》")

SINCE_2018 = datetime.date(2018, 5, 16)  # 国办发〔2018〕37号 issued 2018-05-16
SINCE_115 = datetime.date(2018, 12, 4)  # 国办发〔2018〕115号


class State(models.TextChoices):
    PROPOSED = "proposed", "立项"
    DRAFTING = "drafting", "起草中"
    CONSULTING = "consulting", "征求意见"
    REVIEWING = "reviewing", "审核中"
    DECIDED = "decided", "已集体讨论"
    ISSUED = "issued", "已印发"
    IN_FORCE = "in_force", "现行有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"
    WITHDRAWN = "withdrawn", "终止制定"  # a draft the body decided not to make


# States a document has been published in: what the public may read.
PUBLISHED_STATES = (State.IN_FORCE, State.AMENDED, State.REPEALED, State.EXPIRED)
ENDED_STATES = (State.AMENDED, State.REPEALED, State.EXPIRED)
STATUS_BY_LABEL = {State.IN_FORCE.label: State.IN_FORCE} | {s.label: s for s in ENDED_STATES}


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", "同意"
    APPROVED_WITH_CHANGES = "with_changes", "修改后同意"
    REJECTED = "rejected", "不同意"


PASSING_OUTCOMES = (ReviewOutcome.APPROVED, ReviewOutcome.APPROVED_WITH_CHANGES)


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", "审核中"
    CONCLUDED = "concluded", "已出具审核意见"
    WITHDRAWN = "withdrawn", "已撤回"  # the draft was withdrawn before the opinion


class CleanupDecision(models.TextChoices):
    PENDING = "", "待定"
    KEEP = "keep", "继续有效"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"


# --- periods -------------------------------------------------------------------------------

CONSULTATION = Deadline(
    "normdocs.consultation",
    "公开征求意见期限（不少于）",
    30,
    Unit.DAYS,
    cite=BUSINESS_ENV,
    since=datetime.date(2020, 1, 1),
    confidence="unsure",
    configurable=True,
    notes="与市场主体生产经营活动密切相关的文件一般不少于30日（已核实）；其他文件国家未规定，"
    "各省规定不一（7个工作日或30日），可设定地方期限。",
)
REVIEW_MINIMUM = Deadline(
    "normdocs.review_minimum",
    "合法性审核时间（不少于）",
    5,
    Unit.WORKDAYS,
    cite=GUOBAN_115,
    since=SINCE_115,
    confidence="likely",
    configurable=True,
    notes="审核时间一般不少于5个工作日：起草单位应为审核机构留足时间，审核机构不早于此出具意见。",
)
REVIEW = Deadline(
    "normdocs.legality_review",
    "合法性审核期限（最长）",
    15,
    Unit.WORKDAYS,
    cite=GUOBAN_115,
    since=SINCE_115,
    confidence="likely",
    configurable=True,
    notes="一般不超过15个工作日，自审核机构收到送审材料之日起计算。",
)
FILING = Deadline(
    "normdocs.filing",
    "规范性文件备案期限",
    30,
    Unit.DAYS,
    cite=PROVINCIAL,
    since=SINCE_2018,
    confidence="unsure",
    configurable=True,
    notes="自公布之日起报上一级人民政府（或本级政府）备案；法规、规章为30日（《法规规章备案审查条例》第四条），"
    "规范性文件由各省规定（常见15日或30日），可设定地方期限。",
)
VALIDITY = Deadline(
    "normdocs.validity",
    "规范性文件有效期（最长）",
    60,
    Unit.MONTHS,
    cite=PROVINCIAL,
    since=SINCE_2018,
    confidence="unsure",
    configurable=True,
    notes="常见为不超过5年；国家未统一规定，各省规定不一（如上海、山东），可设定地方期限。",
)
VALIDITY_PROVISIONAL = Deadline(
    "normdocs.validity_provisional",
    "“暂行”“试行”文件有效期（最长）",
    24,
    Unit.MONTHS,
    cite=PROVINCIAL,
    since=SINCE_2018,
    confidence="unsure",
    configurable=True,
    notes="标题含“暂行”“试行”的文件常见为不超过2年，可设定地方期限。",
)
EXPIRY_WARNING = Deadline(
    "normdocs.expiry_warning",
    "有效期届满前评估提示",
    6,
    Unit.MONTHS,
    cite=PROVINCIAL,
    since=SINCE_2018,
    confidence="unsure",
    configurable=True,
    notes="有效期届满前6个月评估，决定重新登记印发或到期失效（如上海市规定第二十六条）。",
)
register(CONSULTATION, REVIEW_MINIMUM, REVIEW, FILING, VALIDITY, VALIDITY_PROVISIONAL, EXPIRY_WARNING)

PROVISIONAL_WORDS = ("暂行", "试行")

# --- gates ---------------------------------------------------------------------------------


def has_legal_basis(doc, data, on) -> bool:
    return bool((doc.legal_basis or "").strip())


def consultation_ended(doc, data, on) -> bool:
    """The period of the portal's consultation (core.consultation) has ended; the dates kept
    on the document stand in for one opened before the portal had comment pages."""
    from fazhi.core import consultation

    found = consultation.of(doc)
    closes_on = found.closes_on if found is not None else doc.consult_closes_on
    return closes_on is not None and closes_on < on


def legality_passed(doc, data, on) -> bool:
    return doc.reviews.filter(state=ReviewState.CONCLUDED, outcome__in=PASSING_OUTCOMES).exists()


def legality_rejected(doc, data, on) -> bool:
    latest = doc.reviews.order_by("-pk").first()
    return (
        latest is not None
        and latest.state == ReviewState.CONCLUDED
        and latest.outcome not in PASSING_OUTCOMES
    )


def fair_competition_done(doc, data, on) -> bool:
    return doc.fair_reviewed_on is not None


def decided(doc, data, on) -> bool:
    return doc.decided_on is not None


def amended_by_published(doc, data, on) -> bool:
    """修改 is done by a new document: one replacing `doc` has been published."""
    return type(doc).objects.filter(replaces=doc, state__in=PUBLISHED_STATES).exists()


def not_filed_yet(doc, data, on) -> bool:
    return doc.filed_on is None


def validity_lapsed(doc, data, on) -> bool:
    return doc.valid_until is not None and doc.valid_until < on


def amount_for(rule: Deadline, org, on: datetime.date) -> int:
    """The period in force for `org` on `on`: its jurisdiction's local rule, else the declared one."""
    from fazhi.core.clocks import local_rule  # clocks imports models; read at call time

    local = local_rule(rule.key, on, org)
    return local.amount if local else rule.amount


def consultation_long_enough(doc, data, on) -> bool:
    opens, closes = data.get("opens_on"), data.get("closes_on")
    if not opens or not closes:
        return True  # the missing field is named by `requires`
    return (closes - opens).days >= amount_for(CONSULTATION, doc.org, opens)


def review_time_enough(review, data, on) -> bool:
    from fazhi.core import workdays

    minimum = amount_for(REVIEW_MINIMUM, review.org, review.submitted_on)
    return workdays.workdays_between(review.submitted_on, on) >= minimum


LEGAL_BASIS = Gate(
    has_legal_basis, "制定依据不能为空：规范性文件须写明所依据的法律、法规、规章或上级文件。", GUOBAN_37
)
CONSULTED = Gate(consultation_ended, "公开征求意见期限尚未届满，不能提请合法性审核。", GUOBAN_37)
LEGALITY = Gate(legality_passed, "未经合法性审核或审核未通过的，不得提交集体讨论、不得印发。", GUOBAN_115)
FAIR = Gate(fair_competition_done, "涉及市场主体经济活动的文件须先完成公平竞争审查。", FAIR_COMPETITION)
DECIDED = Gate(decided, "未经集体审议决定，不得登记、编号、印发。", GUOBAN_37)
REJECTED = Gate(legality_rejected, "合法性审核未出具“不同意”意见，无需退回修改。", GUOBAN_115)
LONG_ENOUGH = Gate(
    consultation_long_enough,
    f"公开征求意见期限短于本级规定的最短期限（与市场主体密切相关的文件不少于{CONSULTATION.amount}日）。",
    BUSINESS_ENV,
)
REVIEW_TIME = Gate(
    review_time_enough,
    f"合法性审核时间不足本级规定的最短审核时间（一般不少于{REVIEW_MINIMUM.amount}个工作日），暂不能出具审核意见。",
    GUOBAN_115,
)
AMENDED_BY = Gate(
    amended_by_published,
    "规范性文件以新文件修改：请用“修改”起草修改文件，修改文件公布后，本文件即标记为已修改。",
    GUOBAN_37,
)
LAPSED = Gate(validity_lapsed, "有效期尚未届满，不能宣布失效。", PROVINCIAL)
NOT_FILED = Gate(not_filed_yet, "本文件已报送备案，无需重复报送。", PROVINCIAL)

# fmt: off
DRAFTERS = (Role.CLERK, Role.HEAD)
# Before 统一登记、编号、印发: a draft may still be abandoned (终止制定).
DRAFT_STATES = (State.PROPOSED, State.DRAFTING, State.CONSULTING, State.REVIEWING, State.DECIDED)
PROCEDURE = Procedure(
    "规范性文件",
    State,
    (
        Transition(
            "draft", "起草", source=(State.PROPOSED,), target=State.DRAFTING, roles=DRAFTERS,
            cite=GUOBAN_37, help="立项后开始起草，起草时应评估论证。",
        ),
        Transition(
            "consult", "公开征求意见", source=(State.DRAFTING,), target=State.CONSULTING, roles=DRAFTERS,
            requires={"opens_on": "征求意见开始日期", "closes_on": "征求意见截止日期"},
            gates=(LEGAL_BASIS, LONG_ENOUGH), cite=GUOBAN_37,
            help=f"在门户网站公开草案征求意见；期限不少于本级设定的期限（与市场主体密切相关的不少于{CONSULTATION.amount}日）。",
        ),
        Transition(
            "submit_review", "提请合法性审核", source=(State.CONSULTING,), target=State.REVIEWING,
            roles=DRAFTERS, requires={"review_org": "审核机构"}, gates=(LEGAL_BASIS, CONSULTED),
            cite=GUOBAN_115, help="征求意见期满后，送司法行政部门（法制审核机构）合法性审核。",
        ),
        Transition(
            "fair_competition", "公平竞争审查", source=(State.REVIEWING,), target=State.REVIEWING,
            roles=DRAFTERS, requires={"conclusion": "审查结论"},
            writes={"conclusion": "fair_conclusion"}, cite=FAIR_COMPETITION, awaited=False,
            help="起草单位对涉及市场主体经济活动的内容进行公平竞争审查，记录审查结论。",
        ),
        Transition(
            "revise", "退回修改", source=(State.REVIEWING,), target=State.DRAFTING, roles=DRAFTERS,
            gates=(REJECTED,), cite=GUOBAN_115, awaited=False,
            help="合法性审核不同意的，修改后重新征求意见或提请审核。",
        ),
        Transition(
            "decide", "集体讨论决定", source=(State.REVIEWING,), target=State.DECIDED, roles=(Role.HEAD,),
            requires={"meeting": "会议名称及日期"}, writes={"meeting": "meeting"},
            gates=(LEGAL_BASIS, LEGALITY, FAIR), cite=GUOBAN_37,
            help="经合法性审核、公平竞争审查后，提交本机关常务会议或办公会议集体审议决定。",
        ),
        Transition(
            "issue", "统一登记、编号、印发", source=(State.DECIDED,), target=State.ISSUED, roles=DRAFTERS,
            gates=(LEGAL_BASIS, LEGALITY, FAIR, DECIDED), cite=GUOBAN_37,
            help="三统一：统一登记、统一编号、统一印发。登记号和文号在审核、审议通过后才编发。",
        ),
        Transition(
            "publish", "公布", source=(State.ISSUED,), target=State.IN_FORCE, roles=DRAFTERS,
            requires={"interpretation": "政策解读", "effective_on": "施行日期"},
            writes={"interpretation": "interpretation", "effective_on": "effective_on"},
            clocks=(Start(FILING.key),), cite=GUOBAN_37,
            help="通过政府公报或门户网站公布（不得以内部文件印发），同步发布政策解读；开始计算备案期限。",
        ),
        Transition(
            "file", "报送备案", source=(State.IN_FORCE,), target=State.IN_FORCE, roles=DRAFTERS,
            requires={"filed_with": "备案机关"}, writes={"filed_with": "filed_with"}, gates=(NOT_FILED,),
            clocks=(Stop(FILING.key),), cite=PROVINCIAL, awaited=False, notify=("filing_org",),
            help="自公布之日起在规定期限内报送上一级人民政府备案。",
        ),
        Transition(
            "amend", "修改", source=(State.IN_FORCE,), target=State.AMENDED, roles=DRAFTERS,
            requires={"reason": "修改理由"}, writes={"reason": "end_reason"}, gates=(AMENDED_BY,),
            cite=GUOBAN_37, awaited=False,
            help="起草修改文件（预填本文件标题和正文），修改文件走完全部程序并公布后，本文件标记为已修改。",
        ),
        Transition(
            "repeal", "废止", source=(State.IN_FORCE,), target=State.REPEALED, roles=DRAFTERS,
            requires={"reason": "废止理由"}, writes={"reason": "end_reason"}, cite=GUOBAN_37, awaited=False,
            help="不再施行的文件写明理由后废止，自废止之日起不再现行有效。",
        ),
        Transition(
            "expire", "宣布失效", source=(State.IN_FORCE,), target=State.EXPIRED, roles=DRAFTERS,
            gates=(LAPSED,), cite=PROVINCIAL, awaited=False,
        ),
        # No article speaks of abandoning a draft: it is a step of the making procedure 37号
        # governs. The body records why; the public who commented are told on its page.
        Transition(
            "withdraw", "终止制定", source=DRAFT_STATES, target=State.WITHDRAWN, roles=DRAFTERS,
            requires={"reason": "终止理由"}, writes={"reason": "end_reason"}, cite=GUOBAN_37, awaited=False,
            help="不再制定的草案写明理由后终止：征求意见页面公布终止情况，送审中的合法性审核一并撤回；已编号印发的不能终止，应废止。",
        ),
    ),
)

REVIEW_PROCEDURE = Procedure(
    "合法性审核",
    ReviewState,
    (
        Transition(
            "conclude", "出具审核意见", source=(ReviewState.SUBMITTED,), target=ReviewState.CONCLUDED,
            roles=(Role.REVIEWER,), requires={"outcome": "审核结论", "opinion": "审核意见"},
            writes={"outcome": "outcome", "opinion": "opinion"}, gates=(REVIEW_TIME,),
            clocks=(Stop(REVIEW.key),),
            cite=GUOBAN_115, notify=("document_org",),
            help="司法行政部门（法制审核机构）审核制定主体、权限、程序、内容，对文本检查的每项发现作出判断。",
        ),
        Transition(  # taken by the system when the drafting body ends the draft (终止制定)
            "withdraw", "撤回审核", source=(ReviewState.SUBMITTED,), target=ReviewState.WITHDRAWN,
            roles=(), awaited=False,
        ),
    ),
)
# fmt: on

# The series of the two numbers 三统一 gives: the register number and the document number.
REGISTER_SERIES = "规登"
DOC_SERIES = "规"
