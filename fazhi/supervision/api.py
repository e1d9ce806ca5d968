"""督办事项 over the API: the same access module and the same services as the screens."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from fazhi.core.api import STAFF, Message
from fazhi.core.clocks import yellow_line
from fazhi.core.engine import Refused

from . import services
from .models import SupervisionItem
from .queries import with_light

router = Router(tags=["督办"], auth=STAFF)


class ItemOut(Schema):
    id: int
    number: str
    title: str
    org: str
    assigner_org: str
    state: str
    state_label: str
    due_on: datetime.date | None
    light: str


class StepIn(Schema):
    due_on: datetime.date | None = None
    reason: str = ""
    feedback: str = ""
    opinion: str = ""


def _out(item) -> dict:
    return {
        "id": item.pk, "number": item.number, "title": item.title, "org": item.org.code,
        "assigner_org": item.assigner_org.code, "state": item.state,
        "state_label": item.get_state_display(), "due_on": item.due_on, "light": item.light,
    }


def _items(request):
    today = timezone.localdate()
    items = SupervisionItem.objects.visible_to(request.user).select_related("org", "assigner_org")
    return with_light(items, today, yellow_line(today))


@router.get("/items", response=list[ItemOut], summary="督办事项列表")
def list_items(request, state: str = "", limit: int = 50, offset: int = 0):
    items = _items(request).order_by("-pk")
    if state:
        items = items.filter(state=state)
    limit, offset = max(1, min(limit, 500)), max(0, offset)
    return [_out(i) for i in items[offset:offset + limit]]


@router.get("/items/{item_id}", response={200: ItemOut, 404: Message}, summary="督办事项")
def get_item(request, item_id: int):
    return 200, _out(get_object_or_404(_items(request), pk=item_id))


STEPS = {
    "accept": lambda item, user, body: services.accept(item, user),
    "report": lambda item, user, body: services.report(item, user, feedback=body.feedback),
    "close": lambda item, user, body: services.close(item, user, opinion=body.opinion),
}


@router.post("/items/{item_id}/steps/{step}",
             response={200: ItemOut, 404: Message, 409: Message}, summary="办理一个环节")
def take_step(request, item_id: int, step: str, body: StepIn):
    item = get_object_or_404(SupervisionItem.objects.visible_to(request.user), pk=item_id)
    try:
        if step in STEPS:
            STEPS[step](item, request.user, body)
        else:
            services.step_with_date(item, request.user, step, body.due_on, body.reason)
    except Refused as refusal:
        return 409, {"detail": str(refusal)}
    return 200, _out(_items(request).get(pk=item_id))
