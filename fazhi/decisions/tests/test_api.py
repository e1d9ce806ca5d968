"""/api/v1/decisions/: the published catalogues and the published decisions with how the
opinions were used; nothing unpublished, and a bad parameter answered in Chinese JSON."""

import pytest

from fazhi.decisions import services
from fazhi.decisions.models import Decision

from .conftest import DAY, days
from .test_procedure import published_decision


@pytest.fixture
def published(ready, people):
    services.publish_catalogue(ready.catalogue, people["head"], party_agreed_on=days(3), on=DAY)
    return published_decision(Decision.objects.get(pk=ready.pk), people)


def test_a_published_decision_is_listed_with_the_explanation_of_how_opinions_were_used(client, published):
    found = client.get("/api/v1/decisions/").json()
    assert found == [
        {
            "id": published.pk,
            "title": "甲局义务教育招生入学办法",
            "org_code": "SL-A",
            "org_name": "甲局",
            "year": 2026,
            "state": "published",
            "state_label": "已公布",
            "decided_on": "2026-06-15",
            "published_on": "2026-06-15",
            "explanation": "说明。",
        }
    ]
    assert client.get(f"/api/v1/decisions/{published.pk}").json()["title"] == "甲局义务教育招生入学办法"


def test_a_decision_not_yet_published_never_appears(client, ready, people):
    services.table(Decision.objects.get(pk=ready.pk), people["clerk"], on=DAY)
    assert client.get("/api/v1/decisions/").json() == []
    response = client.get(f"/api/v1/decisions/{ready.pk}")
    assert response.status_code == 404 and response.json()["detail"] == "没有找到该事项，或您无权查看。"


def test_filters_by_year_and_by_body_and_below(client, published):
    assert len(client.get("/api/v1/decisions/", {"year": 2026, "org": "SL"}).json()) == 1
    assert client.get("/api/v1/decisions/", {"year": 2025}).json() == []
    assert client.get("/api/v1/decisions/", {"org": "SL-B"}).json() == []


def test_only_published_catalogues_are_listed_with_their_items(client, catalogue, people, decision):
    assert client.get("/api/v1/decisions/catalogues").json() == []
    services.publish_catalogue(catalogue, people["head"], party_agreed_on=days(3), on=DAY)
    found = client.get("/api/v1/decisions/catalogues", {"year": 2026}).json()
    assert [(c["org_name"], c["year"], c["published_on"]) for c in found] == [("甲局", 2026, "2026-06-15")]
    assert found[0]["items"][0] == {
        "title": "甲局义务教育招生入学办法",
        "category": "重大公共政策和措施",
        "undertaker": "基础教育科",
        "planned": "",
        "state": "drafting",
        "state_label": "拟订草案",
    }


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "1900"},
        {"org": "<script>"},
        {"org": "x" * 33},
        {"limit": "0"},
        {"offset": "-1"},
        {"year": "2026\x00"},
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/decisions/", "/api/v1/decisions/catalogues"])
def test_a_bad_parameter_is_answered_with_a_chinese_message_not_an_error_page(client, db, path, query):
    response = client.get(path, query)
    assert response.status_code == 400 and response.json()["detail"] == "请求参数有误，请检查后重试。"
