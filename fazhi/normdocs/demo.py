"""Sample 规范性文件 for the demo city, made through the services: one in each state of the
procedure, a filed one, one whose 备案 is overdue (red), one just published (green), one
under 合法性审核 at the 司法局, one in consultation whose text the check flags, one repealed,
one amended by a later document, and a 暂行 one whose 有效期 ends within the warning period
(`fazhi remind`, run by the demo, tells the 教育局)."""

import datetime

from django.utils import timezone

from . import services
from .models import Document

BASIS = "《中华人民共和国教育法》《中华人民共和国民办教育促进法》"
TEXT = (
    "第一条 为规范本市{subject}管理，根据有关法律法规，结合本市实际，制定本办法。\n"
    "第二条 本办法适用于本市行政区域内的{subject}及其监督管理活动。\n"
    "第三条 市教育行政部门负责组织实施本办法，有关部门按照职责做好相关工作。\n"
    "第四条 申请人应当提交申请书、法定代表人身份证明。\n"
    "第五条 对违反本办法规定的，依照有关法律法规处理；涉及行政复议的，依法办理。\n"
    "第六条 本办法自公布之日起施行，有效期五年。"
)
FLAGGED = TEXT.replace("法定代表人身份证明。", "法定代表人身份证明和其他材料。同等条件下本地企业优先。")

DOCS = [
    # title, org, clerk, head, how far, days ago it started, text
    ("示例市中小学校外培训机构管理办法", "SL-JYJ", "clerk", "head", "file", 200, TEXT),
    ("示例市教育系统行政执法公示实施细则", "SL-JYJ", "clerk", "head", "publish", 120, TEXT),
    ("示例市学生资助资金管理暂行办法", "SL-JYJ", "clerk", "head", "publish", 60, TEXT),
    ("示例市教育行政复议案件办理规程", "SL-JYJ", "clerk", "head", "submit_review", 40, TEXT),
    ("示例市民办学校收费管理办法", "SL-JYJ", "clerk", "head", "consult", 8, FLAGGED),
    ("示例市校车安全管理办法", "SL-JYJ", "clerk", "head", "propose", 1, TEXT),
    ("和平镇村规民约备案审查办法", "SL-HPZ", "town", "town_head", "file", 150, TEXT),
    ("示例市教育收费公示办法", "SL-JYJ", "clerk", "head", "repeal", 400, TEXT),
    ("示例市学校食堂管理暂行办法", "SL-JYJ", "clerk", "head", "file", 700, TEXT),
    ("示例市中小学生欺凌防治办法", "SL-JYJ", "clerk", "head", "file", 650, TEXT),
]
# title, amended document, days ago it started: a new document amends an old one (修改)
AMENDMENTS = [("示例市中小学生欺凌防治办法（2026年修订）", "示例市中小学生欺凌防治办法", 250)]
OPINION = "经审核，制定主体、权限、程序合法，同意出台。"
ORDER = [
    "propose",
    "draft",
    "consult",
    "submit_review",
    "conclude",
    "decide",
    "issue",
    "publish",
    "file",
    "repeal",
]


def load(demo) -> None:
    if Document.objects.filter(title=DOCS[0][0]).exists():
        return
    today = timezone.localdate()
    for title, org, clerk, head, reach, ago, text in DOCS:
        _one(
            demo, title, demo.orgs[org], demo.users[clerk], demo.users[head], reach, today - _days(ago), text
        )
    for title, old, ago in AMENDMENTS:
        replaces = Document.objects.get(title=old)
        users, org = demo.users, replaces.org
        _one(demo, title, org, users["clerk"], users["head"], "file", today - _days(ago), TEXT, replaces)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _one(demo, title, org, clerk, head, reach, start, text, replaces=None):
    subject = title.removeprefix("示例市").removesuffix("管理办法")
    text = text.format(subject=subject)
    doc = services.propose(clerk, org, title=title, legal_basis=BASIS, text=text, replaces=replaces)
    until = ORDER.index(reach)
    steps = _steps(demo, clerk, head, start, title)
    for key in ORDER[1 : until + 1]:
        result = steps[key](doc)
        doc = result if isinstance(result, Document) else Document.objects.get(pk=doc.pk)


def _steps(demo, clerk, head, start, title):
    """Each step on its day after `start`: 30 days of consultation, 10 of review, the 备案
    of the first document within its period; the repealed one after a year in force."""
    day = lambda n: start + _days(n)  # noqa: E731
    reviewer, sfj = demo.users["reviewer"], demo.orgs["SL-SFJ"]
    filed_after = 20 if "村规民约" not in title else 25
    return {
        "draft": lambda d: services.start_drafting(d, clerk, on=day(0)),
        "consult": lambda d: services.consult(d, clerk, opens_on=day(1), closes_on=day(32), on=day(1)),
        "submit_review": lambda d: _submit(d, clerk, sfj, day(33)),
        "conclude": lambda d: services.conclude_review(
            d.reviews.get(), reviewer, outcome="approved", opinion=OPINION, on=day(45)
        ),
        "decide": lambda d: services.decide(d, head, meeting="局务会议", on=day(47)),
        "issue": lambda d: services.issue(d, clerk, on=day(48)),
        "publish": lambda d: services.publish(
            d, clerk, interpretation=f"《{title}》政策解读：明确了适用范围、职责分工和监督管理措施。",
            effective_on=day(50), on=day(49),
        ),
        "file": lambda d: services.file(d, clerk, filed_with="示例市人民政府", on=day(49 + filed_after)),
        "repeal": lambda d: services.repeal(d, clerk, reason="清理中决定废止：已被新规定替代", on=day(380)),
    }  # fmt: skip


def _submit(doc, clerk, sfj, on):
    doc = services.submit_review(doc, clerk, review_org=sfj, feedback="征求意见期间未收到意见。", on=on)
    return services.fair_competition(doc, clerk, conclusion="经审查，未发现排除、限制竞争的内容。", on=on)
