"""At most N requests per address in any 60 minutes, counted in the database.

gunicorn runs several worker processes, so counts kept in process memory would let an
address through once per worker. Each (scope, address) has one row holding its counts per
minute; a worker locks that row (SELECT … FOR UPDATE; SQLite's IMMEDIATE transactions
serialise writers anyway) before counting, so two workers never both take the last place.
A refused request is not counted: an address that keeps trying gets in again an hour
after its oldest counted request.
"""

import datetime
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Throttle

WINDOW = 60  # minutes


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds until a place is free again


def limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


@transaction.atomic
def take(scope: str, address: str, most: int, now: datetime.datetime | None = None) -> Verdict:
    """Count one request of `address` unless it already made `most` in the last hour."""
    now = now or timezone.now()
    row, minute = _locked(scope, address, now), int(now.timestamp() // 60)
    counts = {int(m): n for m, n in row.minutes.items() if int(m) > minute - WINDOW}
    if sum(counts.values()) >= most:
        return Verdict(False, _retry_after(counts, most, now))
    counts[minute] = counts.get(minute, 0) + 1
    row.minutes = {str(m): n for m, n in counts.items()}
    row.save(update_fields=["minutes", "updated_at"])
    return Verdict(True)


def _locked(scope: str, address: str, now: datetime.datetime) -> Throttle:
    rows = Throttle.objects.select_for_update()
    row = rows.filter(scope=scope, address=address).first()
    if row is None:
        _, created = Throttle.objects.get_or_create(scope=scope, address=address)
        if created:  # a new address: forget those not seen for an hour
            Throttle.objects.filter(updated_at__lt=now - datetime.timedelta(minutes=WINDOW)).delete()
        row = rows.get(scope=scope, address=address)
    return row


def _retry_after(counts: dict[int, int], most: int, now: datetime.datetime) -> int:
    """Seconds until enough of the oldest minutes have left the window."""
    excess = sum(counts.values()) - most + 1
    for minute in sorted(counts):
        excess -= counts[minute]
        if excess <= 0:
            return max(1, int((minute + WINDOW) * 60 - now.timestamp()))
    return WINDOW * 60


def client_ip(request) -> str:
    """The address a request came from: REMOTE_ADDR, or behind FAZHI_TRUSTED_PROXIES
    reverse proxies the entry the nearest of them appended to X-Forwarded-For."""
    hops = limit("FAZHI_TRUSTED_PROXIES", 0)
    chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if hops and len(chain) >= hops:
        return chain[-hops]
    return request.META.get("REMOTE_ADDR", "")


def bucket(ip: str) -> str:
    """What is counted: an IPv4 address, or the /64 block an IPv6 subscriber usually holds."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip[:64] or "unknown"
    if address.version == 6 and address.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(getattr(address, "ipv4_mapped", None) or address)
