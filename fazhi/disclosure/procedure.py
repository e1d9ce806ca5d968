"""政府信息公开 — the law of this system, as data.

《中华人民共和国政府信息公开条例》（国务院令第711号，2019年4月3日修订，2019年5月15日施行）:

依申请公开 (requests)
    登记 --受理--> 办理中 --拟定答复--> 待签发 --签发--> 已答复 --送达--> 已送达 --归档--> 已归档
      |                ^  |  ^                |
      +--通知补正--> 待补正 |  +--征求意见--> 征求意见中
             |  (补正收到: 答复期限重新起算) |  (意见收到或期满: 期间不计入答复期限)
             +--逾期未补正--> 已答复        +--收费通知--> 待缴费 --缴费到账--> 办理中
                （其他处理：不再处理）          (期间不计入)  +--逾期未缴费--> 已答复（其他处理）
    延期: once, by the head (政府信息公开工作机构负责人), 20 working days, applicant told.

Counting (LAW.md §0.1, §1.1): the day of receipt is not counted (民法典第二百零一条 by
analogy); 补正 restarts the 20 working days from the day after it arrives (第三十条); the
working days from the day after a consultation letter is sent up to and including the day
the answer arrives, or the consulted party's 15 working days end, are not counted
(第三十三条第三款); an extension adds 20 working days to the period then in force (第三十三条第二款).

主动公开 (proactive publication)
    草稿 --提交审查--> 保密审查（经办单位负责人 → 分管领导 → 保密委员会，一事一审）--> 已发布 --撤回--> 已撤回
    published within 20 working days of the information being formed or changed (第二十六条).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from fazhi.core import clocks as clockwork
from fazhi.core.engine import Extend as ExtendClock
from fazhi.core.engine import Gate, Pause, Procedure, Restart, Resume, Start, Stop, Transition
from fazhi.core.models import Role, Unit
from fazhi.core.rules import Citation, Deadline, register

OGI = "《中华人民共和国政府信息公开条例》"
SINCE = datetime.date(2019, 5, 15)  # 2019年修订施行


def art(article: str) -> Citation:
    return Citation(OGI, article)


# --- deadlines -------------------------------------------------------------------------

PUBLICATION = Deadline(
    "disclosure.publication",
    "主动公开期限",
    20,
    Unit.WORKDAYS,
    cite=art("第二十六条"),
    since=SINCE,
    notes="自该政府信息形成或者变更之日起20个工作日内及时公开；法律、法规另有规定的从其规定。",
)
REPLY = Deadline(
    "disclosure.reply",
    "依申请公开答复期限",
    20,
    Unit.WORKDAYS,
    cite=art("第三十三条"),
    since=SINCE,
    pauses=(
        "征求第三方或者其他机关意见所需时间不计算在内（第三十三条第三款）",
        "补正后自收到补正之日起重新计算（第三十条）",
        "自发出收费通知至申请人缴费之日不计算在内（《政府信息公开信息处理费管理办法》，待核实）",
    ),
    extension="需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不得超过20个工作日",
)
CORRECTION_NOTICE = Deadline(
    "disclosure.correction_notice",
    "补正告知期限",
    7,
    Unit.WORKDAYS,
    cite=art("第三十条"),
    since=SINCE,
    notes="申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人作出补正。",
)
CORRECTION_PERIOD = Deadline(
    "disclosure.correction_period",
    "补正期限",
    None,
    Unit.DATE,
    cite=art("第三十条"),
    since=SINCE,
    notes="行政机关在补正通知中确定的合理期限；无正当理由逾期不补正的，视为放弃申请。",
)
THIRD_PARTY = Deadline(
    "disclosure.third_party",
    "第三方提出意见期限",
    15,
    Unit.WORKDAYS,
    cite=art("第三十二条"),
    since=SINCE,
    notes="第三方应当自收到征求意见书之日起15个工作日内提出意见；逾期未提出的由行政机关依法决定。",
)
OTHER_AGENCY = Deadline(
    "disclosure.other_agency",
    "其他机关提出意见期限",
    15,
    Unit.WORKDAYS,
    cite=art("第三十四条"),
    since=SINCE,
    notes="被征求意见机关应当自收到征求意见书之日起15个工作日内提出意见，逾期未提出的视为同意公开。",
)

# 信息处理费 (条例第四十二条; 《政府信息公开信息处理费管理办法》，国办函〔2020〕109号).
# LAW.md §1.1 marks the payment period (20 working days?) and its article (第七条 or so) as
# unsure, and whether the reply period pauses meanwhile ("不计算在答复期限内") likewise: the
# number is configurable — a jurisdiction sets its own with a RuleOverride.
FEE_LAW = "《政府信息公开信息处理费管理办法》"
FEE_SINCE = datetime.date(2021, 1, 1)  # 施行日期 from memory; LAW.md does not give it
FEE_PAYMENT = Deadline(
    "disclosure.fee_payment",
    "缴费期限",
    20,
    Unit.WORKDAYS,
    cite=Citation(FEE_LAW, "第七条"),
    since=FEE_SINCE,
    confidence="unsure",
    configurable=True,
    notes=(
        "申请人应当在收费通知确定的期限内缴纳信息处理费，逾期未缴纳的，行政机关不再处理其申请。"
        "20个工作日及所引条文（第七条）均待核实（LAW.md §1.1 标记为 unsure），各地可调整；"
        "本系统自收费通知之日次日起计算，自通知之日至缴费之日不计算在答复期限内。"
    ),
)
ANNUAL_REPORT = Deadline(
    "disclosure.annual_report",
    "政府信息公开工作年度报告公布期限",
    None,
    Unit.DATE,
    cite=art("第四十九条"),
    since=SINCE,
    notes="县级以上人民政府部门每年1月31日前向本级政府信息公开工作主管部门提交并向社会公布上一年度报告；"
    "县级以上地方人民政府的政府信息公开工作主管部门每年3月31日前向社会公布本级政府上一年度报告。",
)
register(
    PUBLICATION,
    REPLY,
    CORRECTION_NOTICE,
    CORRECTION_PERIOD,
    THIRD_PARTY,
    OTHER_AGENCY,
    FEE_PAYMENT,
    ANNUAL_REPORT,
)


def annual_report_due(is_department: bool, year: int) -> datetime.date:
    """第四十九条: a department's report by 31 January, a government's by 31 March."""
    return datetime.date(year + 1, 1, 31) if is_department else datetime.date(year + 1, 3, 31)


CONSULTATION_RULES = (THIRD_PARTY.key, OTHER_AGENCY.key)


# --- 信息处理费: the scale of 109号 Arts. 3–5, as data ----------------------------------------


class FeeMethod(models.TextChoices):  # 一件申请只适用一种计收方式
    BY_REQUEST = "by_request", "按件计收"
    BY_PAGE = "by_page", "按量计收"


@dataclass(frozen=True)
class FeeScale:
    """超额累进: unit n (1-based) costs the price of the first band reaching n; past the last
    band, each further `step` units raise the price by `rise` (按件: 每增加一档提高100元/件)."""

    method: str
    quantity: str  # what is counted, in the notice's words
    bands: tuple[tuple[int | None, int], ...]  # (up to and including n, 元 per unit); None: no end
    step: int = 0
    rise: int = 0

    def price(self, n: int) -> int:
        for upto, price in self.bands:
            if upto is None or n <= upto:
                return price
        last_upto, last_price = self.bands[-1]
        return last_price + self.rise * -(-(n - last_upto) // self.step)

    def total(self, quantity: int) -> int:
        """What the first `quantity` units cost together, band by band."""
        return sum(self.price(n) for n in range(1, quantity + 1))


FEE_CITE = Citation(FEE_LAW, "第三条至第五条")
FEE_SCALES = {
    # 同一申请人一个自然月内累计申请：10件以下免费；11—30件的部分100元/件；31件以上的部分，
    # 以10件为一档，每增加一档，收费标准提高100元/件。The quantity is the request's place in the
    # applicant's month (含本件): the 31st request costs 200元, the 41st 300元.
    FeeMethod.BY_REQUEST: FeeScale(
        FeeMethod.BY_REQUEST, "本自然月内累计申请件数（含本件）", ((10, 0), (30, 100)), step=10, rise=100
    ),
    # 同一申请的信息：30页以下免费；31—100页的部分10元/页；101—200页的部分20元/页；201页以上的部分40元/页。
    FeeMethod.BY_PAGE: FeeScale(
        FeeMethod.BY_PAGE, "所需提供信息的页数", ((30, 0), (100, 10), (200, 20), (None, 40))
    ),
}


def information_fee(method: str, quantity: int) -> Decimal:
    """The 信息处理费 of one request, in 元: 按件, the price of the applicant's `quantity`-th
    request of the month; 按量, the progressive total of `quantity` pages."""
    scale = FEE_SCALES[FeeMethod(method)]
    if quantity < 1:
        raise ValueError("计费数量应为正整数。")
    amount = scale.price(quantity) if method == FeeMethod.BY_REQUEST else scale.total(quantity)
    return Decimal(amount).quantize(Decimal("0.01"))


def fee_basis(method: str, quantity: int | None) -> str:
    """ "按量计收，45页" / "按件计收，本月第12件": how a notice states what it charges for."""
    if not method or not quantity:
        return ""
    what = f"本月第{quantity}件" if method == FeeMethod.BY_REQUEST else f"{quantity}页"
    return f"{FeeMethod(method).label}，{what}"


# --- outcomes: the national categories (国办公开办函〔2021〕30号 table 三) ---------------------


@dataclass(frozen=True)
class Outcome:
    code: str
    group: str  # the table's group row, e.g. （三）不予公开
    item: str  # the table's item row (empty for a group without items)
    cite: str  # the article the reply letter cites
    refusal: bool = False  # 不予公开 (in whole or part): 行政复议前置, 行政复议法第二十三条
    template: str = ""  # the reply letter's reasoning paragraph

    @property
    def label(self) -> str:
        """The ledger label: "不予公开-属于国家秘密", "予以公开"."""
        item = self.item.split(".", 1)[1] if self.item else ""  # "1.属于国家秘密" -> 属于国家秘密
        return f"{GROUP_NAMES[self.group]}-{item}" if item else GROUP_NAMES[self.group]


GROUPS = (
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
)
GROUP_NAMES = {g: g[3:].split("（")[0] for g in GROUPS}
G1, G2, G3, G4, G5, G6 = GROUPS

OUTCOMES = (
    Outcome(
        "grant",
        G1,
        "",
        "第三十六条第（一）项、第（二）项",
        template="您申请的政府信息属于公开范围，现予以公开，相关信息见附件（或获取方式见下）。",
    ),
    Outcome(
        "partial",
        G2,
        "",
        "第三十七条",
        refusal=True,
        template="您申请的信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理，现向您提供可以公开的部分，其余部分不予公开，理由如下。",
    ),
    Outcome(
        "state_secret",
        G3,
        "1.属于国家秘密",
        "第十四条",
        refusal=True,
        template="您申请的信息属于国家秘密，依法不予公开。",
    ),
    Outcome(
        "prohibited",
        G3,
        "2.其他法律行政法规禁止公开",
        "第十四条",
        refusal=True,
        template="您申请的信息属于法律、行政法规禁止公开的政府信息，依法不予公开。",
    ),
    Outcome(
        "security",
        G3,
        "3.危及“三安全一稳定”",
        "第十四条",
        refusal=True,
        template="您申请的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。",
    ),
    Outcome(
        "third_party_rights",
        G3,
        "4.保护第三方合法权益",
        "第十五条",
        refusal=True,
        template="您申请的信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，且第三方不同意公开，依法不予公开。",
    ),
    Outcome(
        "internal_affairs",
        G3,
        "5.属于三类内部事务信息",
        "第十六条第一款",
        refusal=True,
        template="您申请的信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息，可以不予公开。",
    ),
    Outcome(
        "process_info",
        G3,
        "6.属于四类过程性信息",
        "第十六条第二款",
        refusal=True,
        template="您申请的信息属于在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开。",
    ),
    Outcome(
        "enforcement_file",
        G3,
        "7.属于行政执法案卷",
        "第十六条第二款",
        refusal=True,
        template="您申请的信息属于行政执法案卷信息，可以不予公开；法律、法规、规章规定上述信息应当公开的除外。",
    ),
    Outcome(
        "administrative_query",
        G3,
        "8.属于行政查询事项",
        "第三十六条第（七）项",
        refusal=True,
        template="您申请的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的情形，请按照有关法律、行政法规的规定办理。",
    ),
    Outcome(
        "not_held",
        G4,
        "1.本机关不掌握相关政府信息",
        "第三十六条第（四）项、第（五）项",
        template="经检索，本机关未制作、获取您申请的政府信息（或该信息不属于本机关负责公开）；能够确定负责公开机关的，已告知其名称、联系方式。",
    ),
    Outcome(
        "needs_creation",
        G4,
        "2.没有现成信息需要另行制作",
        "第三十八条",
        template="您申请的信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供。",
    ),
    Outcome(
        "still_unclear",
        G4,
        "3.补正后申请内容仍不明确",
        "第三十条",
        template="经补正，您申请的内容仍不明确，本机关无法确定您所申请的政府信息。",
    ),
    Outcome(
        "petition",
        G5,
        "1.信访举报投诉类申请",
        "第三十九条第一款",
        template="您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关告知您通过相应渠道提出，本申请不作为政府信息公开申请处理。",
    ),
    Outcome(
        "repeat",
        G5,
        "2.重复申请",
        "第三十六条第（六）项",
        template="本机关已就您申请公开的政府信息作出答复，您重复申请公开相同政府信息，本机关不予重复处理。",
    ),
    Outcome(
        "publication",
        G5,
        "3.要求提供公开出版物",
        "第三十九条第二款",
        template="您要求提供政府公报、报刊、书籍等公开出版物，本机关告知获取的途径。",
    ),
    Outcome(
        "excessive",
        G5,
        "4.无正当理由大量反复申请",
        "第三十五条",
        template="您申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由或理由不合理，本机关不予处理。",
    ),
    Outcome(
        "confirm_or_reissue",
        G5,
        "5.要求行政机关确认或重新出具已获取信息",
        "第三十六条、第三十九条",
        template="您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请，本机关不予处理。",
    ),
    Outcome(
        "no_correction",
        G6,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "第三十条",
        template="您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    Outcome(
        "fee_unpaid",
        G6,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "第四十二条",
        template="您逾期未按收费通知要求缴纳信息处理费，本机关不再处理该政府信息公开申请。",
    ),
    Outcome("other", G6, "3.其他", "第三十六条", template="（请写明处理情况与理由。）"),
)
OUTCOME_BY_CODE = {o.code: o for o in OUTCOMES}
OUTCOME_BY_LABEL = {o.label: o for o in OUTCOMES}
OUTCOME_CHOICES = [(o.code, o.label) for o in OUTCOMES]

# 行政复议法（2023年修订）第二十三条: 对不予公开的决定，应当先申请行政复议。
REVIEW_FIRST = Citation("《中华人民共和国行政复议法》", "第二十三条")
REMEDY_REVIEW_FIRST = (
    "如对本答复不服，根据《中华人民共和国行政复议法》第二十三条的规定，应当自收到本答复之日起六十日内"
    "先向{reviewer}申请行政复议；对行政复议决定不服的，可以依法提起行政诉讼。"
)


def reconsideration_body(org) -> str:
    """行政复议法（2023年修订）第二十四条: a department's decisions go to the people's government
    of its level, a government's to the government one level up — in the org tree, the parent."""
    return org.parent.name if org.parent is not None else "本级人民政府"


