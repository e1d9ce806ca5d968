"""Sample requests and published items for 示例市教育局, in every state of the procedure."""

import datetime

from django.utils import timezone

from fazhi.core import audit

from .models import DisclosureRequest
from .services import requests as svc

APPLICANTS = [
    # applicant, type, channel, description, days ago received, how far it has gone
    ("王晓明", "natural_person", "online", "2025年本市义务教育阶段学校招生划片范围及依据", 1, "registered"),
    ("李华", "natural_person", "letter", "关于学校的那个文件", 5, "correction"),
    (
        "示例市明德科技有限公司",
        "business",
        "online",
        "2025年度校园信息化设备采购项目的中标结果及合同金额",
        12,
        "consulting",
    ),
    (
        "赵律师（示例律师事务所）",
        "legal_service",
        "in_person",
        "某民办培训机构行政处罚决定书",
        24,
        "extended",
    ),
    ("孙丽", "natural_person", "online", "2025年教育经费预算执行情况", 30, "delivered"),
    ("周强", "natural_person", "fax", "局党组会议关于教师职称评审的讨论记录", 26, "refused"),
    ("示例市阳光公益服务中心", "nonprofit", "online", "2024年特殊教育学校资助资金分配明细", 40, "overdue"),
]


def load(demo) -> None:
    load_requests(demo)
    load_publication(demo)
    load_last_year(demo)
    load_reports(demo)


def load_reports(demo) -> None:
    """Last year's annual reports: published on time by every unit but 青山乡, which is late."""
    from . import gio
    from .models import AnnualReport

    year = demo_today().year - 1
    if AnnualReport.objects.filter(year=year).exists():
        return
    gio.start_clocks(year, orgs=demo.orgs.values())
    for code, org in demo.orgs.items():
        if code != "SL-QSX":
            published = gio.due_on(org, year) - datetime.timedelta(days=3)
            gio.mark_published(org, year, published, audit.Actor.of(demo.users["admin"]))


def demo_today() -> datetime.date:
    """The day the demo counts back from. Late in December some demo periods run into a
    year whose holidays are not yet published: they show 到期日待定, as real ones would."""
    return timezone.localdate()


def load_requests(demo) -> None:
    org = demo.orgs["SL-JYJ"]
    if DisclosureRequest.objects.filter(org=org).exists():
        return
    today = demo_today()
    for name, kind, channel, text, ago, reach in APPLICANTS:
        _one(demo, org, today, today - datetime.timedelta(days=ago), name, kind, channel, text, reach)


def _one(demo, org, today, received, name, kind, channel, text, reach):
    clerk, head = demo.users["clerk"], demo.users["head"]
    request = svc.register(
        org,
        received_on=received,
        actor=audit.Actor.of(clerk),
        created_by=clerk,
        applicant_name=name,
        applicant_type=kind,
        channel=channel,
        description=text,
        phone="13800000000",
    )
    if reach == "registered":
        return
    if reach == "correction":
        svc.request_correction(
            request,
            clerk,
            note="请明确所需文件的名称、文号或制作时间。",
            due_on=today + datetime.timedelta(days=10),
            on=received,
        )
        return
    svc.accept(request, clerk, on=received)
    STEPS[reach](request, clerk, head, received, today)


def _consulting(request, clerk, head, received, today):
    svc.consult(request, clerk, third_party=True, party="示例市明德科技有限公司的竞标方", on=today)


def _extended(request, clerk, head, received, today):
    svc.extend(request, head, reason="申请内容涉及多个年度的执法案卷，需逐件检索核对。", on=today)


def _delivered(request, clerk, head, received, today):
    svc.propose_reply(request, clerk, outcome="grant", on=received + datetime.timedelta(days=7))
    svc.sign(request, head, on=received + datetime.timedelta(days=8))
    svc.deliver(request, clerk, method="email", on=received + datetime.timedelta(days=8))


def _refused(request, clerk, head, received, today):
    svc.propose_reply(request, clerk, outcome="process_info", on=received + datetime.timedelta(days=10))
    svc.sign(request, head, on=received + datetime.timedelta(days=11))


