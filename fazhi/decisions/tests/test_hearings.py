"""听证会 (第十六条) as named legal situations: the materials reach the participants at least 7
days before the hearing, the participant list is published before it, and a hearing announced
but not held keeps the draft off the table."""

import datetime

import pytest

from fazhi.core.engine import Refused
from fazhi.core.models import AuditEvent
from fazhi.decisions import services
from fazhi.decisions.models import Decision, Hearing

from .conftest import DAY, days

PARTICIPANTS = [
    {"name": "张三", "organisation": "示例市家长委员会", "contact": "13800000000"},
    {"name": "李四", "organisation": "示例市第一中学", "contact": "13900000000"},
    {"name": "王五", "organisation": "示例市家长委员会", "contact": ""},
]


HELD_ON = days(1)  # the Sunday before DAY


def planned(decision, clerk, held_on=HELD_ON):
    return services.plan_hearing(decision, clerk, held_on=held_on, place="甲局三楼会议室", on=days(30))


def hold(hearing, clerk, *, delivered=None, listed=None, held_on=HELD_ON, on=DAY):
    delivered, listed = delivered or days(8), listed or days(10)
    return services.hold_hearing(
        Hearing.objects.get(pk=hearing.pk), clerk, held_on=held_on, materials_delivered_on=delivered,
        list_published_on=listed, participants=PARTICIPANTS, transcript="听证参加人均同意方案。", on=on,
    )  # fmt: skip


def refusal(call, *args, **kwargs) -> Refused:
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    ("situation", "delivered", "accepted"),
    [
        ("材料于听证会前8日送达", days(9), True),
        ("材料于听证会前恰好7日送达（送达之日不计入）", days(8), True),
        ("材料于听证会前6日送达", days(7), False),
        ("材料于听证会当日送达", days(1), False),
    ],
)
def test_materials_reach_the_participants_7_days_before_the_hearing_article_16(
    situation, delivered, accepted, decision, people
):
    hearing = planned(decision, people["clerk"])
    if accepted:
        assert hold(hearing, people["clerk"], delivered=delivered).state == "held"
        return
    refused = refusal(hold, hearing, people["clerk"], delivered=delivered)
    assert "召开听证会7日前送达听证参加人" in refused.message
    assert str(refused.cite).endswith("第十六条第三款")
    assert Hearing.objects.get(pk=hearing.pk).state == "planned"
    assert AuditEvent.objects.filter(subject_id=hearing.pk, kind="refused").count() == 1


def test_the_refusal_names_how_many_days_before_the_materials_arrived(decision, people):
    refused = refusal(hold, planned(decision, people["clerk"]), people["clerk"], delivered=days(4))
    assert "现为3日前送达" in refused.message


def test_a_participant_list_published_on_the_hearing_day_is_not_published_in_advance(decision, people):
    refused = refusal(hold, planned(decision, people["clerk"]), people["clerk"], listed=days(1))
    assert "名单应当在听证会召开前向社会公布" in refused.message
    assert str(refused.cite).endswith("第十六条第三款")


def test_a_hearing_is_recorded_only_after_it_was_held(decision, people):
    hearing = planned(decision, people["clerk"], held_on=days(-5))
    refused = refusal(hold, hearing, people["clerk"], held_on=days(-5), delivered=days(20), listed=days(20))
    assert "听证会召开后方可记录" in refused.message and str(refused.cite).endswith("第十六条")


def test_a_hearing_without_participants_or_transcript_is_refused(decision, people):
    hearing = planned(decision, people["clerk"])
    refused = refusal(
        services.hold_hearing, hearing, people["clerk"], held_on=days(1), materials_delivered_on=days(8),
        list_published_on=days(10), participants=[], transcript=" ", on=DAY,
    )  # fmt: skip
    assert "听证参加人" in refused.message and "听证笔录摘要" in refused.message


def test_a_local_rule_lengthens_the_period_for_the_materials(decision, people, tree):
    from fazhi.core import jurisdiction

    jurisdiction.set_local_rule(
        people["admin"], org=tree["city"], rule_key="decisions.hearing_materials", amount=10,
        basis="《示例省重大行政决策程序规定》第十八条", since=datetime.date(2026, 1, 1),
    )  # fmt: skip
    refused = refusal(hold, planned(decision, people["clerk"]), people["clerk"], delivered=days(9))
    assert "召开听证会10日前送达" in refused.message and "现为8日前" in refused.message


