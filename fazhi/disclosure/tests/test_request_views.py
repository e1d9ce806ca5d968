"""依申请公开 screens: registering, the list, each step through its form, the reply letter.

Dates are in spring 2026 and counted by hand on the 2026 arrangement (清明 04-04..06; 劳动节
05-01..05 with Saturday 05-09 worked): a request received on Monday 2026-03-02 is due on
2026-03-30. Steps not given a date happen today, as on the screen.
"""

import datetime
import io

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from fazhi.core import audit, holidays
from fazhi.core.clocks import clocks_of
from fazhi.core.models import AuditEvent, CalendarDay, CalendarYear
from fazhi.disclosure.models import DisclosureRequest
from fazhi.disclosure.procedure import PROCEDURE, State
from fazhi.disclosure.services import requests as svc
from fazhi.disclosure.views import requests as views

D = datetime.date
RECEIVED = D(2026, 3, 2)  # a Monday; the reply is due 2026-03-30
TODAY = timezone.localdate()  # the office's day (Asia/Shanghai), as the forms see it
LIST = "/disclosure/requests/"
NEW = "/disclosure/requests/new/"


@pytest.fixture
def registered(people, tree):
    """A request to the personas' own agency (甲局), received on `on`."""

    def register(on=RECEIVED, **fields):
        values = {
            "applicant_name": "王晓明",
            "applicant_type": "natural_person",
            "channel": "letter",
            "description": "2025年本市义务教育招生划片范围",
            "phone": "13800000000",
            "id_number": "110101199001011234",
            **fields,
        }
        actor = audit.Actor.of(people["clerk"])
        return svc.register(tree["own"], received_on=on, actor=actor, created_by=people["clerk"], **values)

    return register


@pytest.fixture
def next_year_known(db):
    """A request received today may be due next year: until the State Council's notice is
    imported, a weekends-only stand-in lets the count go on (the system itself refuses)."""
    year = TODAY.year + 1
    if CalendarYear.objects.filter(year=year).exists():
        return
    ordinal, days = CalendarDay.objects.order_by("-date").first().ordinal, []
    for day, is_workday, note in holidays.year_days(year, {}):  # appended: no renumbering
        ordinal += is_workday
        days.append(CalendarDay(date=day, is_workday=is_workday, note=note, ordinal=ordinal))
    CalendarDay.objects.bulk_create(days)
    CalendarYear.objects.create(year=year, source="测试：仅周末休息")


def reply_due(request):
    return clocks_of(request).get(rule_key="disclosure.reply").due_on


def step(client, request, key, **fields):
    data = {f"{key}-{name}": value for name, value in fields.items()}
    return client.post(f"/disclosure/requests/{request.pk}/steps/{key}/", data)


def page(response) -> str:
    return response.content.decode()


def letter_form(**changes):
    return {
        "channel": "letter",
        "received_on": "2026-03-02",
        "applicant_type": "natural_person",
        "applicant_name": "钱多多",
        "id_number": "110101199001011234",
        "phone": "13900000000",
        "email": "",
        "address": "示例市人民路1号",
        "description": "2025年本区学校食堂食品安全抽检结果",
        "delivery_form": "paper",
        **changes,
    }


# --- registering --------------------------------------------------------------------------------


def test_a_clerk_registers_a_letter_and_the_reply_period_counts_from_the_next_day(people, login):
    response = login(people["clerk"]).post(NEW, letter_form())
    request = DisclosureRequest.objects.get()
    assert response.status_code == 302 and response.url == f"/disclosure/requests/{request.pk}/"
    assert request.number == "示甲依申〔2026〕1号" and request.org.code == "SL-A"
    assert request.channel == "letter" and request.created_by == people["clerk"]
    assert request.state == State.REGISTERED and reply_due(request) == D(2026, 3, 30)
    assert AuditEvent.objects.filter(subject_id=request.pk, kind="created", actor_name="李经办").exists()