REMEDY_EITHER = (
    "如对本答复不服，可以自收到本答复之日起六十日内向{reviewer}申请行政复议，"
    "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
)


# --- requests ----------------------------------------------------------------------------


class State(models.TextChoices):
    REGISTERED = "registered", "已登记"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    HANDLING = "handling", "办理中"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    AWAITING_SIGNATURE = "awaiting_signature", "待签发"
    REPLIED = "replied", "已答复"
    DELIVERED = "delivered", "已送达"
    ARCHIVED = "archived", "已归档"


class Channel(models.TextChoices):  # 申请方式
    IN_PERSON = "in_person", "当面"
    LETTER = "letter", "信函"
    ONLINE = "online", "网络"
    FAX = "fax", "传真"
    OTHER = "other", "其他"


class ApplicantType(models.TextChoices):  # the columns of table 三
    NATURAL_PERSON = "natural_person", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    NONPROFIT = "nonprofit", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


class DeliveryForm(models.TextChoices):  # 第二十九条第二款第（三）项: 获取信息的方式、途径
    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文本"
    VIEWING = "viewing", "当场查阅"


def not_extended(record, data, on) -> bool:
    return not record.extended


def correction_period_over(record, data, on) -> bool:
    return record.correction_due_on is not None and on > record.correction_due_on


