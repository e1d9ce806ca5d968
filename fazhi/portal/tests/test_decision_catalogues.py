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
