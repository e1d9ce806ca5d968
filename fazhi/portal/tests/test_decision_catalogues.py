"""The published 重大行政决策事项目录 on the portal: published catalogues only, any year asked
for answered without an error."""

from fazhi.decisions import services

from .conftest import DAY


def test_only_published_catalogues_are_shown(client, people, tree):
    draft = services.new_catalogue(people["clerk"], tree["own"], 2026)
    services.add_decision(draft, people["clerk"], title="甲局招生入学办法", undertaker="基础教育科")
    assert "甲局招生入学办法" not in client.get("/open/decisions/").content.decode()
    services.publish_catalogue(draft, people["head"], party_agreed_on=DAY, on=DAY)
    page = client.get("/open/decisions/").content.decode()
    assert "甲局2026年度重大行政决策事项目录" in page and "甲局招生入学办法" in page and "办理中" in page


def test_an_odd_year_is_answered_with_the_empty_page(client, tree):
    for year in ("abc", "1900", "<script>"):
        response = client.get("/open/decisions/", {"year": year})
        assert response.status_code == 200 and "<script>" not in response.content.decode()


def test_a_held_hearing_shows_its_participants_count_and_organisations_but_no_names_or_phones(
    client, people, tree
):
    import datetime

    catalogue = services.new_catalogue(people["clerk"], tree["own"], 2026)
    decision = services.add_decision(catalogue, people["clerk"], title="甲局招生入学办法", undertaker="科室")
    services.publish_catalogue(catalogue, people["head"], party_agreed_on=DAY, on=DAY)
    before = lambda n: DAY - datetime.timedelta(days=n)  # noqa: E731
    held = services.plan_hearing(
        decision, people["clerk"], held_on=before(1), place="甲局会议室", on=before(30)
    )
    services.plan_hearing(decision, people["clerk"], held_on=DAY, place="乙地礼堂", on=before(30))  # not held
    participants = [
        {"name": "张三", "organisation": "示例市家长委员会", "contact": "13800000000"},
        {"name": "李四", "organisation": "示例市第一中学", "contact": "13900000000"},
        {"name": "王五", "organisation": "示例市家长委员会", "contact": ""},
    ]
    services.hold_hearing(
        held, people["clerk"], held_on=before(1), materials_delivered_on=before(10),
        list_published_on=before(12), participants=participants, transcript="张三发言：同意。", on=DAY,
    )  # fmt: skip
    page = client.get("/open/decisions/").content.decode()
    assert "甲局会议室召开听证会，听证参加人3人，来自示例市家长委员会、示例市第一中学" in page
    assert "张三" not in page and "13800000000" not in page and "乙地礼堂" not in page


def test_a_published_decision_has_its_page_with_how_opinions_were_used(client, db):
    """The demo city's 新建学校布局专项规划: decided, published, archived, with a hearing."""
    from fazhi.core import demo
    from fazhi.decisions.models import Decision

    demo.load()
    published = Decision.objects.get(title="示例市新建学校布局专项规划")
    catalogue = client.get("/open/decisions/", {"year": published.catalogue.year}).content.decode()
    assert f'href="/open/decisions/{published.pk}/"' in catalogue
    page = client.get(f"/open/decisions/{published.pk}/").content.decode()
    assert published.explanation in page and "第三十二条" in page
    assert "<td>专家论证</td><td>已完成</td>" in page and "<td>合法性审查</td><td>已完成</td>" in page
    assert "召开听证会，听证参加人4人" in page
    assert published.minutes not in page  # the discussion itself stays internal
    names = [p["name"] for h in published.hearings.all() for p in h.participants]
    assert names and not any(name in page for name in names)


def test_a_decision_not_yet_published_has_no_page(client, db):
    from fazhi.core import demo
    from fazhi.decisions.models import Decision

    demo.load()
    drafting = Decision.objects.filter(state="drafting").first()
    response = client.get(f"/open/decisions/{drafting.pk}/")
    assert response.status_code == 404 and drafting.title not in response.content.decode()
