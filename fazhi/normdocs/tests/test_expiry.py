"""有效期届满前评估 and 失效, as `fazhi remind` does them each day.

The 暂行 document of the `walk` factory takes effect on 2026-05-01, so its 有效期 (2 years)
ends on 2028-04-30; the warning period is 6 months unless the jurisdiction sets its own."""

import datetime

import pytest
from django.core.management import call_command

from fazhi.core import audit, notices
from fazhi.core.models import AuditEvent, Notice, RuleOverride
from fazhi.normdocs.models import Document
from fazhi.normdocs.procedure import EXPIRY_WARNING, State

pytestmark = pytest.mark.django_db
D = datetime.date
LAST_DAY = D(2028, 4, 30)


@pytest.fixture
def provisional(walk):
    return walk("publish", title="示例市校外培训机构管理暂行办法")


def remind(day: datetime.date, capsys) -> str:
    call_command("remind", "--date", day.isoformat())
    return capsys.readouterr().out


def expiry_notices():
    return Notice.objects.filter(kind="reminder", subject_type="normdocs.document")


def local_warning(org, months: int):
    return RuleOverride.objects.create(
        org=org, rule_key=EXPIRY_WARNING.key, amount=months, basis="本地规定", since=D(2018, 5, 16)
    )


def test_a_document_within_six_months_of_its_end_tells_the_issuing_org_once(provisional, people, capsys):
    out = remind(D(2027, 11, 1), capsys)
    assert "规范性文件有效期将届满1件" in out
    (notice,) = notices.unread_for(people["clerk"]).filter(kind="reminder")
    assert notice.subject_id == provisional.pk and notice.org == provisional.org
    assert notices.text_of(notice).startswith("有效期将于2028-04-30届满")
    assert not notices.unread_for(people["sibling"]).filter(kind="reminder").exists()


def test_running_remind_again_the_same_or_the_next_day_tells_no_one_twice(provisional, capsys):
    remind(D(2027, 11, 1), capsys)
    assert "规范性文件有效期将届满0件" in remind(D(2027, 11, 1), capsys)
    remind(D(2027, 11, 2), capsys)
    assert expiry_notices().count() == 1


def test_a_document_further_from_its_end_is_not_mentioned(provisional, capsys):
    assert "规范性文件有效期将届满0件" in remind(D(2027, 10, 29), capsys)
    assert not expiry_notices().exists()


def test_a_document_given_a_new_end_date_is_told_again(provisional, capsys):
    remind(D(2027, 11, 1), capsys)
    Document.objects.filter(pk=provisional.pk).update(valid_until=D(2028, 10, 31))  # re-issued
    remind(D(2028, 5, 1), capsys)
    assert sorted(expiry_notices().values_list("due_on", flat=True)) == [LAST_DAY, D(2028, 10, 31)]


def test_the_jurisdictions_own_warning_period_is_used(provisional, tree, capsys):
    local_warning(tree["city"], 3)
    assert "有效期将届满0件" in remind(D(2027, 11, 1), capsys)  # 3 months: not yet
    assert "有效期将届满1件" in remind(D(2028, 1, 31), capsys)


def test_the_nearest_jurisdiction_wins(provisional, tree, capsys):
    local_warning(tree["city"], 3)
    local_warning(tree["own"], 12)  # 甲局's own rule, nearer than the city's
    assert "有效期将届满1件" in remind(D(2027, 5, 1), capsys)


def test_a_document_is_in_force_on_the_last_day_of_its_validity(provisional, capsys):
    remind(LAST_DAY, capsys)
    provisional.refresh_from_db()
    assert provisional.state == State.IN_FORCE


def test_a_lapsed_document_is_marked_expired_with_an_audit_entry(provisional, capsys):
    out = remind(LAST_DAY + datetime.timedelta(days=1), capsys)
    assert "规范性文件到期失效1件" in out
    provisional.refresh_from_db()
    assert (provisional.state, provisional.get_state_display()) == (State.EXPIRED, "已失效")
    assert provisional.ended_on == D(2028, 5, 1) and "有效期届满" in provisional.end_reason
    event = AuditEvent.objects.filter(chain=provisional.org_id).order_by("-seq").first()
    assert event.data["records"] == [provisional.pk] and event.data["to"] == "expired"
    assert "宣布失效：1件规范性文件 → 已失效" in event.summary
    assert audit.verify().intact


def test_a_lapsed_document_is_marked_once_and_was_in_force_up_to_its_last_day(provisional, capsys):
    remind(D(2028, 5, 1), capsys)
    assert "规范性文件到期失效0件" in remind(D(2028, 5, 2), capsys)
    assert list(Document.objects.in_force_on(LAST_DAY)) == [provisional]
    assert not Document.objects.in_force_on(D(2028, 5, 1)).exists()


def test_the_expiry_notice_shows_on_the_home_page_with_a_link(provisional, people, login, capsys):
    remind(D(2027, 11, 1), capsys)
    page = login(people["clerk"]).get("/home/").content.decode()
    assert "到期提示" in page and "有效期将于2028-04-30届满" in page
    assert f"/normdocs/{provisional.pk}/" in page


def test_the_staff_list_flags_documents_by_their_own_jurisdictions_period(provisional, tree, people, login):
    from fazhi.normdocs import queries

    assert list(queries.expiring(Document.objects.all(), D(2027, 11, 1))) == [provisional]
    local_warning(tree["own"], 3)
    assert not queries.expiring(Document.objects.all(), D(2027, 11, 1)).exists()


def test_a_step_that_moves_a_clock_cannot_be_taken_on_all_records_at_once(provisional):
    from fazhi.core import engine
    from fazhi.normdocs.procedure import PROCEDURE

    with pytest.raises(ValueError, match="moves no clock"):
        engine.apply_to_all(PROCEDURE, Document.objects.all(), "file", on=D(2026, 5, 2))


def test_the_staff_page_shows_a_lapsed_document_as_expired(provisional, people, login, capsys):
    remind(D(2028, 5, 1), capsys)
    page = login(people["clerk"]).get(f"/normdocs/{provisional.pk}/").content.decode()
    assert "已失效" in page and "有效期届满，自动失效（2028-05-01）" in page


def test_the_staff_list_warns_with_the_issuing_bodys_own_period(provisional, tree, people, login):
    local_warning(tree["own"], 60)  # 甲局 evaluates 5 years ahead: whatever today is, it is due
    page = login(people["clerk"]).get("/normdocs/").content.decode()
    assert "有效期即将届满" in page and "示例市校外培训机构管理暂行办法</a>（2028-04-30）" in page


def test_the_portal_library_shows_the_lapse_at_once(provisional, client, capsys):
    assert "<td>现行有效</td>" in client.get("/open/normdocs/").content.decode()  # now kept rendered
    remind(D(2028, 5, 1), capsys)
    assert "<td>已失效</td>" in client.get("/open/normdocs/").content.decode()
