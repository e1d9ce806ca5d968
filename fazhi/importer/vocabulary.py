"""The indicator vocabulary of the importer, as data: one small declaration per key.

A figure in a report is a number with a unit ("159件", "30余次", "96.9%", "百分之百"). It
belongs to the key whose naming phrase comes nearest before it in the same clause (or, for
`after`, right after it), when the unit is one the key takes, the key's `context` words are
present and none of its `excludes` words is in the clause. Phrases and words are written in
Simplified Chinese: matching runs on the normalised text. Definitions: docs/indicators.md.
Keys are the indicator registry's keys where the two meet (e.g. disclosure.requests_received).
"""

from dataclasses import dataclass

COUNT_UNITS = ("件", "宗", "起")


@dataclass(frozen=True)
class Term:
    key: str
    name: str
    unit: str  # the unit of the value reported: 件, 次, 人, 个, 项, 条, %
    units: tuple[str, ...]  # the units the figure may be written with
    before: tuple[str, ...]  # phrases naming it, written before the number
    after: tuple[str, ...] = ()  # phrases naming it, written right after the unit
    context: tuple[str, ...] = ()  # one of these must be in the clause (or sentence)
    context_in: str = "sentence"  # "clause" or "sentence": where `context` is looked for
    excludes: tuple[str, ...] = ()  # any of these in the clause rules the figure out

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


def rate(key: str, name: str, before: tuple[str, ...], **more) -> Term:
    return Term(key, name, "%", ("%",), before, **more)