def test_a_planned_hearing_not_yet_held_keeps_the_draft_off_the_table_article_16(ready, people):
    hearing = planned(ready, people["clerk"])
    refused = refusal(services.table, Decision.objects.get(pk=ready.pk), people["clerk"], on=DAY)
    assert "已安排的听证会尚未召开" in refused.message and str(refused.cite).endswith("第十六条")
    hold(hearing, people["clerk"])
    assert services.table(Decision.objects.get(pk=ready.pk), people["clerk"], on=DAY).state == "tabled"


def test_a_hearing_called_off_with_its_reason_no_longer_blocks(ready, people):
    hearing = planned(ready, people["clerk"])
    empty = refusal(services.cancel_hearing, hearing, people["clerk"], reason=" ", on=DAY)
    assert "取消的理由" in empty.message
    assert (
        services.cancel_hearing(hearing, people["clerk"], reason="改为座谈会。", on=DAY).state == "cancelled"
    )
    assert services.table(Decision.objects.get(pk=ready.pk), people["clerk"], on=DAY).state == "tabled"


def test_a_hearing_is_not_planned_in_the_past_nor_by_another_unit(decision, people):
    past = refusal(services.plan_hearing, decision, people["clerk"], held_on=days(1), place="会议室", on=DAY)
    assert "不能早于今天" in past.message
    other = refusal(services.plan_hearing, decision, people["sibling"], held_on=DAY, place="会议室", on=DAY)
    assert "只能由甲局" in other.message


# --- the screen ---------------------------------------------------------------------------


@pytest.fixture
def clerk(people, login):
    return login(people["clerk"])


def test_a_hearing_is_planned_and_recorded_from_the_decision_page(clerk, decision):
    later = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()
    response = clerk.post(
        f"/decisions/{decision.pk}/hearings/new/", {"held_on": later, "place": "甲局会议室"}
    )
    assert response.status_code == 302
    page = clerk.get(f"/decisions/{decision.pk}/").content.decode()
    assert "甲局会议室" in page and "拟召开" in page and "已安排的听证会尚未召开" in page


def test_participants_without_an_organisation_are_answered_with_a_form_error(clerk, decision, people):
    hearing = planned(decision, people["clerk"])
    data = {
        f"h{hearing.pk}-held_on": days(1).isoformat(),
        f"h{hearing.pk}-materials_delivered_on": days(8).isoformat(),
        f"h{hearing.pk}-list_published_on": days(10).isoformat(),
        f"h{hearing.pk}-participants": "张三，示例市家长委员会，13800000000\n李四",
        f"h{hearing.pk}-transcript": "同意。",
    }
    response = clerk.post(f"/decisions/{decision.pk}/hearings/{hearing.pk}/hold/", data)
    assert response.status_code == 400 and "第2行须写明姓名和所在单位" in response.content.decode()
    data[f"h{hearing.pk}-participants"] = "张三，示例市家长委员会，13800000000\n李四，示例市第一中学"
    data[f"h{hearing.pk}-materials_delivered_on"] = days(3).isoformat()
    response = clerk.post(f"/decisions/{decision.pk}/hearings/{hearing.pk}/hold/", data)
    page = response.content.decode()
    assert response.status_code == 409 and "7日前送达" in page and "第十六条第三款" in page
    trail = clerk.get(f"/decisions/{decision.pk}/").content.decode()
    assert "拒绝「记录听证会召开情况」" in trail


def test_a_sibling_unit_cannot_touch_the_hearing(people, login, decision):
    hearing = planned(decision, people["clerk"])
    sibling = login(people["sibling"])
    response = sibling.post(
        f"/decisions/{decision.pk}/hearings/{hearing.pk}/cancel/", {f"c{hearing.pk}-reason": "x"}
    )
    assert response.status_code == 404
    assert Hearing.objects.get(pk=hearing.pk).state == "planned"
