"""Settings screens: an administrator opens accounts and imports; staff manage API tokens."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import ApiToken, AuditEvent, Membership, Org


def account(org, **extra):
    return {
        "username": "wang",
        "full_name": "王新",
        "password": "a-long-pass-2026",
        "org": org.pk,
        "role": "clerk",
        "title": "法规科",
        **extra,
    }


def test_an_administrator_opens_an_account_with_a_role(people, tree, login):
    response = login(people["admin"]).post("/settings/users/", account(tree["own"]))
    assert response.status_code == 302
    assert Membership.objects.get(user__username="wang").org == tree["own"]
    assert AuditEvent.objects.filter(kind="account", chain=tree["own"].pk).exists()


def test_a_weak_password_or_taken_username_is_refused_in_chinese(people, tree, login):
    client = login(people["admin"])
    weak = client.post("/settings/users/", account(tree["own"], password="12345678"))
    taken = client.post("/settings/users/", account(tree["own"], username="clerk"))
    assert weak.status_code == 400 and "密码" in weak.content.decode()
    assert taken.status_code == 400 and "该用户名已被使用" in taken.content.decode()
    assert not get_user_model().objects.filter(username="wang").exists()


@pytest.mark.parametrize("persona", ["clerk", "head", "supervisor"])
def test_only_administrators_open_the_settings(people, login, persona):
    client = login(people[persona])
    for path in ("/settings/users/", "/settings/orgs/import/", "/settings/calendar/import/"):
        assert client.get(path).status_code == 403


def test_an_administrator_deactivates_an_account_below(people, login):
    login(people["admin"]).post(f"/settings/users/{people['clerk'].pk}/active/", {"active": "0"})
    people["clerk"].refresh_from_db()
    assert not people["clerk"].is_active


def test_a_token_is_shown_once_and_then_works_for_the_api(people, login, client):
    page = login(people["clerk"]).post("/settings/tokens/", {"name": "台账同步"}).content.decode()
    raw = page.split('id="new-token">')[1].split("<")[0]
    assert ApiToken.objects.get().digest == ApiToken.digest_of(raw) and raw not in str(
        ApiToken.objects.values_list("digest", flat=True)
    )
    client.logout()
    response = client.get("/api/v1/supervision/items", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_an_org_sheet_is_imported_by_upload(people, login):
    sheet = "机构代码,机构名称,层级,上级机构代码,发文字号前缀\nSL-C,丙局,部门,SL,示丙\n".encode()
    response = login(people["admin"]).post(
        "/settings/orgs/import/", {"file": SimpleUploadedFile("orgs.csv", sheet)}
    )
    assert response.status_code == 302 and Org.objects.get(code="SL-C").parent.code == "SL"


def test_a_bad_org_sheet_lists_its_problems_and_writes_nothing(people, login):
    sheet = "机构代码,机构名称,层级,上级机构代码,发文字号前缀\nSL-C,丙局,科室,NOPE,示丙\n".encode()
    response = login(people["admin"]).post(
        "/settings/orgs/import/", {"file": SimpleUploadedFile("orgs.csv", sheet)}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "层级“科室”应为" in page and "“NOPE”不存在" in page
    assert not Org.objects.filter(code="SL-C").exists()


def test_a_spreadsheet_that_is_not_one_is_refused(people, login):
    response = login(people["admin"]).post(
        "/settings/orgs/import/", {"file": SimpleUploadedFile("orgs.xlsx", b"not a zip")}
    )
    assert response.status_code == 400 and "无法读取文件" in response.content.decode()


def test_next_years_holidays_are_imported_by_upload(people, login):
    csv = "日期,类型,说明\n2027-01-01,休,元旦\n".encode()
    response = login(people["admin"]).post(
        "/settings/calendar/import/", {"file": SimpleUploadedFile("2027.csv", csv)}
    )
    assert response.status_code == 302
    assert login(people["admin"]).get("/calendar/2027/1/").status_code == 200


def test_the_header_shows_only_the_administrators_own_roles(people, login):
    page = login(people["admin"]).get("/settings/users/").content.decode()
    header = page.split("</header>")[0]
    assert "管理员" in header and "经办人" not in header
