"""The demo city's 规范性文件: several states, one overdue filing, loaded twice without change."""

import pytest

from fazhi.core import demo
from fazhi.core.clocks import yellow_line
from fazhi.normdocs.models import Document
from fazhi.normdocs.queries import with_filing_light

pytestmark = pytest.mark.django_db


def test_the_demo_has_documents_in_several_states_and_an_overdue_filing():
    demo.load()
    states = set(Document.objects.values_list("state", flat=True))
    assert {"proposed", "consulting", "reviewing", "in_force", "repealed"} <= states
    from django.utils import timezone

    today = timezone.localdate()
    lights = with_filing_light(Document.objects.filter(state="in_force", filed_on__isnull=True), today)
    assert "red" in {d.light for d in lights}
    assert yellow_line(today)
    count = Document.objects.count()
    demo.load()
    assert Document.objects.count() == count
