"""Logging in, throttling, sessions, CSRF, password hashing and the deployment check."""

import os
import subprocess
import sys

import pytest
from django.test import Client

import fazhi.settings as project_settings


def test_passwords_are_hashed_with_argon2_in_the_project_settings():
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_wrong_password_gets_a_chinese_message(people, client):
    response = client.post("/login/", {"username": "clerk", "password": "wrong"})
    assert response.status_code == 200 and "用户名或密码不正确" in response.content.decode()


def test_login_is_locked_after_repeated_failures(people, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "clerk", "password": "wrong"})
    locked = client.post("/login/", {"username": "clerk", "password": "fazhi-test-pw"})
    assert locked.status_code == 429 and "暂时锁定" in locked.content.decode()


def test_the_right_password_leads_home(people, client):
    response = client.post("/login/", {"username": "clerk", "password": "fazhi-test-pw"})
    assert response.status_code == 302 and response.url == "/home/"


def test_an_expired_session_sends_the_user_to_log_in_again_with_a_note(db, client):
    response = client.get("/home/")
    assert response.status_code == 302 and response.url.startswith("/login/?next=/home/")
    assert "登录已过期" in client.get(response.url).content.decode()


def test_a_post_without_the_csrf_token_is_refused(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["supervisor"])
    assert client.post("/supervision/new/", {"title": "x"}).status_code == 403


def test_the_deployment_check_is_clean_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "FAZHI_PRODUCTION": "1",
        "FAZHI_HTTPS": "1",
        "SECRET_KEY": "x9$" + "k7Qp2vR8sT4wY6zA1bC3dE5fG7hJ9kL0mN2oP4qR6sT8uV0wX2yZ" * 2,
        "ALLOWED_HOSTS": "fazhi.example.gov.cn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "fazhi", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DEBUG": "0", "FAZHI_PRODUCTION": "1", "SECRET_KEY": ""}
    result = subprocess.run([sys.executable, "-m", "fazhi", "check"], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("path", ["/rules/", "/calendar/", "/calendar/2026/10/", "/login/"])
def test_public_pages_are_served_in_simplified_chinese(db, client, path):
    response = client.get(path)
    assert response.status_code == 200 and 'lang="zh-CN"' in response.content.decode()


def test_a_stale_form_is_refused_in_chinese(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["supervisor"])
    response = client.post("/supervision/new/", {"title": "x"})
    assert response.status_code == 403 and "请刷新后重新提交" in response.content.decode()
