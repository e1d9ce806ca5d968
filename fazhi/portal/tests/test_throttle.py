"""At most N applications (and 3N look-ups) per address per hour, counted in the database so
that every gunicorn worker sees the same count."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import RequestFactory

from fazhi.disclosure.models import DisclosureRequest
from fazhi.portal import throttle

NOON = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def two_an_hour(settings):
    settings.FAZHI_PORTAL_RATE_PER_HOUR = 2
    settings.FAZHI_PORTAL_TRACK_PER_HOUR = 3


def test_an_application_over_the_hourly_limit_gets_a_429_in_chinese_and_is_not_registered(
    two_an_hour, apply, form
):
    assert [apply(form).status_code for _ in range(2)] == [200, 200]
    refused = apply({**form, "description": "第三件申请的内容"})
    page = refused.content.decode()
    assert refused.status_code == 429 and "一小时内最多在线提交2件申请" in page
    assert int(refused["Retry-After"]) > 0
    assert "第三件申请的内容" in page  # kept in the form, to be submitted later
    assert DisclosureRequest.objects.count() == 2


def test_each_address_has_its_own_count(two_an_hour, apply, form):
    for _ in range(2):
        apply(form, REMOTE_ADDR="198.51.100.1")
    assert apply(form, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert apply(form, REMOTE_ADDR="198.51.100.2").status_code == 200


def test_invalid_forms_do_not_use_up_the_limit(two_an_hour, apply, form):
    for _ in range(3):
        assert apply({**form, "description": ""}).status_code == 400
    assert apply(form).status_code == 200


def test_places_free_up_an_hour_after_the_oldest_counted_request(db):
    take = lambda minutes: throttle.take("t", "192.0.2.1", 2, NOON + datetime.timedelta(minutes=minutes))  # noqa: E731
    assert take(0).allowed and take(30).allowed
    refused = take(59)
    assert not refused.allowed and refused.retry_after == 60
    assert take(60).allowed and not take(61).allowed and take(90).allowed


def test_refused_requests_are_not_counted(db):
    for minute in range(5):
        throttle.take("t", "192.0.2.1", 1, NOON + datetime.timedelta(minutes=minute))
    assert throttle.take("t", "192.0.2.1", 1, NOON + datetime.timedelta(minutes=60)).allowed


def test_an_ipv6_subscriber_is_counted_per_64_block(rf):
    assert (
        throttle.bucket("2001:db8:1:2:aaaa::1")
        == throttle.bucket("2001:db8:1:2:bbbb::9")
        == "2001:db8:1:2::/64"
    )
    assert throttle.bucket("::ffff:198.51.100.7") == "198.51.100.7"


def test_behind_a_trusted_proxy_the_address_it_saw_is_counted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    assert throttle.client_ip(request) == "10.0.0.2"  # no proxy trusted: a forged header changes nothing
    settings.FAZHI_TRUSTED_PROXIES = 1
    assert throttle.client_ip(request) == "203.0.113.9"


def test_tracking_look_ups_have_their_own_limit(two_an_hour, client, apply, form):
    apply(form)
    for _ in range(3):
        assert client.get("/open/track/", {"code": "AAAAAAAAAAAA"}).status_code == 200
    refused = client.get("/open/track/", {"code": DisclosureRequest.objects.get().tracking_code})
    assert refused.status_code == 429 and "查询过于频繁" in refused.content.decode()
    assert apply(form).status_code == 200  # applications are counted apart


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_never_let_more_through_than_the_limit():
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections are a PostgreSQL matter; SQLite serialises writers")
    allowed, errors = [], []

    def one():
        try:
            allowed.append(throttle.take("t", "192.0.2.1", 5, NOON).allowed)
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=one) for _ in range(12)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == [] and allowed.count(True) == 5
