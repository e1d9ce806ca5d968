"""What `fazhi remind` does each day for 规范性文件 (registered in `apps.py`): tell the issuing
org once per 有效期 that it ends within the warning period (有效期届满前评估), and mark the
documents whose 有效期 has ended 已失效."""

import datetime

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from fazhi.core import notices

from . import queries, services
from .models import Document


def tell_expiring(today: datetime.date) -> int:
    """One notice per document and per 有效期届满日: a document re-issued with a new
    `valid_until` is told again, a second run on the same or the next day tells no one."""
    docs = queries.expiring(Document.objects.filter(valid_until__gte=today), today)
    text = Concat(
        Value("有效期将于"),
        Cast("valid_until", CharField()),
        Value("届满：请评估，需要继续施行的重新登记、编号、印发，否则到期失效。"),
    )
    return notices.tell_once(docs, text=text, due="valid_until")


REMINDERS = (
    notices.Reminder("normdocs.expiring", "规范性文件有效期将届满{n}件", tell_expiring),
    notices.Reminder("normdocs.lapsed", "规范性文件到期失效{n}件", services.lapse_expired),
)
