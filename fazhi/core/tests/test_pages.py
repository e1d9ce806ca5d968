"""Core pages as users meet them: home per role, the clocks behind a number, the trail."""

import datetime
import re

import pytest

from fazhi.supervision import services

D = datetime.date


@pytest.fixture
def overdue(people, tree):
    item = services.draft(
        people["supervisor"], tree["own"], title="逾期未整改事项", requirement="整改", source="inspection"
    )
    return services.assign(item, people["supervisor"], due_on=D(2026, 11, 3), on=D(2026, 11, 2))


def test_a_clerk_sees_own_units_item_as_a_todo_with_its_light(overdue, people, login):
    page = login(people["clerk"]).get("/home/").content.decode()
    assert "逾期未整改事项" in page and "light-red" in page and "我的待办" in page


def test_a_sibling_unit_does_not_see_it(overdue, people, login):
    assert "逾期未整改事项" not in login(people["sibling"]).get("/home/").content.decode()


def test_a_supervisor_sees_each_unit_below_with_its_red_count(overdue, people, login):
    page = login(people["supervisor"]).get("/home/").content.decode()
    assert "下属单位期限灯" in page
    assert re.search(r'href="/clocks/\?light=red&(amp;)?org=SL-A"[^>]*>\s*1\s*<', page)


def test_the_number_opens_onto_the_records_behind_it(overdue, people, login):
    page = login(people["supervisor"]).get("/clocks/?light=red&org=SL-A").content.decode()
    assert f"/supervision/{overdue.pk}/" in page and "共 1 个" in page


def test_a_clerk_cannot_open_another_units_clocks(overdue, people, login):
    assert login(people["clerk"]).get("/clocks/?light=red&org=SL-B").status_code == 403


def test_an_unknown_org_code_is_a_404_in_chinese(overdue, people, login):
    response = login(people["supervisor"]).get("/clocks/?org=NOPE")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_a_clock_explains_its_due_date(overdue, people, login):
    from fazhi.core.models import Clock

    clock = Clock.objects.get(subject_id=overdue.pk)
    page = login(people["clerk"]).get(f"/clocks/{clock.pk}/").content.decode()
    assert "2026-11-03" in page and "《法治政府建设与责任落实督察工作规定》" in page


def test_the_audit_trail_is_for_administrators_and_supervisors(overdue, people, login, client):
    assert login(people["clerk"]).get("/audit/").status_code == 403
    client.logout()
    page = login(people["admin"]).get("/audit/?verify=1").content.decode()
    assert "校验通过" in page and "交办" in page


def test_the_server_error_page_needs_no_database(rf):
    from fazhi.core.views.errors import server_error

    response = server_error(rf.get("/home/"))
    assert response.status_code == 500 and "系统出错" in response.content.decode()


def test_the_clocks_list_names_the_item_the_rule_and_the_unit(overdue, people, login):
    page = login(people["supervisor"]).get("/clocks/?light=red&org=SL-A").content.decode()
    assert "逾期未整改事项" in page and "督办事项办理期限" in page and "甲局" in page


def test_a_units_counts_include_its_subtree(people, tree, login):
    item = services.draft(
        people["supervisor"], tree["child"], title="下属中心事项", requirement="r", source="other"
    )
    services.assign(item, people["supervisor"], due_on=D(2026, 11, 3), on=D(2026, 11, 2))
    page = login(people["supervisor"]).get("/home/").content.decode()
    for code in ("SL", "SL-A", "SL-A1"):  # the city, the bureau and its centre each count it
        assert re.search(rf'href="/clocks/\?light=red&(amp;)?org={code}"[^>]*>\s*1\s*<', page), code
