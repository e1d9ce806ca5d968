"""The demo city's 重大行政决策: a hearing held in time, materials filed, the archive's list of
them, and the portal showing the hearing; loaded twice without change."""

import pytest

from fazhi.core import demo
from fazhi.core.models import AuditEvent
from fazhi.decisions.models import Decision, Hearing, Material

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_hearing_and_materials(client):
    demo.load()
    hearing = Hearing.objects.get()
    assert hearing.state == "held" and (hearing.held_on - hearing.materials_delivered_on).days >= 7
    assert Material.objects.count() == 3 and Material.objects.filter(record__kind="experts").exists()
    assert all(bytes(m.data).startswith(b"%PDF-") for m in Material.objects.all())
    assert AuditEvent.objects.filter(summary="归档材料清单：2份").exists()
    assert Decision.objects.filter(market_related=True).exists()
    assert "召开听证会，听证参加人4人" in client.get("/open/decisions/").content.decode()
    demo.load()
    assert Material.objects.count() == 3
