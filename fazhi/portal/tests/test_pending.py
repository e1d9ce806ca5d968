"""An application in late December is registered at once; its reply date waits for the
State Council's holiday arrangement of the next year (the platform never guesses it)."""

import datetime

from fazhi.disclosure.models import DisclosureRequest

LATE_DECEMBER = datetime.date(2026, 12, 21)  # its 20th working day falls in January 2027


def test_an_application_in_late_december_is_registered_with_its_reply_date_pending(
    monkeypatch, apply, form, client
):
    monkeypatch.setattr("fazhi.portal.views.today", lambda: LATE_DECEMBER)
    page = apply(form).content.decode()
    request = DisclosureRequest.objects.get()
    assert request.received_on == LATE_DECEMBER and request.number in page
    status = client.get("/open/track/", {"code": request.tracking_code}).content.decode()
    assert "到期日待2027年放假安排导入后计算" in status