def known_outcome(record, data, on) -> bool:
    return data.get("outcome") in OUTCOME_BY_CODE


def fee_stated(record, data, on) -> bool:
    quantity = data.get("fee_quantity")
    return data.get("fee_method") in FeeMethod.values and isinstance(quantity, int) and quantity >= 1


def fee_chargeable(record, data, on) -> bool:
    amount = information_fee(data["fee_method"], data["fee_quantity"])
    return amount > 0 and data.get("fee_amount") == amount


def fee_clock(record):
    return (
        clockwork.clocks_of(record)
        .filter(rule_key=FEE_PAYMENT.key)
        .exclude(state="stopped")
        .order_by("-pk")
        .first()
    )


def fee_period_over(record, data, on) -> bool:
    clock = fee_clock(record)
    return clock is not None and clock.due_on is not None and on > clock.due_on


ONCE = Gate(not_extended, "答复期限只能延长一次。", art("第三十三条第二款"))
AFTER_CORRECTION_PERIOD = Gate(
    correction_period_over, "补正期限尚未届满，不能按逾期未补正处理。", art("第三十条")
)
NATIONAL_OUTCOME = Gate(
    known_outcome,
    "处理结果须为全国统一的答复类型之一。",
    Citation("《中华人民共和国政府信息公开工作年度报告格式》"),
)