def _overdue(request, clerk, head, received, today):
    pass  # accepted and left: its 20 working days have run out


STEPS = {
    "consulting": _consulting,
    "extended": _extended,
    "delivered": _delivered,
    "refused": _refused,
    "overdue": _overdue,
}


# --- 主动公开 (proactive publication) ---------------------------------------------------------


def _reviewed(gap: int) -> list:
    """提交 the day after the information is formed, then the three stages `gap` days apart."""
    return [
        ("submit", "clerk", 1, {}),
        ("approve", "head", 1 + gap, {"stage": 1}),
        ("approve", "fenguan", 1 + 2 * gap, {"stage": 2}),
        ("approve", "baomi", 1 + 3 * gap, {"stage": 3}),
    ]


PUBLICATION_SCRIPTS = {
    "draft": [],
    "stage_2": _reviewed(1)[:2],
    "reviewed": _reviewed(1),
    "on_time": [*_reviewed(1), ("publish", "clerk", 6, {})],
    "late": [*_reviewed(12), ("publish", "clerk", 40, {})],
    "withdrawn": [
        *_reviewed(1),
        ("publish", "clerk", 6, {}),
        (
            "withdraw",
            "head",
            30,
            {"reason": "公示名单附件含学生家长联系电话，撤回后删除个人信息重新审查发布。"},
        ),
    ],
    "sent_back": [
        *_reviewed(1)[:3],
        (
            "send_back",
            "baomi",
            4,
            {"stage": 3, "reason": "附件含学校安防监控点位图，不宜公开，请删除后重新提交。"},
        ),
    ],
}
PUBLICATION_ITEMS = [
    # title, category, 文号, days ago the information was formed, how far it has gone
    ("示例市2027年义务教育阶段学校招生入学工作实施方案", "normative_document", "", 2, "draft"),
    ("2026年校园安全隐患排查整治情况通报", "key_areas", "", 6, "sent_back"),
    ("关于《示例市学前教育收费管理办法》的政策解读", "policy_interpretation", "", 9, "stage_2"),
    ("2026年秋季学期中小学教辅材料选用结果公示", "announcement", "", 12, "reviewed"),
    ("2026年第二批中小学教师资格认定结果公告", "announcement", "示教〔2026〕41号", 40, "on_time"),
    ("示例市教育局2026年部门预算", "finance", "示教财〔2026〕3号", 60, "on_time"),
    ("2026年民办学校年度检查结果公示", "key_areas", "", 50, "withdrawn"),
    ("示例市教育局2025年度部门决算", "finance", "示教财〔2026〕9号", 75, "late"),
]


def load_publication(demo) -> None:
    """Items of 示例市教育局 in every state: draft, sent back, in review at stage two,
    reviewed, published on time and late, withdrawn."""
    from .models import PublicationItem
    from .services import publication as pub

    org = demo.orgs["SL-JYJ"]
    if PublicationItem.objects.filter(org=org).exists():
        return
    people = {"clerk": demo.users["clerk"], "head": demo.users["head"]}
    people |= {name: demo.users[name] for name in ("fenguan", "baomi")}
    today = demo_today()
    for title, category, number, ago, reach in PUBLICATION_ITEMS:
        formed = today - datetime.timedelta(days=ago)
        body = f"根据《中华人民共和国政府信息公开条例》第二十条，现将{title}予以公开。（示例数据）"
        fields = {"title": title, "category": category, "document_number": number, "body": body}
        item = pub.create_draft(org, people["clerk"], formed_on=formed, **fields)
        _play(pub, item, people, formed, PUBLICATION_SCRIPTS[reach])


def _play(pub, item, people, formed, script) -> None:
    verbs = {
        "submit": pub.submit,
        "approve": pub.approve,
        "send_back": pub.send_back,
        "publish": pub.publish,
        "withdraw": pub.withdraw,
    }
    for verb, who, days, kwargs in script:
        item = verbs[verb](item, people[who], on=formed + datetime.timedelta(days=days), **kwargs)


