import datetime

import pytest

from fazhi.core import audit
from fazhi.disclosure.services import requests as svc


@pytest.fixture
def receive(people, tree):
    """Register a request to the personas' own org, received on a given day."""

    def received(on: datetime.date, **fields):
        values = {
            "applicant_name": "王晓明",
            "applicant_type": "natural_person",
            "channel": "online",
            "description": "2025年招生划片范围",
            **fields,
        }
        return svc.register(tree["own"], received_on=on, actor=audit.Actor.of(people["clerk"]), **values)

    return received
