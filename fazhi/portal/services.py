"""The portal's verbs: an application arrives and is registered; a code is looked up.

Requests change only through disclosure's services. The portal records each application
(`Submission`) with the form's one-time key, so the same form posted twice registers one
request. A reply period that runs into a year whose holidays are not yet published is
registered all the same, its due date pending until that year is imported (core clocks).
"""

import datetime
import unicodedata

from django.db import IntegrityError, transaction

from fazhi.core.audit import Actor
from fazhi.core.models import Org
from fazhi.disclosure.models import DisclosureRequest, new_tracking_code
from fazhi.disclosure.procedure import Channel
from fazhi.disclosure.services import requests

from . import throttle
from .models import Submission

APPLY_LIMIT = ("FAZHI_PORTAL_RATE_PER_HOUR", 10)  # applications per address per hour
TRACK_LIMIT = ("FAZHI_PORTAL_TRACK_PER_HOUR", 30)  # tracking-code look-ups per address per hour


class Throttled(Exception):
    def __init__(self, verdict: throttle.Verdict):
        super().__init__("too many requests")
        self.retry_after = verdict.retry_after


@transaction.atomic
def submit(org: Org, data: dict, *, key: str, ip: str, on: datetime.date) -> Submission:
    """一件网上申请. The portal confirms at once, so the day of submission is the day of
    receipt (第三十一条第（三）项). The same form posted twice (`key`) is registered once."""
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                key=key, org=org, received_on=on, tracking_code=new_tracking_code(), ip=ip
            )
    except IntegrityError:
        return Submission.objects.select_related("request").get(key=key)
    verdict = throttle.take("apply", throttle.bucket(ip), throttle.limit(*APPLY_LIMIT))
    if not verdict.allowed:
        raise Throttled(verdict)  # rolls the submission back: nothing kept, nothing counted
    submission.request = _register(submission, data)  # the personal data lives in the request only
    submission.save(update_fields=["request"])
    return submission


def _register(submission: Submission, data: dict) -> DisclosureRequest:
    return requests.register(
        submission.org,
        received_on=submission.received_on,
        actor=Actor(None, "公众", submission.ip or None),
        channel=Channel.ONLINE,
        tracking_code=submission.tracking_code,
        **data,
    )


def normalise_code(text: str) -> str:
    """Full-width letters typed with a Chinese input method, spaces and hyphens are ignored;
    case does not matter."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalnum()).upper()


def look_up(text: str, *, ip: str) -> DisclosureRequest | None:
    """A tracking-code look-up, counted against the address: guessing codes is throttled."""
    verdict = throttle.take("track", throttle.bucket(ip), throttle.limit(*TRACK_LIMIT))
    if not verdict.allowed:
        raise Throttled(verdict)
    return find(normalise_code(text))


def find(code: str) -> DisclosureRequest | None:
    return _request_with(code)


def _request_with(code: str) -> DisclosureRequest | None:
    return DisclosureRequest.objects.select_related("org").filter(tracking_code=code).first()