VOCABULARY: tuple[Term, ...] = (
    # 行政复议
    Term(
        "reconsideration.received",
        "行政复议收案",
        "件",
        COUNT_UNITS,
        ("行政复议申请", "收到行政复议", "受理行政复议", "行政复议案件", "受理", "收到"),
        context=("复议",),
        excludes=("诉讼", "应诉", "法院", "信访", "调解", "公开申请"),
    ),
    Term(
        "reconsideration.concluded",
        "行政复议审结",
        "件",
        COUNT_UNITS,
        ("审结", "办结", "结案", "作出复议决定"),
        context=("复议",),
        excludes=("诉讼", "应诉", "法院"),
    ),
    # 行政应诉
    Term(
        "litigation.cases",
        "行政诉讼案件",
        "件",
        COUNT_UNITS,
        ("参加行政诉讼", "行政诉讼案件", "行政应诉案件", "应诉案件", "行政诉讼"),
        excludes=("复议", "负责人", "胜诉", "败诉"),
    ),
    Term(
        "litigation.concluded",
        "行政诉讼审结",
        "件",
        COUNT_UNITS,
        ("审结", "结案", "办结"),
        context=("诉讼", "应诉"),
        excludes=("复议",),
    ),
    Term(
        "litigation.head_appearances",
        "负责人出庭应诉",
        "件",
        ("件", "次", "人次"),
        ("负责人出庭应诉", "负责人出庭", "出庭应诉"),
        excludes=("率", "比例"),
    ),
    rate(
        "litigation.head_appearance_rate",
        "负责人出庭应诉率",
        ("出庭应诉率", "出庭率", "出庭应诉比例", "出庭比例"),
    ),
    rate("litigation.win_rate", "行政应诉胜诉率", ("胜诉率",)),
    # 政务公开
    Term(
        "disclosure.requests_received",
        "收到政府信息公开申请",
        "件",
        ("件", "宗", "份", "条"),
        ("政府信息公开申请", "信息公开申请", "依申请公开", "公开申请"),
        excludes=("答复", "办结", "结转", "率"),
    ),
    Term(
        "disclosure.requests_answered",
        "答复政府信息公开申请",
        "件",
        ("件", "宗", "份"),
        ("答复完毕", "已答复", "办理答复", "答复", "办结"),
        context=("公开申请", "依申请"),
        excludes=("率", "正在"),
    ),
    Term(
        "disclosure.proactive_items",
        "主动公开政府信息",
        "条",
        ("条", "件"),
        ("主动公开政府信息", "主动公开", "公开政府信息", "发布信息", "公开信息", "政府信息", "信息"),
        context=("公开", "发布"),
        context_in="clause",
        excludes=("申请", "政策解读", "公告", "曝光", "监管", "其中"),
    ),
    # 规范性文件
    Term(
        "normdocs.issued",
        "制发规范性文件",
        "件",
        ("件", "份", "个"),
        ("规范性文件",),
        context=("制定", "制发", "出台", "发布", "印发"),
        context_in="clause",
        excludes=("现行有效", "清理", "备案", "审查", "废止", "推送", "数据库"),
    ),
    Term(
        "normdocs.filed",
        "规范性文件备案",
        "件",
        ("件", "份"),
        ("报送备案", "备案", "报备"),
        context=("规范性文件",),
        excludes=("合同",),
    ),
    Term(
        "normdocs.reviewed",
        "规范性文件合法性审核",
        "件",
        ("件", "份"),
        ("合法性审查", "合法性审核"),
        context=("规范性文件",),
        context_in="clause",
        excludes=("合同", "清理"),
    ),
    Term(
        "normdocs.cleanup_reviewed",
        "清理规范性文件",
        "件",
        ("件", "份", "个", "部"),
        ("清理", "梳理"),
        context=("规范性文件",),
    ),
    Term(
        "normdocs.repealed",
        "废止规范性文件",
        "件",
        ("件", "份", "个", "部"),
        ("废止", "宣布失效"),
        context=("规范性文件", "规章", "清理"),
    ),
    Term(
        "normdocs.in_force",
        "现行有效规范性文件",
        "件",
        ("件", "份", "个", "部"),
        ("规范性文件", "现行有效文件", "现行有效的文件"),
        context=("现行有效",),
        context_in="clause",
    ),
    # 重大行政决策、合同、法律顾问
    Term(
        "decisions.major",
        "重大行政决策",
        "件",
        ("件", "项", "个", "次"),
        (
            "重大行政决策事项",
            "重大行政决策",
            "重大决策事项",
            "上会讨论",
            "集体讨论决定重大事项",
            "集体讨论重大事项",
            "集体研究重大事项",
        ),
        excludes=("目录", "意见", "建议"),
    ),
    Term(
        "contracts.reviewed",
        "合同合法性审查",
        "件",
        ("件", "份", "个"),
        ("合同",),
        after=("合同",),
        context=("审查", "审核"),
        context_in="clause",
    ),
    Term(
        "counsel.advisers",
        "法律顾问",
        "名",
        ("名", "个", "人", "位"),
        ("法律顾问",),
        after=("法律顾问", "律师顾问"),
    ),
    # 行政执法
    Term(
        "enforcement.officers",
        "行政执法人员",
        "人",
        ("名", "人"),
        ("持证执法人员", "行政执法人员", "执法人员", "执法证件人员", "执法证件的人员", "执法证人员"),
        excludes=("培训", "法制审核"),
    ),
    Term(
        "enforcement.cases",
        "行政执法案件",
        "件",
        COUNT_UNITS,
        ("行政处罚案件", "行政执法案件", "执法案件", "违法案件", "处罚案件"),
        excludes=("复议", "诉讼"),
    ),
    Term(
        "enforcement.legal_reviewers",
        "法制审核人员",
        "人",
        ("名", "人"),
        ("法制审核人员", "法制审核员"),
        after=("法制审核人员", "法制审核员"),
    ),
    # 建议提案
    Term(
        "proposals.npc",
        "人大代表建议",
        "件",
        ("件", "条"),
        ("人大代表建议", "代表建议", "代表议案", "建议意见"),
        excludes=("政协",),
    ),
    Term(
        "proposals.cppcc",
        "政协提案",
        "件",
        ("件", "条"),
        ("政协委员提案", "政协提案", "提案"),
        excludes=("人大",),
    ),
    rate(
        "proposals.reply_rate",
        "建议提案答复率",
        ("办理回复率", "答复率", "办结率", "回复率", "办复率"),
        context=("建议", "提案"),
        excludes=("申请", "信息公开"),
    ),
    # 信访、调解
    Term(
        "petitions.received",
        "信访事项",
        "件",
        ("件", "宗", "批", "批次"),
        ("来信来访", "信访事项", "信访案件", "受理信访", "信访件", "信访"),
        excludes=("其中", "网络"),
    ),
    Term(
        "mediation.cases",
        "人民调解案件",
        "件",
        COUNT_UNITS,
        ("调解矛盾纠纷案件", "调解矛盾纠纷", "调解案件", "调解纠纷", "纠纷"),
        context=("调解", "调委会"),
        excludes=("成功", "信访", "刑事", "民转刑"),
    ),
    rate("mediation.success_rate", "调解成功率", ("调解成功率", "成功率"), context=("调解",)),
    # 学法、普法、培训
    Term(
        "study.sessions",
        "领导干部学法",
        "次",
        ("次", "场", "期"),
        ("专题学法", "集中学法", "集中学习", "学法", "学习"),
        excludes=("培训", "考试"),
    ),
    Term(
        "publicity.events",
        "普法宣传活动",
        "场",
        ("场", "次", "期"),
        ("普法教育宣传活动", "普法宣传活动", "法治宣传活动", "宣传教育活动", "普法活动", "宣传活动"),
    ),
    Term(
        "training.participants",
        "参加法治培训人数",
        "人",
        ("人", "人次", "名"),
        ("国家工作人员", "参训", "培训", "学法考试", "参考人数", "参学人数", "参训人数"),
        after=("参训", "参加培训", "参加学法"),
    ),
    # 政务服务、会议
    Term(
        "services.items",
        "政务服务事项",
        "项",
        ("项", "个"),
        ("政务服务事项", "平台事项", "事项清单", "服务事项"),
        excludes=("其中", "行政权力", "公共服务", "通办", "就近办", "跑一次", "监管"),
    ),
    Term(
        "services.evaluations",
        "好差评评价",
        "条",
        ("条", "件", "次", "个"),
        ("评价事项", "好差评", "评价"),
        excludes=("评价率", "满意率"),
    ),
    Term(
        "meetings.executive",
        "政府常务会议",
        "次",
        ("次", "场"),
        ("常务会议", "常务会"),
        excludes=("学法",),
    ),
)

TERMS: dict[str, Term] = {term.key: term for term in VOCABULARY}
UNITS: tuple[str, ...] = tuple(
    sorted({u for term in VOCABULARY for u in term.units if u != "%"}, key=len, reverse=True)
)