def test_missing_fields_are_answered_in_chinese_and_nothing_is_registered(people, login):
    form = letter_form(applicant_name="", description="", phone="", address="")
    response = login(people["clerk"]).post(NEW, form)
    assert response.status_code == 400
    assert "这个字段是必填项" in page(response)
    assert "请至少填写一种联系方式" in page(response)
    assert not DisclosureRequest.objects.exists()


def test_a_receipt_date_in_the_future_is_refused(people, login):
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = login(people["clerk"]).post(NEW, letter_form(received_on=tomorrow))
    assert response.status_code == 400 and "日期不能晚于今天" in page(response)
    assert not DisclosureRequest.objects.exists()


def test_a_receipt_date_before_the_regulation_took_effect_is_refused(people, login):
    response = login(people["clerk"]).post(NEW, letter_form(received_on="2019-05-14"))
    assert response.status_code == 400 and "不能早于2019年5月15日" in page(response)


def test_a_receipt_date_in_a_year_the_calendar_does_not_know_gets_the_calendars_refusal(people, login):
    CalendarDay.objects.filter(date__year=2020).delete()
    CalendarYear.objects.filter(year=2020).delete()
    response = login(people["clerk"]).post(NEW, letter_form(received_on="2020-06-01"))
    assert response.status_code == 400 and "2020年的节假日安排尚未录入工作日历" in page(response)
    assert not DisclosureRequest.objects.exists()


def test_a_reply_period_running_into_an_unknown_year_is_registered_with_its_due_date_pending(people, login):
    CalendarDay.objects.filter(date__gte=D(2026, 3, 15)).delete()
    CalendarYear.objects.filter(year=2026).delete()
    client = login(people["clerk"])
    response = client.post(NEW, letter_form(received_on="2026-03-02"))
    assert response.status_code == 302  # the application is never turned away for it
    shown = page(client.get(response.url))
    assert "到期日待定" in shown and "到期日待2026年放假安排导入后计算" in shown


def test_html_typed_into_the_form_is_shown_as_text(people, login):
    client = login(people["clerk"])
    client.post(NEW, letter_form(applicant_name="<script>alert(1)</script>", description="<b>粗体</b>"))
    request = DisclosureRequest.objects.get()
    for shown in (page(client.get(f"{LIST}{request.pk}/")), page(client.get(LIST))):
        assert "<script>alert(1)</script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
        assert "<b>粗体</b>" not in shown


def test_a_supervisor_without_a_post_in_an_agency_may_not_register(people, login):
    assert login(people["supervisor"]).get(NEW).status_code == 403


def test_someone_with_posts_in_two_agencies_chooses_where_the_request_was_received(people, tree, login):
    from fazhi.core.models import Membership

    Membership.objects.create(user=people["clerk"], org=tree["sibling"], role="clerk")
    client = login(people["clerk"])
    assert "受理机关" in page(client.get(NEW))
    assert client.post(NEW, letter_form(org=tree["sibling"].pk)).status_code == 302
    assert DisclosureRequest.objects.get().org == tree["sibling"]
    assert client.post(NEW, letter_form(org=tree["city"].pk)).status_code == 400


# --- the list and its export --------------------------------------------------------------------


def test_the_list_shows_the_request_and_how_long_ago_its_reply_fell_due(registered, people, login):
    registered()
    shown = page(login(people["clerk"]).get(LIST))
    assert "示甲依申〔2026〕1号" in shown and "王晓明" in shown and "信函" in shown
    assert "已登记" in shown and "2026-03-30" in shown and "已超期" in shown and "超期" in shown


def test_the_list_shows_the_working_days_left_on_a_recent_request(registered, people, login, next_year_known):
    registered(on=TODAY)
    assert "剩余20个工作日" in page(login(people["clerk"]).get(LIST))


