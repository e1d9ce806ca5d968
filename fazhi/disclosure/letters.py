"""Reply letters (政府信息公开申请答复书) from templates that cite the right article."""

import datetime

from django.utils import timezone

from .procedure import OGI, REMEDY_EITHER, REMEDY_REVIEW_FIRST, Outcome, reconsideration_body


def chinese_date(day: datetime.date) -> str:
    """公文 dates: 2026年3月5日, without leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def reply_letter(request, outcome: Outcome, on: datetime.date | None = None) -> str:
    day = on or timezone.localdate()
    remedy = REMEDY_REVIEW_FIRST if outcome.refusal else REMEDY_EITHER
    lines = [
        "政府信息公开申请答复书",
        f"{request.number}",
        f"{request.applicant_name}：",
        f"　　本机关于{chinese_date(request.received_on)}收到您提出的政府信息公开申请"
        f"（申请内容：{request.description[:200]}）。经审查，现答复如下：",
        f"　　{outcome.template}",
        f"　　依据：{OGI}{outcome.cite}。",
        f"　　{remedy.format(reviewer=reconsideration_body(request.org))}",
        f"{request.org.name}",
        chinese_date(day),
    ]
    return "\n".join(lines)
