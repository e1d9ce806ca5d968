"""The core registry: org tree, working-day calendar, clocks, audit trail, numbering."""

from .audit import AuditEvent, AuditHead, EventKind
from .base import OrgRecord, OrgRecordQuerySet
from .calendar import CalendarDay, CalendarYear
from .clocks import Clock, ClockState, Light, Unit
from .consultation import Comment, Consultation, ConsultationState
from .local_rules import RuleOverride
from .notices import Notice, NoticeKind, NoticeRead
from .numbering import IssuedNumber, NumberSeries
from .org import Level, Membership, Org, Role
from .tokens import ApiToken

__all__ = [
    "ApiToken",
    "AuditEvent",
    "AuditHead",
    "CalendarDay",
    "CalendarYear",
    "Clock",
    "ClockState",
    "Comment",
    "Consultation",
    "ConsultationState",
    "EventKind",
    "Light",
    "IssuedNumber",
    "Level",
    "Membership",
    "Notice",
    "NoticeKind",
    "NoticeRead",
    "NumberSeries",
    "OrgRecord",
    "OrgRecordQuerySet",
    "Org",
    "Role",
    "RuleOverride",
    "Unit",
]
