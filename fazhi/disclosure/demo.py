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
    org = demo.orgs["SL-JYJ"]
    if DisclosureRequest.objects.filter(org=org).exists():
        return
    today = timezone.localdate()
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
