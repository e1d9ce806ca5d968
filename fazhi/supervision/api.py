"""督办事项 over the API: the same access module and the same services as the screens."""

import datetime
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Router, Schema, Status

from fazhi.core.api import STAFF, STAFF_ERRORS, Message, page
from fazhi.core.clocks import yellow_line
from fazhi.core.engine import Refused

from . import services
from .models import SupervisionItem
from .procedure import State
from .queries import with_light

router = Router(tags=["督办"], auth=STAFF)

# Free text the steps ask for. Like the screens' form fields, refuse the NUL character
# (PostgreSQL cannot store it); the request size limit bounds the length.
Text = Annotated[str, Field(pattern=r"^[^\x00]*$")]
StepKey = Annotated[str, Path(pattern=r"^[a-z_]{1,30}$", description="办理环节，如 accept、report")]


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
    reason: Text = ""
    feedback: Text = ""
    opinion: Text = ""


def _out(item) -> dict:
    return {
        "id": item.pk,
        "number": item.number,
        "title": item.title,
        "org": item.org.code,
        "assigner_org": item.assigner_org.code,
        "state": item.state,
        "state_label": item.get_state_display(),
        "due_on": item.due_on,
        "light": item.light,
    }


def _items(request):
    today = timezone.localdate()
    items = SupervisionItem.objects.visible_to(request.user).select_related("org", "assigner_org")
    return with_light(items, today, yellow_line(today))


@router.get("/items", response={200: list[ItemOut], **STAFF_ERRORS}, summary="督办事项列表")
def list_items(request, state: State | None = None, limit: int = 50, offset: int = 0):
    items = _items(request).order_by("-pk")
    if state:
        items = items.filter(state=state)
    return [_out(i) for i in page(items, limit, offset)]


@router.get("/items/{item_id}", response={200: ItemOut, 404: Message, **STAFF_ERRORS}, summary="督办事项")
def get_item(request, item_id: int):
    return Status(200, _out(get_object_or_404(_items(request), pk=item_id)))


STEPS = {
    "accept": lambda item, request, body: services.accept(item, request.user, request=request),
    "report": lambda item, request, body: services.report(
        item, request.user, feedback=body.feedback, request=request
    ),
    "close": lambda item, request, body: services.close(
        item, request.user, opinion=body.opinion, request=request
    ),
}


def _take(item, request, step: str, body: StepIn) -> None:
    if step in STEPS:
        STEPS[step](item, request, body)
    else:
        services.step_with_date(item, request.user, step, body.due_on, body.reason, request=request)


@router.post(
    "/items/{item_id}/steps/{step}",
    response={200: ItemOut, 404: Message, 409: Message, **STAFF_ERRORS},
    summary="办理一个环节",
)
def take_step(request, item_id: int, step: StepKey, body: StepIn | None = None):
    item = get_object_or_404(SupervisionItem.objects.visible_to(request.user), pk=item_id)
    try:
        _take(item, request, step, body or StepIn())
    except Refused as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(200, _out(_items(request).get(pk=item_id)))