def test_the_list_filters_by_state_and_by_light(registered, people, login):
    waiting = registered(applicant_name="待补正的申请人")
    svc.request_correction(waiting, people["clerk"], note="请说明", due_on=D(2026, 3, 20), on=D(2026, 3, 4))
    registered(applicant_name="已登记的申请人")
    client = login(people["clerk"])
    by_state = page(client.get(LIST, {"state": "awaiting_correction"}))
    assert "待补正的申请人" in by_state and "已登记的申请人" not in by_state
    paused = page(client.get(LIST, {"light": "paused"}))
    assert "待补正的申请人" in paused and "已登记的申请人" not in paused
    red = page(client.get(LIST, {"light": "red"}))
    assert "已登记的申请人" in red and "待补正的申请人" not in red
    assert "没有符合筛选条件的申请" in page(client.get(LIST, {"state": "archived", "light": "red"}))


def test_an_unknown_filter_shows_everything(registered, people, login):
    registered()
    assert "王晓明" in page(login(people["clerk"]).get(LIST, {"state": "nonsense", "light": "purple"}))


def test_the_list_pages_keep_the_filter(registered, people, login, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 2)
    for _ in range(3):
        registered()
    shown = page(login(people["clerk"]).get(LIST, {"light": "red"}))
    assert "第 1/2 页" in shown and "?light=red&amp;page=2" in shown


def test_the_sibling_unit_sees_nothing_of_the_agencys_requests(registered, people, login):
    request = registered()
    client = login(people["sibling"])
    assert "王晓明" not in page(client.get(LIST)) and "暂无政府信息公开申请" in page(client.get(LIST))
    assert client.get(f"{LIST}{request.pk}/").status_code == 404
    assert step(client, request, "accept").status_code == 404
    rows = list(load_workbook(io.BytesIO(client.get(f"{LIST}export.xlsx").content)).active.iter_rows())
    assert len(rows) == 1  # the header only