FEE_STATED = Gate(
    fee_stated, "收费通知须写明计收方式（按件或按量，只适用一种）和计费数量（正整数）。", FEE_CITE
)
FEE_CHARGEABLE = Gate(fee_chargeable, "按收费标准，本申请的信息处理费为零，不需要发出收费通知。", FEE_CITE)
AFTER_FEE_PERIOD = Gate(fee_period_over, "缴费期限尚未届满，不能按逾期未缴费处理。", FEE_PAYMENT.cite)

STAFF = (Role.CLERK, Role.HEAD)
OPEN_STATES = (State.REGISTERED, State.HANDLING, State.AWAITING_SIGNATURE)

# fmt: off
PROCEDURE = Procedure(
    "政府信息公开申请",
    State,
    (
        Transition(
            "accept", "受理", source=(State.REGISTERED,), target=State.HANDLING, roles=STAFF,
            clocks=(Stop(CORRECTION_NOTICE.key),), cite=art("第三十一条"),
            help="申请内容明确，进入办理。",
        ),
        Transition(
            "request_correction", "通知补正", source=(State.REGISTERED,),
            target=State.AWAITING_CORRECTION, roles=STAFF,
            requires={"correction_note": "需要补正的事项", "correction_due_on": "补正期限"},
            writes={"correction_note": "correction_note", "correction_due_on": "correction_due_on"},
            clocks=(Stop(CORRECTION_NOTICE.key), Pause(REPLY.key, reason_from="pause_reason"),
                    Start(CORRECTION_PERIOD.key, due_from="correction_due_on")),
            cite=art("第三十条"), help="一次性告知申请人需要补正的事项和合理的补正期限；答复期限暂停。",
        ),
        Transition(
            "correction_received", "补正收到", source=(State.AWAITING_CORRECTION,),
            target=State.HANDLING, roles=STAFF,
            clocks=(Stop(CORRECTION_PERIOD.key), Restart(REPLY.key)), cite=art("第三十条"),
            help="答复期限自收到补正之日起重新计算。",
        ),
        Transition(
            "abandon", "逾期未补正", source=(State.AWAITING_CORRECTION,), target=State.REPLIED,
            roles=STAFF, gates=(AFTER_CORRECTION_PERIOD,),
            writes={"outcome": "outcome"},
            clocks=(Stop(CORRECTION_PERIOD.key), Stop(REPLY.key)), cite=art("第三十条"),
            help="申请人无正当理由逾期不补正，视为放弃申请，不再处理。",
        ),
        Transition(
            "consult_third_party", "征求第三方意见", source=(State.HANDLING,),
            target=State.CONSULTING, roles=STAFF, requires={"consulted_party": "第三方"},
            writes={"consulted_party": "consulted_party"},
            clocks=(Pause(REPLY.key, reason_from="pause_reason"), Start(THIRD_PARTY.key)),
            cite=art("第三十二条"),
            help="公开可能损害第三方合法权益的，书面征求第三方意见；所需时间不计入答复期限。",
        ),
        Transition(
            "consult_agency", "征求其他机关意见", source=(State.HANDLING,),
            target=State.CONSULTING, roles=STAFF, requires={"consulted_party": "被征求意见机关"},
            writes={"consulted_party": "consulted_party"},
            clocks=(Pause(REPLY.key, reason_from="pause_reason"), Start(OTHER_AGENCY.key)),
            cite=art("第三十四条"),
            help="由两个以上行政机关共同制作的，征求相关行政机关意见；所需时间不计入答复期限。",
        ),
        Transition(
            "consultation_ended", "意见收到或期满", source=(State.CONSULTING,),
            target=State.HANDLING, roles=STAFF,
            clocks=(Stop(THIRD_PARTY.key), Stop(OTHER_AGENCY.key), Resume(REPLY.key)),
            cite=art("第三十三条第三款"),
            help="以意见收到之日（或征求意见期限届满之日）为准，自次日起恢复计算答复期限。",
        ),
        Transition(
            "fee_notice", "收费通知", source=(State.HANDLING,), target=State.AWAITING_FEE,
            roles=STAFF, requires={"fee_method": "计收方式", "fee_quantity": "计费数量"},
            writes={"fee_method": "fee_method", "fee_quantity": "fee_quantity", "fee_amount": "fee_amount"},
            gates=(FEE_STATED, FEE_CHARGEABLE),
            clocks=(Pause(REPLY.key, reason_from="pause_reason"), Start(FEE_PAYMENT.key)),
            cite=Citation(FEE_LAW, "第三条至第七条"),
            help="申请数量、频次明显超过合理范围的，按收费标准（按件或按量，超额累进）计收信息处理费，"
            "书面通知申请人缴纳；自通知之日至缴费之日不计入答复期限。",
        ),
        Transition(
            "fee_paid", "缴费到账", source=(State.AWAITING_FEE,), target=State.HANDLING,
            roles=STAFF, clocks=(Stop(FEE_PAYMENT.key), Resume(REPLY.key)), cite=FEE_PAYMENT.cite,
            help="以费用到账之日为准，自次日起恢复计算答复期限。",
        ),
        Transition(
            "fee_unpaid", "逾期未缴费", source=(State.AWAITING_FEE,), target=State.REPLIED,
            roles=STAFF, gates=(AFTER_FEE_PERIOD,), writes={"outcome": "outcome"},
            clocks=(Stop(FEE_PAYMENT.key), Stop(REPLY.key)), cite=FEE_PAYMENT.cite,
            help="申请人逾期未按收费通知要求缴纳费用，视为放弃申请，不再处理（其他处理）。",
        ),
        Transition(
            "extend", "延期答复", source=(State.HANDLING, State.AWAITING_SIGNATURE),
            target=State.HANDLING, roles=(Role.HEAD,), requires={"extension_reason": "延期理由"},
            writes={"extension_reason": "extension_reason"}, gates=(ONCE,),
            clocks=(ExtendClock(REPLY.key, amount_from="extension_days"),),
            cite=art("第三十三条第二款"), awaited=False,
            help="经政府信息公开工作机构负责人同意并告知申请人，延长不超过20个工作日。",
        ),
        Transition(
            "propose_reply", "拟定答复", source=(State.HANDLING,), target=State.AWAITING_SIGNATURE,
            roles=STAFF, requires={"outcome": "处理结果", "letter": "答复书"},
            writes={"outcome": "outcome", "letter": "letter"}, gates=(NATIONAL_OUTCOME,),
            cite=art("第三十六条"),
        ),
        Transition(
            "send_back", "退回修改", source=(State.AWAITING_SIGNATURE,), target=State.HANDLING,
            roles=(Role.HEAD,), requires={"reason": "退回理由"},
        ),
        Transition(
            "sign", "签发答复", source=(State.AWAITING_SIGNATURE,), target=State.REPLIED,
            roles=(Role.HEAD,), clocks=(Stop(REPLY.key),), cite=art("第三十三条"),
            help="答复书签发之日为答复日期，答复期限停止计算。",
        ),
        Transition(
            "deliver", "送达", source=(State.REPLIED,), target=State.DELIVERED, roles=STAFF,
            requires={"delivery_method": "送达方式"}, writes={"delivery_method": "delivery_method"},
            cite=art("第四十条"),
        ),
        Transition(
            "archive", "归档", source=(State.DELIVERED,), target=State.ARCHIVED, roles=STAFF,
            cite=art("第四十五条"), help="申请登记、审核、办理、答复、归档全过程留痕。",
        ),
    ),
)
# fmt: on

