"""信息处理费 (国办函〔2020〕109号): the scale as a table of named cases, the fee notice pausing
the reply period, payment resuming it, non-payment closing the request, the staff forms and
the public tracking page.

Dates are counted by hand on the 2026 arrangement (LAW.md §0.4): 清明 04-04..06; 中秋 09-25
with Sunday 09-20 worked; 国庆 10-01..07 with Saturday 10-10 worked. The day a period starts
on is not counted; a paused reply period counts again from the day after payment.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.core import engine
from fazhi.core.clocks import clocks_of
from fazhi.core.rules import RULES
from fazhi.disclosure.procedure import FEE_SCALES, FeeMethod, State, information_fee
from fazhi.disclosure.services import requests as svc

D = datetime.date
BY_REQUEST, BY_PAGE = FeeMethod.BY_REQUEST, FeeMethod.BY_PAGE


# --- the scale ------------------------------------------------------------------------------

FEES = {
    # 按件: the applicant's n-th request in a calendar month
    "the first request of the month is free": (BY_REQUEST, 1, 0),
    "the tenth request is still free": (BY_REQUEST, 10, 0),
    "the eleventh costs 100": (BY_REQUEST, 11, 100),
    "the thirtieth costs 100": (BY_REQUEST, 30, 100),
    "the 31st opens the first band of ten: 200": (BY_REQUEST, 31, 200),
    "the 40th is still in that band": (BY_REQUEST, 40, 200),
    "the 41st opens the next band: 300": (BY_REQUEST, 41, 300),
    "the 55th is in the third band: 400": (BY_REQUEST, 55, 400),
    # 按量: pages of one request, 超额累进
    "30 pages are free": (BY_PAGE, 30, 0),
    "the 31st page costs 10": (BY_PAGE, 31, 10),
    "45 pages: 15 at 10": (BY_PAGE, 45, 150),
    "100 pages: 70 at 10": (BY_PAGE, 100, 700),
    "101 pages: 70 at 10 and one at 20": (BY_PAGE, 101, 720),
    "200 pages: 70 at 10 and 100 at 20": (BY_PAGE, 200, 2700),
    "201 pages: the first page at 40": (BY_PAGE, 201, 2740),
    "250 pages: 70 at 10, 100 at 20, 50 at 40": (BY_PAGE, 250, 4700),
}


@pytest.mark.parametrize(("method", "quantity", "fee"), FEES.values(), ids=FEES.keys())
def test_the_information_fee_follows_the_109_scale(method, quantity, fee):
    assert information_fee(method, quantity) == Decimal(fee)


@pytest.mark.parametrize(("method", "quantity"), [(BY_PAGE, 0), (BY_REQUEST, -1), ("by_weight", 5)])
def test_a_fee_needs_a_known_method_and_a_positive_quantity(method, quantity):
    with pytest.raises(ValueError):
        information_fee(method, quantity)


def test_the_payment_period_is_declared_unsure_and_configurable():
    rule = RULES.in_force("disclosure.fee_payment", D(2026, 3, 16))
    assert (rule.amount, rule.unit, rule.confidence, rule.configurable) == (20, "workdays", "unsure", True)
    assert str(rule.cite) == "《政府信息公开信息处理费管理办法》第七条" and "待核实" in rule.notes
    assert set(FEE_SCALES) == {BY_REQUEST, BY_PAGE}


# --- clocks ---------------------------------------------------------------------------------


def due(request, rule="disclosure.reply"):
    return clocks_of(request).filter(rule_key=rule).order_by("-pk").first().due_on


@pytest.fixture
def handled(receive, people):
    """Received Monday 2026-03-02 (reply due 03-30), accepted the next day."""
    request = receive(D(2026, 3, 2))
    return svc.accept(request, people["clerk"], on=D(2026, 3, 3))


NOTIFIED = D(2026, 3, 16)  # a Monday: 10 of the 20 working days spent


def notify(request, people, on=NOTIFIED, method=BY_PAGE, quantity=45):
    return svc.fee_notice(request, people["clerk"], method=method, quantity=quantity, on=on)


def test_a_fee_notice_pauses_the_reply_period_and_starts_20_working_days_to_pay(handled, people):
    request = notify(handled, people)  # Monday 03-16: 10 of the 20 working days spent
    assert (request.state, request.fee_method, request.fee_quantity) == (State.AWAITING_FEE, BY_PAGE, 45)
    assert request.fee_amount == Decimal("150.00")
    reply = clocks_of(request).get(rule_key="disclosure.reply")
    assert (reply.state, reply.remaining, reply.due_on) == ("paused", 10, None)
    assert due(request, "disclosure.fee_payment") == D(2026, 4, 14)  # 清明 04-06 skipped


def test_payment_resumes_the_reply_period_from_the_day_after_across_qingming(handled, people):
    notify(handled, people)
    request = svc.fee_paid(handled, people["clerk"], on=D(2026, 4, 1))
    assert request.state == State.HANDLING
    assert due(request) == D(2026, 4, 16)  # 10 left: 04-02, 04-03, 04-07..10, 04-13..16
    fee = clocks_of(request).get(rule_key="disclosure.fee_payment")
    assert (fee.state, fee.stopped_on) == ("stopped", D(2026, 4, 1))


def test_time_waiting_for_payment_over_the_national_day_is_not_counted(receive, people):
    request = receive(D(2026, 9, 14))  # reply due 10-16 (09-20 worked, 09-25 中秋, 10-10 worked)
    assert due(request) == D(2026, 10, 16)
    svc.accept(request, people["clerk"], on=D(2026, 9, 15))
    notify(request, people, on=D(2026, 9, 24), method=BY_REQUEST, quantity=31)  # 9 days spent
    assert due(request, "disclosure.fee_payment") == D(2026, 10, 29)
    request = svc.fee_paid(request, people["clerk"], on=D(2026, 9, 30))
    assert request.fee_amount == Decimal("200.00")
    assert due(request) == D(2026, 10, 21)  # 11 left: 10-08, 10-09, 10-10, 10-12..16, 10-19..21


def test_a_jurisdiction_may_set_its_own_payment_period(handled, people, tree):
    from fazhi.core.models import RuleOverride

    RuleOverride.objects.create(
        org=tree["city"],
        rule_key="disclosure.fee_payment",
        amount=10,
        basis="示例市规定",
        since=D(2021, 1, 1),
    )
    notify(handled, people)
    assert due(handled, "disclosure.fee_payment") == D(2026, 3, 30)  # 03-17..20, 03-23..27, 03-30


def test_a_notice_for_a_free_request_is_refused(handled, people):
    with pytest.raises(engine.Refused) as refused:
        notify(handled, people, method=BY_PAGE, quantity=30)
    assert "信息处理费为零" in refused.value.message
    assert "第三条至第五条" in str(refused.value.cite)


def test_a_notice_without_a_known_method_is_refused(handled, people):
    with pytest.raises(engine.Refused) as refused:
        notify(handled, people, method="by_weight", quantity=50)
    assert "按件或按量" in refused.value.message


def test_non_payment_is_refused_until_the_payment_period_is_over(handled, people):
    notify(handled, people)  # payable until 2026-04-14
    with pytest.raises(engine.Refused) as refused:
        svc.fee_unpaid(handled, people["clerk"], on=D(2026, 4, 14))  # the last day is not yet over
    assert refused.value.message == "缴费期限尚未届满，不能按逾期未缴费处理。"
    assert str(refused.value.cite) == "《政府信息公开信息处理费管理办法》第七条"
    request = svc.fee_unpaid(handled, people["clerk"], on=D(2026, 4, 15))
    assert (request.state, request.outcome, request.replied_on) == (
        State.REPLIED,
        "fee_unpaid",
        D(2026, 4, 15),
    )
    assert "逾期未按收费通知要求缴纳信息处理费" in request.letter and "第四十二条" in request.letter
    assert all(c.state == "stopped" for c in clocks_of(request))


def test_a_request_waiting_for_payment_is_still_open_at_the_years_end(handled, people):
    from fazhi.disclosure.models import DisclosureRequest

    notify(handled, people)
    open_ = DisclosureRequest.objects.filter(replied_on__isnull=True)  # 结转下年度继续办理
    assert list(open_.values_list("state", flat=True)) == [State.AWAITING_FEE]


# --- the staff page -------------------------------------------------------------------------

TODAY = timezone.localdate()  # the office's day, as the forms see it


def step(client, request, key, **fields):
    data = {f"{key}-{name}": value for name, value in fields.items()}
    return client.post(f"/disclosure/requests/{request.pk}/steps/{key}/", data)


def test_the_fee_notice_form_computes_the_amount(handled, people, login):
    client = login(people["clerk"])
    page = client.get(f"/disclosure/requests/{handled.pk}/").content.decode()
    assert "收费通知" in page and "31—100页10元/页" in page
    response = step(client, handled, "fee_notice", method=BY_PAGE, quantity=120, notified_on="2026-03-16")
    assert response.status_code == 302
    handled.refresh_from_db()
    assert (handled.state, handled.fee_amount) == (State.AWAITING_FEE, Decimal("1100.00"))  # 700 + 400
    page = client.get(f"/disclosure/requests/{handled.pk}/").content.decode()
    assert "1100.00" in page and "按量计收，120页" in page and "缴费期间不计入" in page


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"method": BY_PAGE, "notified_on": "2026-03-16"}, "计费数量"),
        ({"method": BY_REQUEST, "quantity": 5, "notified_on": "2026-03-16"}, "不需要发出收费通知"),
        ({"method": BY_PAGE, "quantity": 45, "notified_on": "2026-03-01"}, "不能早于2026年3月2日"),
    ],
    ids=["no quantity", "free", "before receipt"],
)
def test_a_wrong_fee_notice_is_shown_again_with_its_error(handled, people, login, fields, error):
    response = step(login(people["clerk"]), handled, "fee_notice", **fields)
    assert response.status_code == 400 and error in response.content.decode()
    handled.refresh_from_db()
    assert handled.state == State.HANDLING


def test_non_payment_before_the_deadline_is_refused_on_the_page(handled, people, login):
    client = login(people["clerk"])
    notify(handled, people, on=TODAY)
    page = client.get(f"/disclosure/requests/{handled.pk}/").content.decode()
    assert "暂不能办理：缴费期限尚未届满" in page
    response = step(client, handled, "fee_unpaid")
    assert response.status_code == 409 and "缴费期限尚未届满" in response.content.decode()


def test_payment_is_recorded_through_its_form(handled, people, login):
    client = login(people["clerk"])
    notify(handled, people)
    early = step(client, handled, "fee_paid", paid_on="2026-03-13")
    assert early.status_code == 400 and "不能早于2026年3月16日" in early.content.decode()
    assert step(client, handled, "fee_paid", paid_on="2026-04-01").status_code == 302
    assert due(handled) == D(2026, 4, 16)


def test_non_payment_after_the_deadline_closes_the_request_through_its_form(handled, people, login):
    notify(handled, people)  # payable until 2026-04-14, long past
    response = step(login(people["clerk"]), handled, "fee_unpaid")
    assert response.status_code == 302
    handled.refresh_from_db()
    assert (handled.state, handled.outcome) == (State.REPLIED, "fee_unpaid")


# --- the public tracking page ---------------------------------------------------------------


def test_the_tracking_page_shows_the_fee_and_the_deadline_to_pay(handled, people, client):
    notify(handled, people)
    page = client.get("/open/track/", {"code": handled.tracking_code}).content.decode()
    assert "待缴费" in page and "150.00元" in page and "按量计收，45页" in page
    assert "缴费期限：2026年4月14日前" in page and "不计算在内" in page
