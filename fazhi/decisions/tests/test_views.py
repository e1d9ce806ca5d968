"""The screens: the catalogue, the decision page with its gates and the refusal in Chinese
with its article, and bad input answered without an error page. The staff's comment screen
is the core's (core/tests/test_consultation_screen.py)."""

import datetime

import pytest

from fazhi.decisions import services
from fazhi.decisions.models import Decision

from .conftest import DAY


@pytest.fixture
def clerk(people, login):
    return login(people["clerk"])


def test_the_catalogue_list_creates_a_catalogue_for_the_users_unit(clerk, tree):
    response = clerk.post("/decisions/", {"org": tree["own"].pk, "year": 2027})
    assert response.status_code == 302
    page = clerk.get(response["Location"]).content.decode()
    assert "甲局2027年度重大行政决策事项目录" in page


def test_a_catalogue_for_a_unit_not_ones_own_is_refused(clerk, tree):
    response = clerk.post("/decisions/", {"org": tree["sibling"].pk, "year": 2027})
    assert response.status_code == 400


def test_items_are_added_and_the_catalogue_published_by_the_head(clerk, catalogue, people, login):
    clerk.post(
        f"/decisions/catalogues/{catalogue.pk}/add/",
        {"title": "事项一", "undertaker": "科室", "category": "policy"},
    )
    head = login(people["head"])
    response = head.post(f"/decisions/catalogues/{catalogue.pk}/publish/", {"party_agreed_on": "2026-01-05"})
    assert response.status_code == 302
    page = head.get(f"/decisions/catalogues/{catalogue.pk}/").content.decode()
    assert "已公布" in page and "事项一" in page


def test_the_decision_page_lists_what_blocks_collective_discussion_with_articles(clerk, decision):
    page = clerk.get(f"/decisions/{decision.pk}/").content.decode()
    assert "尚不能提请集体讨论" in page
    for article in ("第十四条", "第十九条", "第二十二条", "第二十五条"):
        assert article in page


def test_tabling_too_early_is_refused_in_chinese_with_the_citation(clerk, decision):
    response = clerk.post(f"/decisions/{decision.pk}/steps/table/")
    page = response.content.decode()
    assert response.status_code == 409 and "公众参与尚未完成" in page and "第十四条" in page
    assert Decision.objects.get(pk=decision.pk).state == "drafting"


def test_a_shortened_consultation_without_reason_is_refused_on_screen(clerk, decision):
    data = {"title": "稿", "text": "正文", "opens_on": "2099-01-01", "closes_on": "2099-01-11"}
    response = clerk.post(f"/decisions/{decision.pk}/consultation/open/", data)
    assert response.status_code == 409 and "不少于30日（现为10日）" in response.content.decode()


def test_bad_dates_and_unknown_steps_are_answered_without_an_error_page(clerk, decision):
    response = clerk.post(f"/decisions/{decision.pk}/records/legality/", {"legality-sent_on": "昨天"})
    assert response.status_code == 400 and "请填写有效日期" in response.content.decode()
    assert clerk.post(f"/decisions/{decision.pk}/steps/nonsense/").status_code == 404
    assert clerk.post(f"/decisions/{decision.pk}/records/nonsense/").status_code == 404
    response = clerk.post(f"/decisions/{decision.pk}/waive/legality/", {"w-legality-reason": "急"})
    assert response.status_code == 409 and "合法性审查不能免除" in response.content.decode()


def test_a_waiver_is_recorded_from_the_page(clerk, decision):
    data = {"w-risk-ground": "no_risk", "w-risk-reason": "不涉及社会稳定。"}
    assert clerk.post(f"/decisions/{decision.pk}/waive/risk/", data).status_code == 302
    assert Decision.objects.get(pk=decision.pk).latest_record("risk").status == "waived"


def test_the_decision_page_links_to_the_core_comment_screen_which_links_back(clerk, decision, people):
    today = datetime.date.today()
    found = services.open_consultation(
        decision, people["clerk"], title="稿", text="正文", opens_on=today,
        closes_on=today + datetime.timedelta(days=30), on=today,
    )  # fmt: skip
    page = clerk.get(f"/decisions/{decision.pk}/").content.decode()
    assert f'href="/consultations/{found.pk}/"' in page
    screen = clerk.get(f"/consultations/{found.pk}/").content.decode()
    assert f'href="/decisions/{decision.pk}/"' in screen and "重大决策" in screen


def test_the_archive_lists_every_record_and_the_trail(clerk, ready):
    page = clerk.get(f"/decisions/{ready.pk}/archive/").content.decode()
    assert "决策过程记录与归档材料" in page and "赵审核" in page and "第三十三条" in page


def test_the_evaluation_list_shows_lights(clerk, ready, people):
    decision = Decision.objects.get(pk=ready.pk)
    tabled = services.table(decision, people["clerk"], on=DAY)
    decided = services.decide(
        tabled, people["head"], meeting_on=DAY, meeting_kind="plenary", minutes="通过", on=DAY
    )
    published = services.publish(decided, people["clerk"], party_report="已报告", explanation="说明", on=DAY)
    services.plan_evaluation(published, people["clerk"], ground="necessary", due_on=DAY, on=DAY)
    page = clerk.get("/decisions/evaluations/").content.decode()
    assert "light-red" in page and "决策机关认为有必要" in page  # DAY is long past today


def test_the_home_page_lists_decisions_and_evaluations_with_their_lights(clerk, ready, people):
    decision = Decision.objects.get(pk=ready.pk)
    tabled = services.table(decision, people["clerk"], on=DAY)
    decided = services.decide(
        tabled, people["head"], meeting_on=DAY, meeting_kind="plenary", minutes="通过", on=DAY
    )
    published = services.publish(decided, people["clerk"], party_report="已报告", explanation="说明", on=DAY)
    services.plan_evaluation(published, people["clerk"], ground="necessary", due_on=DAY, on=DAY)
    page = clerk.get("/home/").content.decode()
    assert "决策后评估" in page and "甲局义务教育招生入学办法" in page


def test_an_overdue_evaluation_is_a_notice_linking_to_its_decision(clerk, ready, people):
    from fazhi.core import notices

    decision = Decision.objects.get(pk=ready.pk)
    tabled = services.table(decision, people["clerk"], on=DAY)
    decided = services.decide(
        tabled, people["head"], meeting_on=DAY, meeting_kind="plenary", minutes="通过", on=DAY
    )
    published = services.publish(decided, people["clerk"], party_report="已报告", explanation="说明", on=DAY)
    evaluation = services.plan_evaluation(published, people["clerk"], ground="necessary", due_on=DAY, on=DAY)
    notices.remind(DAY + datetime.timedelta(days=1))
    page = clerk.get("/home/").content.decode()
    assert f'href="/decisions/evaluations/{evaluation.pk}/"' in page
    assert clerk.get(f"/decisions/evaluations/{evaluation.pk}/").url == f"/decisions/{decision.pk}/"