EXTENSION_DAYS = 20
DELIVERY_METHODS = (
    ("in_person", "当面领取"),
    ("post", "邮寄"),
    ("email", "电子邮件"),
    ("online", "网上申请平台"),
    ("fax", "传真"),
)


# --- proactive publication (主动公开) ---------------------------------------------------
#
#   草稿 --提交审查--> 保密审查中 --(末审通过)--> 待发布 --发布--> 已发布 --撤回--> 已撤回
#     ^                   |
#     +----退回修改-------+   any stage may send the item back: that round of review ends,
#                              and once revised and submitted again it starts at stage one.
#
# 先审查、后公开: nothing reaches the portal before every stage of the review has passed.
# 一事一审: each item has its own review; each stage of a round is decided once.
#
# 《政府信息公开条例》第十七条 (2019): 行政机关应当建立健全政府信息公开审查机制，明确审查的
# 程序和责任；依照《保守国家秘密法》以及其他法律、法规和国家有关规定对拟公开的政府信息进行
# 审查；不能确定可否公开的，报有关主管部门或者保密行政管理部门确定。 LAW.md does not quote
# this article; the wording is from memory, confirmed only by secondary sources: likely.
# The stages themselves are local rules (e.g. 中山市大涌镇《政府信息公开保密审查制度》:
# 单位负责人、镇分管领导、镇保密委员会三审), so a jurisdiction may configure its own.
#
# Each stage of a round is its own small record (PublicationReview) held by the org whose
# post acts at that stage — a 分管领导 sits in the government above the department — and
# its decision is an engine transition on that record: the engine checks the reviewer's
# role toward the reviewer's own org and enters the decision in that org's audit chain.
# The item follows in the same transaction.

