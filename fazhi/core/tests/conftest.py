"""A consultation of 甲局 on a subject from no system: the core knows none of them."""

import datetime
from types import SimpleNamespace

import pytest

from fazhi.core import consultation as consultations

DAY = datetime.date(2026, 6, 15)


def draft_of(org, pk=1):
    """Any record with an org will do as the subject."""
    return SimpleNamespace(_meta=SimpleNamespace(label_lower="tests.draft"), pk=pk, org_id=org.pk)


@pytest.fixture
def opened(tree, people):
    return consultations.open_for(
        draft_of(tree["own"]),
        title="关于调整公交票价的决策草案",
        text="第一条 ……\n第二条 ……",
        opens_on=DAY,
        closes_on=DAY + datetime.timedelta(days=30),
        actor=people["clerk"],
    )
