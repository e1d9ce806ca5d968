"""督办 screens. Views read through the access module and change state only via services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import access, engine
from fazhi.core.clocks import clocks_of, yellow_line
from fazhi.core.exports import xlsx_response
from fazhi.core.models import AuditEvent, Light

from . import services
from .forms import STEP_FORMS, DraftForm, EditForm
from .models import SupervisionItem
from .procedure import PROCEDURE, State
from .queries import with_light


def _items(user):
    today = timezone.localdate()
    items = SupervisionItem.objects.visible_to(user).select_related("org", "assigner_org")
    return with_light(items, today, yellow_line(today))


def _filtered(request):
    items = _items(request.user).order_by("-pk")
    state = request.GET.get("state", "")
    return items.filter(state=state) if state in State.values else items


def item_list(request):
    page = Paginator(_filtered(request), 30).get_page(request.GET.get("page"))
    state = request.GET.get("state", "")
    return render(request, "supervision/list.html", {"page": page, "states": State.choices, "state": state})


EXPORT_COLUMNS = ("文号", "事项名称", "承办单位", "交办单位", "来源", "状态", "办理期限", "期限状态")


def export(request):
    """The list as the user sees it (same filter, same access), as an Excel workbook."""
    items = _filtered(request)
    rows = [
        (
            i.number,
            i.title,
            i.org.name,
            i.assigner_org.name,
            i.get_source_display(),
            i.get_state_display(),
            i.due_on,
            Light(i.light).label,
        )
        for i in items
    ]
    return xlsx_response("督办事项.xlsx", EXPORT_COLUMNS, rows)


def create(request):
    form = DraftForm(request.user, request.POST or None)
    if not form.fields["org"].queryset.exists():
        raise PermissionDenied("只有上级机关的督察员可以拟定督办事项。")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = services.draft(
            request.user,
            data["org"],
            title=data["title"],
            requirement=data["requirement"],
            source=data["source"],
            request=request,
        )
        messages.success(request, "督办事项已拟定，请确定办理期限后交办。")
        return redirect("supervision:detail", item.pk)
    return render(request, "supervision/form.html", {"form": form}, status=400 if form.errors else 200)


def edit(request, pk):
    item = get_object_or_404(_items(request.user), pk=pk)
    initial = {name: getattr(item, name) for name in services.EDITABLE}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_draft(item, request.user, request=request, **form.cleaned_data)
        except engine.Refused as refusal:
            raise PermissionDenied(str(refusal)) from refusal
        messages.success(request, "已保存修改。")
        return redirect("supervision:detail", item.pk)
    return render(
        request, "supervision/edit.html", {"form": form, "item": item}, status=400 if form.errors else 200
    )


def detail(request, pk):
    item = get_object_or_404(_items(request.user), pk=pk)
    steps = [(t, STEP_FORMS[t.key](prefix=t.key)) for t in PROCEDURE.available(item, request.user)]
    events = AuditEvent.objects.filter(subject_type=item._meta.label_lower, subject_id=item.pk)
    return render(
        request,
        "supervision/detail.html",
        {
            "item": item,
            "steps": steps,
            "events": events.order_by("at", "pk"),
            "clocks": clocks_of(item).order_by("pk"),
            "procedure": PROCEDURE,
            "can_edit": item.state == State.DRAFT
            and "supervisor" in access.roles_toward(request.user, item.org),
        },
    )


@require_POST
def step(request, pk, key):
    item = get_object_or_404(_items(request.user), pk=pk)
    if key not in STEP_FORMS:
        raise Http404
    form = STEP_FORMS[key](request.POST, prefix=key)
    if not form.is_valid():
        errors = "；".join(
            f"{form.fields[name].label}：{'，'.join(errs)}" if name in form.fields else "，".join(errs)
            for name, errs in form.errors.items()
        )
        return _refused(request, item, f"请检查填写的内容：{errors}")
    try:
        _run(item, request, key, form.cleaned_data)
    except engine.Refused as refusal:
        return _refused(request, item, str(refusal), status=409)
    messages.success(request, f"已{PROCEDURE.transition(key).label}。")
    return redirect("supervision:detail", item.pk)


def _run(item, request, key, data):
    user = request.user
    if key in services.DATED_STEPS:
        return services.step_with_date(
            item, user, key, data["due_on"], data.get("reason", ""), request=request
        )
    if key == "accept":
        return services.accept(item, user, request=request)
    if key == "report":
        return services.report(item, user, feedback=data["feedback"], request=request)
    return services.close(item, user, opinion=data["opinion"], request=request)


def _refused(request, item, message, status=400):
    messages.error(request, message)
    response = detail(request, item.pk)
    response.status_code = status
    return response
