"""The portal's visitors are the public: the `client` fixture, never logged in.

`DAY` is a Monday whose 20 working days end in the same year, so the tests do not depend
on the date they run on or on next year's holiday calendar being entered.
"""

import datetime

import pytest

from fazhi.disclosure.models import PublicationItem

DAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def on_day(monkeypatch):
    monkeypatch.setattr("fazhi.portal.views.today", lambda: DAY)
    return DAY


@pytest.fixture
def form():
    """A complete, valid application; tests change one field at a time."""
    return {
        "applicant_type": "natural_person",
        "applicant_name": "王晓明",
        "id_number": "11010519491231002X",
        "phone": "13800000000",
        "email": "wang@example.cn",
        "address": "示例市人民路1号",
        "description": "2026年本市义务教育阶段学校招生划片范围及依据",
        "delivery_form": "electronic",
    }


@pytest.fixture
def apply(client, tree):
    """POST an application to 甲局 (SL-A): a new form each time unless `data` has a `key`."""
    counter = iter(range(10_000))

    def post(data, org="SL-A", **extra):
        data = {"key": f"form-{next(counter):027d}", **data}
        return client.post(f"/open/{org}/apply/", data, **extra)

    return post


def publish(org, title="关于开展教育收费专项检查的通知", state="published", **fields):
    defaults = {
        "category": "normative_document",
        "document_number": "示甲〔2026〕3号",
        "body": "第一段。\n第二段。",
        "formed_on": datetime.date(2026, 3, 1),
        "published_on": datetime.date(2026, 3, 5) if state == "published" else None,
    }
    return PublicationItem.objects.create(org=org, title=title, state=state, **{**defaults, **fields})
