"""Every clock of a disclosure request, as named legal situations with holidays and 调休.

Expected dates are counted by hand on the 2026 arrangement (LAW.md §0.4): 清明 04-04..06,
劳动节 05-01..05 with 05-09 (Sat) worked, 国庆 10-01..07 with 10-10 (Sat) worked.
"""

import datetime

import pytest

from fazhi.core import engine
from fazhi.core.clocks import clocks_of
from fazhi.disclosure.procedure import State
from fazhi.disclosure.services import requests as svc

D = datetime.date


def due(request, rule="disclosure.reply"):
    clock = clocks_of(request).filter(rule_key=rule).order_by("-pk").first()
    return clock.due_on


def test_the_reply_is_due_20_working_days_after_receipt_the_day_itself_not_counted(receive):
    assert due(receive(D(2026, 3, 2))) == D(2026, 3, 30)


def test_the_national_day_holiday_is_skipped_and_its_tiaoxiu_saturday_counted(receive):
    assert due(receive(D(2026, 9, 28))) == D(2026, 10, 30)


def test_the_correction_notice_is_due_7_working_days_after_receipt_across_may_day(receive):
    request = receive(D(2026, 4, 30))
    assert due(request, "disclosure.correction_notice") == D(2026, 5, 13)  # 05-09 worked


def test_a_correction_restarts_the_20_working_days_from_the_day_after_it_arrives(receive, people):
    request = receive(D(2026, 3, 2))
    svc.request_correction(
        request, people["clerk"], note="请说明文件名称", due_on=D(2026, 3, 20), on=D(2026, 3, 4)
    )
    assert due(request) is None  # paused while the applicant corrects
    svc.correction_received(request, people["clerk"], on=D(2026, 3, 20))
    assert due(request) == D(2026, 4, 20)  # 清明 04-04..06 skipped


def test_time_spent_consulting_a_third_party_is_added_to_the_reply_period(receive, people):
    request = receive(D(2026, 3, 2))
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    svc.consult(request, people["clerk"], third_party=True, party="某公司", on=D(2026, 3, 9))
    assert due(request, "disclosure.third_party") == D(2026, 3, 30)
    svc.consultation_ended(request, people["clerk"], answered_on=D(2026, 3, 25))
    assert due(request) == D(2026, 4, 16)  # 3/30 + the 12 working days 3/10..3/25


def test_a_silent_third_party_ends_the_pause_when_its_15_working_days_end(receive, people):
    request = receive(D(2026, 3, 2))
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    svc.consult(request, people["clerk"], third_party=False, party="示例市财政局", on=D(2026, 3, 9))
    assert due(request, "disclosure.other_agency") == D(2026, 3, 30)
    svc.consultation_ended(request, people["clerk"], answered_on=None)
    assert due(request) == D(2026, 4, 21)


def test_an_extension_adds_20_working_days_to_the_period_in_force(receive, people):
    request = receive(D(2026, 3, 2))
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    svc.extend(request, people["head"], reason="需要检索多年档案", on=D(2026, 3, 20))
    assert due(request) == D(2026, 4, 28)


def test_the_reply_period_can_be_extended_only_once(receive, people):
    request = receive(D(2026, 3, 2))
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    svc.extend(request, people["head"], reason="需要检索", on=D(2026, 3, 20))
    with pytest.raises(engine.Refused) as refused:
        svc.extend(request, people["head"], reason="再次延期", on=D(2026, 4, 1))
    assert refused.value.message == "答复期限只能延长一次。"
    assert str(refused.value.cite) == "《中华人民共和国政府信息公开条例》第三十三条第二款"


def test_only_the_head_may_extend(receive, people):
    request = receive(D(2026, 3, 2))
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    with pytest.raises(engine.Refused) as refused:
        svc.extend(request, people["clerk"], reason="经办人自行延期", on=D(2026, 3, 20))
    assert "只能由负责人办理" in refused.value.message


def test_no_correction_by_the_deadline_closes_the_request_as_no_longer_handled(receive, people):
    request = receive(D(2026, 3, 2))
    svc.request_correction(request, people["clerk"], note="请说明", due_on=D(2026, 3, 16), on=D(2026, 3, 4))
    with pytest.raises(engine.Refused):
        svc.abandon(request, people["clerk"], on=D(2026, 3, 16))  # the last day is not yet over
    request = svc.abandon(request, people["clerk"], on=D(2026, 3, 17))
    assert (request.state, request.outcome, request.replied_on) == (
        State.REPLIED,
        "no_correction",
        D(2026, 3, 17),
    )
    assert "第三十条" in request.letter
    assert all(c.state == "stopped" for c in clocks_of(request))


def test_signing_stops_the_reply_clock_and_dates_the_reply(receive, people):
    request = receive(D(2026, 3, 2))
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    svc.propose_reply(request, people["clerk"], outcome="grant", on=D(2026, 3, 10))
    request = svc.sign(request, people["head"], on=D(2026, 3, 11))
    assert request.replied_on == D(2026, 3, 11) and request.state == State.REPLIED
    clock = clocks_of(request).get(rule_key="disclosure.reply")
    assert (clock.state, clock.stopped_on) == ("stopped", D(2026, 3, 11))


def test_the_whole_request_is_delivered_and_archived(receive, people):
    request = receive(D(2026, 3, 2))
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    svc.propose_reply(request, people["clerk"], outcome="grant", on=D(2026, 3, 10))
    svc.sign(request, people["head"], on=D(2026, 3, 11))
    svc.deliver(request, people["clerk"], method="email", on=D(2026, 3, 11))
    assert svc.archive(request, people["clerk"], on=D(2026, 3, 12)).state == State.ARCHIVED


def test_a_reply_with_an_outcome_outside_the_national_list_is_refused(receive, people):
    request = receive(D(2026, 3, 2))
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    with pytest.raises(engine.Refused) as refused:
        svc.propose_reply(request, people["clerk"], outcome="maybe", letter="……", on=D(2026, 3, 5))
    assert refused.value.message == "处理结果须为全国统一的答复类型之一。"


def test_registration_numbers_the_request_per_org_and_year(receive):
    assert receive(D(2026, 3, 2)).number == "示甲依申〔2026〕1号"
    assert receive(D(2026, 3, 3)).number == "示甲依申〔2026〕2号"


def test_a_request_received_in_late_december_waits_for_next_years_holidays(receive, tmp_path):
    from django.core.management import call_command

    from fazhi.core.models import AuditEvent, Clock

    request = receive(D(2026, 12, 20))  # 20 working days run into 2027, not yet published
    clock = clocks_of(request).get(rule_key="disclosure.reply")
    assert clock.due_on is None and clock.note == "到期日待2027年放假安排导入后计算"
    lights = Clock.objects.with_light(D(2026, 12, 21), D(2026, 12, 24)).values_list("light", flat=True)
    assert "pending" in set(lights)
    arrangement = tmp_path / "2027.csv"
    arrangement.write_text("日期,类型,说明\n2027-01-01,休,元旦\n", encoding="utf-8")
    call_command("calendar", "import", str(arrangement))
    clock.refresh_from_db()
    assert clock.due_on == D(2027, 1, 18) and clock.note == ""  # 12-21..31: 9, then 11 from 01-04
    assert AuditEvent.objects.filter(kind="clock", data__clocks__has_key=str(clock.pk)).exists()
