"""/api/v1/: the schema, the public reads, token authentication and the staff clock list."""

import datetime

import pytest
from django.utils import timezone

from fazhi.core.models import ApiToken, Clock, Unit

API = "/api/v1"


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, '测试')}"}


def red_clock(org, subject_id: int) -> Clock:
    """A running clock whose hand-set due date was yesterday: it shows red today."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return Clock.objects.create(
        org=org,
        subject_type="test.subject",
        subject_id=subject_id,
        rule_key="test.rule",
        rule_since=datetime.date(2019, 4, 15),
        unit=Unit.DATE,
        started_on=yesterday,
        base_on=yesterday,
        target_on=yesterday,
        due_on=yesterday,
    )


# The schema and the public reads -------------------------------------------------------


def test_the_schema_is_served_and_lists_every_path(client, db):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/rules",
        "/orgs",
        "/calendar/workday",
        "/calendar/add-workdays",
        "/clocks",
        "/supervision/items",
        "/supervision/items/{item_id}",
        "/supervision/items/{item_id}/steps/{step}",
    ):
        assert f"{API}{path}" in paths


def test_anyone_reads_the_deadline_rules_without_logging_in(client, db):
    response = client.get(f"{API}/rules")

    assert response.status_code == 200
    assert "supervision.handling" in {rule["key"] for rule in response.json()}


def test_anyone_reads_the_org_directory_without_logging_in(client, tree):
    response = client.get(f"{API}/orgs")

    assert response.status_code == 200
    by_code = {org["code"]: org for org in response.json()}
    assert set(by_code) == {"SL", "SL-A", "SL-A1", "SL-B"}
    assert by_code["SL-A1"]["parent"] == "SL-A"
    assert by_code["SL"]["parent"] is None


def test_anyone_asks_whether_a_day_is_a_working_day(client, db):
    national_day = client.get(f"{API}/calendar/workday", {"date": "2024-10-01"})
    adjusted_sunday = client.get(f"{API}/calendar/workday", {"date": "2024-09-29"})

    assert national_day.json() == {"date": "2024-10-01", "workday": False}
    assert adjusted_sunday.json() == {"date": "2024-09-29", "workday": True}


def test_anyone_counts_working_days_across_a_holiday(client, db):
    response = client.get(f"{API}/calendar/add-workdays", {"date": "2024-09-30", "n": 1})

    assert response.status_code == 200
    assert response.json() == {"start": "2024-09-30", "n": 1, "due_on": "2024-10-08"}


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/workday?date=2027-03-01",
        "/calendar/add-workdays?date=2027-03-01&n=3",
        "/calendar/add-workdays?date=2026-12-30&n=10",
    ],
)
def test_a_year_missing_from_the_calendar_answers_400_in_chinese(client, db, path):
    response = client.get(f"{API}{path}")

    assert response.status_code == 400
    assert "2027年的节假日安排尚未录入" in response.json()["detail"]


@pytest.mark.parametrize("date", ["2024-13-01", "2024-02-30", "yesterday", ""])
def test_a_malformed_date_answers_400_with_a_chinese_detail(client, db, date):
    response = client.get(f"{API}/calendar/workday", {"date": date})

    assert response.status_code == 400
    assert chinese(response.json()["detail"])


@pytest.mark.parametrize("n", [0, -1, 3651, 10**30])
def test_a_working_day_count_out_of_range_answers_400_in_chinese(client, db, n):
    response = client.get(f"{API}/calendar/add-workdays", {"date": "2024-09-30", "n": n})

    assert response.status_code == 400
    assert chinese(response.json()["detail"])


# Token authentication ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/clocks", "/supervision/items", "/supervision/items/1"])
def test_staff_endpoints_without_a_token_answer_401_in_chinese(client, db, path):
    response = client.get(f"{API}{path}")

    assert response.status_code == 401
    assert chinese(response.json()["detail"])


@pytest.mark.parametrize("header", ["Bearer fz_not-a-token", "Bearer ", "Basic Y2xlcms6cHc=", "fz_no-scheme"])
def test_a_bad_token_answers_401(client, db, header):
    response = client.get(f"{API}/clocks", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert chinese(response.json()["detail"])


def test_the_token_of_a_deactivated_user_answers_401(client, people):
    headers = bearer(people["clerk"])
    people["clerk"].is_active = False
    people["clerk"].save()

    assert client.get(f"{API}/clocks", **headers).status_code == 401


def test_a_valid_token_is_accepted_and_its_use_recorded(client, people):
    response = client.get(f"{API}/clocks", **bearer(people["clerk"]))

    assert response.status_code == 200
    assert ApiToken.objects.get(user=people["clerk"]).last_used_at is not None


def test_a_logged_in_session_also_reaches_the_staff_endpoints(login, people):
    assert login(people["clerk"]).get(f"{API}/clocks").status_code == 200


# The staff clock list ---------------------------------------------------------------------


@pytest.fixture
def red_clocks(tree):
    return {
        name: red_clock(tree[name], subject_id=n)
        for n, name in enumerate(["own", "child", "sibling"], start=1)
    }


def clock_orgs(client, user, **query) -> list[str]:
    response = client.get(f"{API}/clocks", query, **bearer(user))
    assert response.status_code == 200
    return sorted(c["org"] for c in response.json())


def test_a_clerk_sees_only_its_own_orgs_clocks(client, people, red_clocks):
    assert clock_orgs(client, people["clerk"]) == ["SL-A"]


def test_a_sibling_units_clerk_sees_only_its_own(client, people, red_clocks):
    assert clock_orgs(client, people["sibling"]) == ["SL-B"]


def test_a_supervisor_of_the_city_sees_every_unit_below(client, people, red_clocks):
    assert clock_orgs(client, people["supervisor"]) == ["SL-A", "SL-A1", "SL-B"]


def test_clocks_are_listed_by_light(client, people, red_clocks):
    assert clock_orgs(client, people["supervisor"], light="green") == []
    assert clock_orgs(client, people["supervisor"], light="red") == ["SL-A", "SL-A1", "SL-B"]


def test_an_unknown_light_answers_400_in_chinese(client, people):
    response = client.get(f"{API}/clocks", {"light": "purple"}, **bearer(people["clerk"]))

    assert response.status_code == 400
    assert chinese(response.json()["detail"])


@pytest.mark.parametrize(
    ("limit", "offset", "expected"),
    [(1, 0, 1), (-5, 0, 1), (10**30, 0, 3), (50, 2, 1), (50, 10**30, 0), (50, -7, 3)],
)
def test_paging_is_kept_within_bounds(client, people, red_clocks, limit, offset, expected):
    response = client.get(f"{API}/clocks", {"limit": limit, "offset": offset}, **bearer(people["supervisor"]))

    assert response.status_code == 200
    assert len(response.json()) == expected
