"""督办 screens: drafting, each step through its form, and bad input answered in Chinese."""

import datetime

import pytest

from fazhi.core.models import AuditEvent
from fazhi.supervision import services
from fazhi.supervision.models import SupervisionItem


def test_a_supervisor_drafts_an_item_for_a_unit_below(people, tree, login):
    client = login(people["supervisor"])
    response = client.post(
        "/supervision/new/",
        {
            "org": tree["own"].pk,
            "title": "清理规范性文件",
            "source": "inspection",
            "requirement": "年底前完成清理",
        },
    )
    item = SupervisionItem.objects.get()
    assert response.status_code == 302 and response.url == f"/supervision/{item.pk}/"
    assert item.assigner_org == tree["city"] and item.state == "draft"


def test_a_form_with_missing_fields_is_answered_in_chinese_and_saves_nothing(people, login):
    response = login(people["supervisor"]).post("/supervision/new/", {"title": ""})
    page = response.content.decode()
    assert response.status_code == 400 and "这个字段是必填项" in page
    assert not SupervisionItem.objects.exists()


def test_a_unit_clerk_may_not_open_the_drafting_form(people, login):
    assert login(people["clerk"]).get("/supervision/new/").status_code == 403


@pytest.fixture
def drafted(people, tree):
    return services.draft(people["supervisor"], tree["own"], title="督办一", requirement="r", source="other")


def test_assigning_with_a_past_date_is_refused_and_changes_nothing(drafted, people, login):
    response = login(people["supervisor"]).post(
        f"/supervision/{drafted.pk}/steps/assign/", {"assign-due_on": "2020-01-01"}
    )
    assert response.status_code == 400 and "办理期限不能早于今天" in response.content.decode()
    drafted.refresh_from_db()
    assert drafted.state == "draft"


def test_a_malformed_date_is_refused_in_chinese(drafted, people, login):
    response = login(people["supervisor"]).post(
        f"/supervision/{drafted.pk}/steps/assign/", {"assign-due_on": "明天"}
    )
    assert response.status_code == 400 and "请检查填写的内容" in response.content.decode()


def test_assigning_through_the_form_numbers_the_notice_and_starts_the_clock(drafted, people, login):
    due = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()
    client = login(people["supervisor"])
    response = client.post(f"/supervision/{drafted.pk}/steps/assign/", {"assign-due_on": due})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "示府督〔" in page and due in page and "已交办" in page


def test_a_step_that_does_not_exist_is_a_404(drafted, people, login):
    assert login(people["supervisor"]).post(f"/supervision/{drafted.pk}/steps/delete/").status_code == 404


def test_the_item_page_shows_the_refusal_in_its_history(drafted, people, login):
    login(people["supervisor"]).post(f"/supervision/{drafted.pk}/steps/close/", {"close-opinion": "直接办结"})
    assert AuditEvent.objects.filter(subject_id=drafted.pk, kind="refused").exists()


def test_a_draft_is_edited_and_the_trail_keeps_before_and_after(drafted, people, login):
    response = login(people["supervisor"]).post(
        f"/supervision/{drafted.pk}/edit/", {"title": "督办一（修订）", "source": "other", "requirement": "r"}
    )
    assert response.status_code == 302
    edit = AuditEvent.objects.get(subject_id=drafted.pk, kind="edited")
    assert edit.data["changes"] == {"title": ["督办一", "督办一（修订）"]}
    assert edit.summary == "修改事项名称"
    page = login(people["supervisor"]).get(f"/supervision/{drafted.pk}/").content.decode()
    assert "事项名称：“督办一” → “督办一（修订）”" in page


def test_the_unit_may_not_edit_the_supervisors_draft(drafted, people, login):
    response = login(people["clerk"]).post(
        f"/supervision/{drafted.pk}/edit/", {"title": "改掉", "source": "other", "requirement": "r"}
    )
    assert response.status_code == 403
    drafted.refresh_from_db()
    assert drafted.title == "督办一"


def test_the_list_exports_to_excel_with_the_same_access(drafted, people, login, client):
    import io

    from openpyxl import load_workbook

    response = login(people["supervisor"]).get("/supervision/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("文号", "事项名称", "承办单位") and rows[1][1] == "督办一"
    client.logout()
    sibling_rows = list(
        load_workbook(
            io.BytesIO(login(people["sibling"]).get("/supervision/export.xlsx").content)
        ).active.iter_rows()
    )
    assert len(sibling_rows) == 1  # the header only