def test_the_export_has_the_lists_filter_and_columns(registered, people, login):
    registered(applicant_name="甲")
    svc.accept(registered(applicant_name="乙"), people["clerk"])
    response = login(people["clerk"]).get(f"{LIST}export.xlsx", {"state": "handling"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("申请编号", "申请内容", "受理机关", "申请人")
    assert len(rows) == 2 and rows[1][3] == "乙" and rows[1][7] == "办理中" and rows[1][9] == "超期"


def test_a_supervisor_above_reads_the_request_with_the_applicants_details_masked(registered, people, login):
    request = registered()
    client = login(people["supervisor"])
    shown = page(client.get(f"{LIST}{request.pk}/"))
    assert "王**" in shown and "138****0000" in shown and "1101**********1234" in shown
    assert "王晓明" not in page(client.get(LIST)) and "13800000000" not in shown
    assert "当前没有需要您办理的环节" in shown


def test_a_supervisor_above_reads_the_letter_with_the_applicants_name_masked(registered, people, login):
    request = registered()
    svc.accept(request, people["clerk"])
    request = svc.propose_reply(request, people["clerk"], outcome="grant")
    client = login(people["supervisor"])
    assert "王**：" in page(client.get(f"{LIST}{request.pk}/")) and "王晓明：" in request.letter
    document = Document(io.BytesIO(client.get(f"{LIST}{request.pk}/letter.docx").content))
    assert "王**：" in [p.text for p in document.paragraphs]


# --- the request page -------------------------------------------------------------------------


def test_the_page_shows_every_clock_with_its_rule_and_how_it_was_counted(registered, people, login):
    request = registered()
    shown = page(login(people["clerk"]).get(f"{LIST}{request.pk}/"))
    for clock in clocks_of(request):
        assert f"/clocks/{clock.pk}/" in shown
    assert "依申请公开答复期限" in shown and "补正告知期限" in shown and "怎么算的" in shown
    assert 'aria-current="step">已登记' in shown and "登记政府信息公开申请" in shown


# --- steps --------------------------------------------------------------------------------------


def test_accepting_puts_the_request_in_handling(registered, people, login):
    request = registered()
    response = step(login(people["clerk"]), request, "accept")
    request.refresh_from_db()
    assert response.status_code == 302 and request.state == State.HANDLING


def test_a_correction_pauses_the_reply_period_and_its_arrival_restarts_it(registered, people, login):
    request, client = registered(), login(people["clerk"])
    response = step(
        client,
        request,
        "request_correction",
        note="请写明文件名称",
        due_on="2026-03-20",
        notified_on="2026-03-04",
    )
    request.refresh_from_db()
    assert response.status_code == 302 and request.state == State.AWAITING_CORRECTION
    assert reply_due(request) is None and request.correction_due_on == D(2026, 3, 20)
    assert step(client, request, "correction_received", received_on="2026-03-20").status_code == 302
    request.refresh_from_db()
    assert request.state == State.HANDLING and reply_due(request) == D(2026, 4, 20)  # 清明 skipped


def test_a_correction_deadline_before_the_notice_is_refused(registered, people, login):
    request = registered()
    response = step(
        login(people["clerk"]),
        request,
        "request_correction",
        note="请写明",
        due_on="2026-03-03",
        notified_on="2026-03-04",
    )
    assert response.status_code == 400 and "补正期限应晚于告知日期" in page(response)


def test_a_correction_cannot_arrive_before_it_was_asked_for(registered, people, login):
    request = registered()
    svc.request_correction(request, people["clerk"], note="请说明", due_on=D(2026, 3, 20), on=D(2026, 3, 4))
    response = step(login(people["clerk"]), request, "correction_received", received_on="2026-03-03")
    assert response.status_code == 400 and "不能早于2026年3月4日" in page(response)


def test_abandoning_before_the_correction_deadline_is_refused(registered, people, login):
    request = registered()
    later = TODAY + datetime.timedelta(days=10)
    svc.request_correction(request, people["clerk"], note="请说明", due_on=later, on=D(2026, 3, 4))
    response = step(login(people["clerk"]), request, "abandon")
    assert response.status_code == 409
    assert "补正期限尚未届满" in page(response) and "第三十条" in page(response)
    request.refresh_from_db()
    assert request.state == State.AWAITING_CORRECTION


def test_after_the_correction_deadline_the_request_is_no_longer_handled(registered, people, login):
    request = registered()
    svc.request_correction(request, people["clerk"], note="请说明", due_on=D(2026, 3, 20), on=D(2026, 3, 4))
    assert step(login(people["clerk"]), request, "abandon").status_code == 302
    request.refresh_from_db()
    assert request.state == State.REPLIED and request.outcome == "no_correction"
    assert "视为放弃申请" in request.letter
    shown = page(login(people["clerk"]).get(f"{LIST}{request.pk}/"))
    assert "待签发" not in shown.split('class="stepper"')[1].split("</ol>")[0]  # never went there


def test_consulting_a_third_party_pauses_the_reply_and_its_answer_resumes_it(registered, people, login):
    request, client = registered(), login(people["clerk"])
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    assert (
        step(client, request, "consult_third_party", party="某公司", sent_on="2026-03-09").status_code == 302
    )
    request.refresh_from_db()
    assert request.state == State.CONSULTING and reply_due(request) is None
    assert step(client, request, "consultation_ended", answered_on="2026-03-25").status_code == 302
    request.refresh_from_db()
    assert request.state == State.HANDLING and reply_due(request) == D(2026, 4, 16)


def test_a_silent_agency_ends_the_pause_when_its_15_working_days_end(registered, people, login):
    request, client = registered(), login(people["clerk"])
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    assert (
        step(client, request, "consult_agency", party="示例市财政局", sent_on="2026-03-09").status_code == 302
    )
    assert step(client, request, "consultation_ended", lapsed="on").status_code == 302
    request.refresh_from_db()
    assert request.consulted_party == "示例市财政局" and reply_due(request) == D(2026, 4, 21)


def test_a_consultation_still_running_cannot_be_marked_lapsed(registered, people, login, next_year_known):
    request = registered()
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    svc.consult(request, people["clerk"], third_party=True, party="某公司", on=TODAY)
    response = step(login(people["clerk"]), request, "consultation_ended", lapsed="on")
    assert response.status_code == 400 and "尚未期满" in page(response)


def test_an_end_of_consultation_needs_a_date_or_the_lapse(registered, people, login):
    request = registered()
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    svc.consult(request, people["clerk"], third_party=True, party="某公司", on=D(2026, 3, 9))
    response = step(login(people["clerk"]), request, "consultation_ended")
    assert response.status_code == 400 and "征求意见期满未答复" in page(response)


def test_only_the_head_extends_and_only_once(registered, people, login):
    request = registered()
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    refused = step(login(people["clerk"]), request, "extend", reason="需逐件检索")
    assert refused.status_code == 409 and "「延期答复」只能由负责人办理" in page(refused)
    head = login(people["head"])
    assert step(head, request, "extend", reason="需逐件检索").status_code == 302
    request.refresh_from_db()
    assert request.extended and reply_due(request) == D(2026, 4, 28)  # 3/30 + 20 working days
    again = step(head, request, "extend", reason="再延一次")
    assert again.status_code == 409
    assert "答复期限只能延长一次" in page(again) and "第三十三条第二款" in page(again)
    assert "暂不能办理：答复期限只能延长一次" in page(head.get(f"{LIST}{request.pk}/"))


def test_an_empty_extension_reason_is_answered_with_the_fields_name(registered, people, login):
    request = registered()
    svc.accept(request, people["clerk"])
    response = step(login(people["head"]), request, "extend", reason="")
    assert response.status_code == 400 and "延期理由：这个字段是必填项" in page(response)


@pytest.fixture
def handled(registered, people):
    request = registered()
    svc.accept(request, people["clerk"], on=D(2026, 3, 3))
    return request


def test_a_proposed_partial_disclosure_letter_cites_its_article_and_review_first(handled, people, login):
    response = step(login(people["clerk"]), handled, "propose_reply", outcome="partial", letter="")
    handled.refresh_from_db()
    assert response.status_code == 302 and handled.state == State.AWAITING_SIGNATURE
    assert "《中华人民共和国政府信息公开条例》第三十七条" in handled.letter
    assert "应当自收到本答复之日起六十日内先向示例市人民政府申请行政复议" in handled.letter
    shown = page(login(people["clerk"]).get(f"{LIST}{handled.pk}/"))
    assert "政府信息公开申请答复书" in shown and "第三十七条" in shown and "下载Word文档" in shown


def test_a_letter_written_by_the_clerk_is_kept(handled, people, login):
    step(login(people["clerk"]), handled, "propose_reply", outcome="grant", letter="答复书\n　　予以公开。")
    handled.refresh_from_db()
    assert handled.letter == "答复书\n　　予以公开。"


def test_an_outcome_outside_the_national_list_is_refused(handled, people, login):
    response = step(login(people["clerk"]), handled, "propose_reply", outcome="maybe", letter="")
    assert response.status_code == 400 and "处理结果" in page(response)


def test_the_letter_preview_follows_the_chosen_outcome(handled, people, login):
    url = f"{LIST}{handled.pk}/letter-preview/"
    client = login(people["clerk"])
    shown = page(client.get(url, {"propose_reply-outcome": "process_info"}, headers={"HX-Request": "true"}))
    assert "第十六条第二款" in shown and "先向示例市人民政府申请行政复议" in shown
    assert page(client.get(url, {"propose_reply-outcome": ""})).strip() == ""


def test_the_head_sends_back_signs_and_the_clerk_delivers_and_archives(handled, people, login):
    clerk = login(people["clerk"])
    step(clerk, handled, "propose_reply", outcome="grant", letter="")
    head = login(people["head"])
    assert step(head, handled, "send_back", reason="请附获取方式").status_code == 302
    handled.refresh_from_db()
    assert handled.state == State.HANDLING
    step(head, handled, "propose_reply", outcome="grant", letter="")
    refused = step(login(people["clerk"]), handled, "sign")
    assert refused.status_code == 409 and "「签发答复」只能由负责人办理" in page(refused)
    assert step(login(people["head"]), handled, "sign").status_code == 302
    clerk = login(people["clerk"])
    assert step(clerk, handled, "deliver", method="post").status_code == 302
    assert step(clerk, handled, "archive").status_code == 302
    handled.refresh_from_db()
    assert handled.state == State.ARCHIVED and handled.replied_on is not None
    assert handled.get_delivery_method_display() == "邮寄"
    assert "该申请已归档" in page(clerk.get(f"{LIST}{handled.pk}/"))


def test_a_refused_step_is_in_the_requests_history(handled, people, login):
    step(login(people["clerk"]), handled, "sign")
    shown = page(login(people["clerk"]).get(f"{LIST}{handled.pk}/"))
    assert "被拒绝" in shown and "拒绝「签发答复」" in shown


def test_a_step_that_does_not_exist_is_a_404_and_a_get_is_not_allowed(handled, people, login):
    client = login(people["clerk"])
    assert step(client, handled, "delete").status_code == 404
    assert client.get(f"{LIST}{handled.pk}/steps/accept/").status_code == 405


def test_a_step_out_of_turn_is_refused_with_the_state(handled, people, login):
    response = step(login(people["clerk"]), handled, "deliver", method="post")
    assert response.status_code == 409 and "事项当前为「办理中」，不能「送达」" in page(response)


# --- the letter as a Word document --------------------------------------------------------------


def test_the_letter_downloads_as_a_word_document_in_official_fonts(handled, people, login):
    svc.propose_reply(handled, people["clerk"], outcome="process_info")
    response = login(people["clerk"]).get(f"{LIST}{handled.pk}/letter.docx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "政府信息公开申请答复书" in text and "第十六条第二款" in text
    assert "应当自收到本答复之日起六十日内先向示例市人民政府申请行政复议" in text
    title, body = document.paragraphs[0].runs[0], document.paragraphs[3].runs[0]
    assert east_asian_font(title) == "方正小标宋简体" and east_asian_font(body) == "仿宋_GB2312"
    assert (
        round(document.sections[0].top_margin.mm) == 37 and round(document.sections[0].left_margin.mm) == 28
    )


def east_asian_font(run) -> str:
    from docx.oxml.ns import qn

    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_there_is_no_word_document_before_a_letter_is_drafted(handled, people, login):
    assert login(people["clerk"]).get(f"{LIST}{handled.pk}/letter.docx").status_code == 404


def test_another_unit_cannot_download_the_letter(handled, people, login):
    svc.propose_reply(handled, people["clerk"], outcome="grant")
    assert login(people["sibling"]).get(f"{LIST}{handled.pk}/letter.docx").status_code == 404


def test_every_step_of_the_procedure_has_a_form_a_runner_and_a_place_on_the_page():
    keys = {t.key for t in PROCEDURE.transitions}
    assert keys == set(views.STEP_FORMS) == set(views.RUNNERS) == set(views.SHOWN_ORDER)


def test_the_letters_parts_are_recognised_for_layout():
    text = (
        "政府信息公开申请答复书\n示甲依申〔2026〕1号\n王晓明：\n　　正文。\n　　依据。\n甲局\n2026年03月05日"
    )
    parts = [part for part, _ in views.letter_lines(text)]
    assert parts == ["title", "number", "plain", "body", "body", "signature", "signature"]