# --- last year, for every unit: the records the annual reports are drawn from ---------------

LAST_YEAR_SUBJECTS = (
    "招生划片范围",
    "预算执行情况",
    "行政处罚决定书",
    "项目审批文件",
    "补助资金发放明细",
    "会议纪要",
)
# per unit: requests received last year, of which answered late / extended / corrected
LAST_YEAR_VOLUME = {
    "SL-BGS": 14, "SL-SFJ": 9, "SL-JYJ": 26, "SL-SCJ": 21, "SL-ZJJ": 18, "SL-HPZ": 6, "SL-QSX": 3, "SL": 5,
}  # fmt: skip


def load_last_year(demo) -> None:
    """A year of 依申请公开 (loaded as a unit loads its 台账, through the ledger import) and of
    主动公开 for every unit, so that last year's annual reports have something to say."""
    import tempfile
    from pathlib import Path

    from . import ledger

    year = demo_today().year - 1
    if DisclosureRequest.objects.filter(number__startswith=f"{year}台账").exists():
        return
    rows = [row for code in LAST_YEAR_VOLUME for row in _ledger_rows(code, year)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "台账.csv"
        _write_csv(path, (*ledger.COLUMNS, "行政复议结果", "机构代码"), rows)
        ledger.import_file(path, demo.orgs["SL"], actor=audit.Actor.of(demo.users["admin"]))
    _published_last_year(demo, year)


def _ledger_rows(code: str, year: int) -> list[tuple]:
    """Deterministic rows: every 7th answered late, every 5th extended, every 6th corrected."""
    from fazhi.core import workdays

    rows = []
    for n in range(1, LAST_YEAR_VOLUME[code] + 1):
        received = workdays.add_workdays(
            datetime.date(year, 1, 5), (n * 230 // (LAST_YEAR_VOLUME[code] + 1) + len(code)) % 235
        )
        correction = n % 6 == 0
        notice = workdays.add_workdays(received, 3) if correction else None
        corrected = workdays.add_workdays(received, 8) if correction else None
        late, extended = n % 7 == 0, n % 5 == 0
        days = 26 if late else (30 if extended else 6 + n % 12)
        replied = workdays.add_workdays(corrected or received, days)
        if replied.year > year and n % 2:
            replied = None  # still being handled at the year's end: carried over
        outcome = (
            ("予以公开", "部分公开", "无法提供-本机关不掌握相关政府信息", "不予处理-重复申请")[n % 4]
            if replied
            else ""
        )
        subject = LAST_YEAR_SUBJECTS[n % len(LAST_YEAR_SUBJECTS)]
        channel, applicant = "网络" if n % 3 else "信函", "自然人" if n % 4 else "商业企业"
        number, review = f"{year}台账-{code}-{n:03d}", "维持" if n == 9 else ""
        dates = (notice, corrected, None, None, "是" if extended else "否", replied)
        rows.append((number, received, channel, applicant, f"申请人{n}", "", f"{year}年{subject}", *dates))
        rows[-1] += (outcome, review, code)
    return rows


def _write_csv(path, header, rows) -> None:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(
            [[v.isoformat() if isinstance(v, datetime.date) else (v or "") for v in r] for r in rows]
        )


def _published_last_year(demo, year: int) -> None:
    """About two items a month per unit; one in nine published after its 20 working days."""
    from fazhi.core import workdays

    from .models import PublicationItem

    items = []
    for code, volume in LAST_YEAR_VOLUME.items():
        for n in range(1, volume + 4):
            formed = datetime.date(year, 1, 3) + datetime.timedelta(days=(n * 347 + len(code) * 31) % 355)
            published = workdays.add_workdays(formed, 25 if n % 9 == 0 else 2 + n % 5)
            title = f"{demo.orgs[code].name}{year}年第{n}号公告"
            item = PublicationItem(org=demo.orgs[code], title=title, category="announcement", body="（示例）")
            item.formed_on, item.state, item.published_on = formed, "published", published
            items.append(item)
    PublicationItem.objects.bulk_create(items)
