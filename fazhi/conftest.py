"""Personas shared by every test.

The tree:            SL 示例市 (city)
                      ├── SL-A 甲局 (own org of the personas below)
                      │    └── SL-A1 甲局下属中心 (child)
                      └── SL-B 乙局 (sibling)

    persona      role        org     reads                      writes / acts
    clerk        经办人      SL-A    SL-A                       SL-A
    reviewer     审核人      SL-A    SL-A                       SL-A
    head         负责人      SL-A    SL-A                       SL-A
    supervisor   督察员      SL      SL and everything below    SL; supervises below
    admin        管理员      SL      SL and everything below    nothing of the records
    sibling      经办人      SL-B    SL-B                       SL-B
    public       (none)      —       published data only        nothing
"""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop + Django ORM


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is the production hasher (see test_security); tests need not pay for it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts with no rendered public page kept (core/pagecache.py): a page kept
    from another test's database would be served under an equal version."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture
def tree(db):
    from fazhi.core.models import Level, Org

    city = Org.objects.create(code="SL", name="示例市人民政府", level=Level.CITY, doc_prefix="示府")
    own = Org.objects.create(code="SL-A", name="甲局", level=Level.DEPARTMENT, parent=city, doc_prefix="示甲")
    child = Org.objects.create(
        code="SL-A1", name="甲局下属中心", level=Level.DEPARTMENT, parent=own, doc_prefix="示甲中"
    )
    sibling = Org.objects.create(
        code="SL-B", name="乙局", level=Level.DEPARTMENT, parent=city, doc_prefix="示乙"
    )
    return {"city": city, "own": own, "child": child, "sibling": sibling}


def make_user(username, org, role, **extra):
    from django.contrib.auth import get_user_model

    from fazhi.core.models import Membership

    user = get_user_model().objects.create_user(username, password="fazhi-test-pw", **extra)
    Membership.objects.create(user=user, org=org, role=role)
    return user


@pytest.fixture
def people(tree):
    return {
        "clerk": make_user("clerk", tree["own"], "clerk", first_name="李经办"),
        "reviewer": make_user("reviewer", tree["own"], "reviewer"),
        "head": make_user("head", tree["own"], "head", first_name="张局长"),
        "supervisor": make_user("supervisor", tree["city"], "supervisor", first_name="王督察"),
        "admin": make_user("admin", tree["city"], "admin"),
        "sibling": make_user("sibling", tree["sibling"], "clerk"),
        "child_clerk": make_user("child_clerk", tree["child"], "clerk"),
    }


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (see core/tests/browser.py)."""
    from playwright.sync_api import sync_playwright

    from fazhi.core.tests.browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def city(live_server):
    """The demo city 示例市 in the live server's database; the server's base URL."""
    from fazhi.core import demo

    demo.load()
    return live_server.url
