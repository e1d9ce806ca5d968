"""Issuing document numbers: gapless per org, series and year, safe when two users issue at once.

The counter row is incremented with one UPDATE, which locks it until the surrounding
transaction ends: a second issuer waits, then takes the next number; if the transaction
that issued a number rolls back, so does the counter, so no number is ever skipped.
"""

from django.db import transaction
from django.db.models import F

from . import audit
from .models import EventKind, IssuedNumber, NumberSeries, Org


def format_number(org: Org, series: str, year: int, number: int) -> str:
    return f"{org.doc_prefix}{series}〔{year}〕{number}号"


@transaction.atomic
def issue(
    org: Org, series: str, year: int, *, subject=None, user=None, actor: audit.Actor = audit.SYSTEM
) -> IssuedNumber:
    counter, _ = NumberSeries.objects.get_or_create(org=org, series=series, year=year)
    NumberSeries.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    issued = IssuedNumber.objects.create(
        org=org,
        series=series,
        year=year,
        number=counter.last,
        text=format_number(org, series, year, counter.last),
        issued_by=user,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
    )
    audit.record(
        EventKind.NUMBER_ISSUED,
        f"编发文号 {issued.text}",
        actor=actor,
        chain=org.pk,
        subject=subject,
        data={"number": issued.text},
    )
    return issued