SECRECY_REVIEW = art("第十七条")


class PublicationState(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "保密审查中"
    REVIEWED = "reviewed", "待发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class ReviewState(models.TextChoices):  # one stage of one round
    QUEUED = "queued", "等待前一审"
    PENDING = "pending", "待审查"
    APPROVED = "approved", "审查通过"
    RETURNED = "returned", "退回修改"
    CANCELLED = "cancelled", "未审（已退回）"


class Toward(models.TextChoices):  # the org in which a stage's post acts
    OWN = "own", "本单位"
    PARENT = "parent", "上级机关（无上级机关的为本单位）"


REVIEW_ROLES = (Role.HEAD, Role.REVIEWER)
MAX_REVIEW_STAGES = 5
ORDINALS = "一二三四五"


@dataclass(frozen=True)
class ReviewStage:
    name: str  # 分管领导
    role: str  # the Role that acts
    toward: str = Toward.OWN

    def org_for(self, org):
        """The org in which this stage's post acts, for an item of `org`."""
        return org.parent or org if self.toward == Toward.PARENT else org


@dataclass(frozen=True)
class ReviewScheme:
    name: str
    stages: tuple[ReviewStage, ...]
    basis: str = ""


# Stages two and three act in the government above a department (镇分管领导, 镇保密委员会);
# for an org without a parent, in the org itself. A jurisdiction whose 保密审查员 sits in
# each unit instead configures stage three as Toward.OWN.
DEFAULT_REVIEW = ReviewScheme(
    "默认三审",
    (
        ReviewStage("经办单位负责人", Role.HEAD, Toward.OWN),
        ReviewStage("分管领导", Role.HEAD, Toward.PARENT),
        ReviewStage("保密审查委员会", Role.REVIEWER, Toward.PARENT),
    ),
    basis="各地保密审查制度的通行做法，如中山市大涌镇：单位负责人、镇分管领导、镇保密委员会三审",
)


def stage_title(stage: int, name: str) -> str:
    return f"第{ORDINALS[stage - 1]}审（{name}）"


def staffed(stage: ReviewStage, org) -> bool:
    """Someone holds the stage's post, so that the review can finish."""
    return stage.org_for(org).memberships.filter(role=stage.role).exists()


def every_stage_staffed(item, data, on) -> bool:
    return all(staffed(stage, item.org) for stage in data["scheme"].stages)


def review_passed(item, data, on) -> bool:
    return item.review_passed()


EVERY_STAGE_STAFFED = Gate(
    every_stage_staffed,
    "审查环节中有岗位尚无人任职，提交后无人能够审查：请管理员先设置相应岗位。",
    SECRECY_REVIEW,
)
REVIEW_PASSED = Gate(
    review_passed, "保密审查尚未全部通过，不能发布：先审查、后公开，一事一审。", SECRECY_REVIEW
)
PUBLISHERS = (Role.CLERK, Role.HEAD)

# The publication clock (PUBLICATION) starts when an item is entered, counted from the day
# the information was formed or changed (第二十六条), not from the day it was entered; the
# services start it with on=formed_on, and `publish` stops it.

# fmt: off
PUBLICATION_PROCEDURE = Procedure(
    "主动公开",
    PublicationState,
    (
        Transition(
            "submit", "提交保密审查", source=(PublicationState.DRAFT,),
            target=PublicationState.IN_REVIEW, roles=PUBLISHERS, gates=(EVERY_STAGE_STAFFED,),
            cite=SECRECY_REVIEW, help="按适用的审查配置逐级审查，一事一审；审查期间不能修改。",
        ),
        Transition(
            "publish", "发布", source=(PublicationState.REVIEWED,), target=PublicationState.PUBLISHED,
            roles=PUBLISHERS, gates=(REVIEW_PASSED,), clocks=(Stop(PUBLICATION.key),),
            cite=art("第二十六条"), help="发布之日为公开日期，主动公开期限停止计算。",
        ),
        Transition(
            "withdraw", "撤回", source=(PublicationState.PUBLISHED,), target=PublicationState.WITHDRAWN,
            roles=PUBLISHERS, requires={"reason": "撤回理由"}, writes={"reason": "withdrawn_reason"},
            awaited=False, help="定期复查已发布的信息，不符合规定的及时撤除；撤回理由记入办理记录。",
        ),
    ),
)
# fmt: on


_STAGE_PROCEDURES: dict[tuple, Procedure] = {}


def stage_procedure(stage: int, name: str, role: str) -> Procedure:
    """One stage of one round: its reviewer passes it, or sends the item back for revision."""
    key = (stage, name, role)
    if key not in _STAGE_PROCEDURES:
        _STAGE_PROCEDURES[key] = _stage_procedure(stage_title(stage, name), role)
    return _STAGE_PROCEDURES[key]


def _stage_procedure(title: str, role: str) -> Procedure:
    # fmt: off
    return Procedure(
        f"保密审查{title}",
        ReviewState,
        (
            Transition(
                "approve", f"{title}审查通过", source=(ReviewState.PENDING,),
                target=ReviewState.APPROVED, roles=(role,), writes={"opinion": "opinion"},
                cite=SECRECY_REVIEW,
                help="拟公开的信息不涉及国家秘密、商业秘密、个人隐私等不得公开的内容，同意公开。",
            ),
            Transition(
                "send_back", f"{title}退回修改", source=(ReviewState.PENDING,),
                target=ReviewState.RETURNED, roles=(role,), requires={"reason": "退回理由"},
                writes={"reason": "opinion"}, cite=SECRECY_REVIEW,
                help="本轮审查结束，信息退回经办人修改；重新提交后从第一审开始审查。",
            ),
        ),
    )
    # fmt: on
