"""主动公开 screens, for the unit's staff and for the reviewers above them.

Reads go through `services.readable_items` (the access module, plus the items whose review
names one of the user's posts); every change goes through the services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import access, engine, worklist
from fazhi.core.clocks import clocks_of
from fazhi.core.models import Role

from ..forms_publication import STEP_FORMS, ConfigForm, CreateForm, ItemForm, StageFormSet
from ..models import Category
from ..procedure import (
    DEFAULT_REVIEW,
    PUBLICATION_PROCEDURE,
    PUBLISHERS,
    PublicationState,
    staffed,
    stage_procedure,
)
from ..services import publication as services

LIST, DETAIL, FORM, CONFIG = (
    f"disclosure/publication/{name}.html" for name in ("list", "detail", "form", "config")
)


def _items(user):
    items = services.with_light(services.readable_items(user), timezone.localdate())
    return services.with_waiting_stage(items).select_related("org")


# --- list ------------------------------------------------------------------------------------


def item_list(request):
    filters = _filters(request)
    items = _filtered(request.user, filters).order_by("-formed_on", "-pk")
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": _with_timing(list(page.object_list)),
        "states": PublicationState.choices,
        "categories": Category.choices,
        "waiting": services.waiting_for(request.user).count(),
        "can_create": access.orgs_with_role(request.user, set(PUBLISHERS)).exists(),
        "schemes": _own_schemes(request.user),
        **filters,
    }
    return render(request, LIST, context)


def _filters(request) -> dict:
    state, category = request.GET.get("state", ""), request.GET.get("category", "")
    return {
        "state": state if state in PublicationState.values else "",
        "category": category if category in Category.values else "",
        "view": "review" if request.GET.get("view") == "review" else "",
    }


def _filtered(user, filters):
    items = _items(user)
    if filters["view"]:
        items = items.filter(pk__in=services.waiting_for(user).values("item_id"))
    if filters["state"]:
        items = items.filter(state=filters["state"])
    return items.filter(category=filters["category"]) if filters["category"] else items


def _with_timing(items: list) -> list:
    """Each item with a few words on its 20 working days: left, overdue, or met."""
    today = timezone.localdate()
    ordinals = worklist.ordinals_for([today, *(d for i in items for d in (i.due_on, i.published_on) if d)])
    for item in items:
        item.timing, item.late = _timing(item, today, ordinals)
    return items


def _timing(item, today, ordinals) -> tuple[str, bool]:
    if item.published_on is None or item.due_on is None:
        return worklist.distance_label(today, item.due_on, ordinals), False
    if item.published_on <= item.due_on:
        return "按期发布", False
    late = ordinals.get(item.published_on, 0) - ordinals.get(item.due_on, 0)
    return f"逾期{late}个工作日发布" if late > 0 else "逾期发布", True


def _own_schemes(user) -> list:
    orgs = access.orgs_with_role(user, set(PUBLISHERS)).order_by("path")
    return [(org, services.scheme_label(*services.scheme_for(org))) for org in orgs]


# --- one item --------------------------------------------------------------------------------


def item_detail(request, pk):
    item = get_object_or_404(_items(request.user), pk=pk)
    _with_timing([item])
    return render(request, DETAIL, _detail(item, request.user))


def _detail(item, user) -> dict:
    return {
        "item": item,
        "procedure": PUBLICATION_PROCEDURE,
        "rounds": _rounds(item),
        "steps": _steps(item, user),
        "events": services.trail(item),
        "clocks": clocks_of(item).order_by("pk"),
        "can_edit": item.state == PublicationState.DRAFT
        and bool(access.roles_toward(user, item.org) & set(PUBLISHERS)),
        "scheme": _scheme_ahead(item),
        "waiting": services.current_review(item),
        "returned": _returned(item),
        "can_explain": access.can_read(user, item.org),
    }


def _returned(item):
    """For a draft sent back: the decision that sent it back, with its reason."""
    if item.state != PublicationState.DRAFT or not item.review_round:
        return None
    return item.current_reviews().filter(state="returned").select_related("decided_by").first()


def _rounds(item) -> list:
    """[(round, [review, ...]), ...], newest first: the stepper shows the first."""
    reviews = item.reviews.select_related("org", "decided_by").order_by("-round", "stage")
    rounds: dict[int, list] = {}
    for review in reviews:
        rounds.setdefault(review.round, []).append(review)
    return list(rounds.items())


def _scheme_ahead(item) -> dict | None:
    """For a draft: the stages it would be submitted to, and any post nobody holds."""
    if item.state != PublicationState.DRAFT:
        return None
    scheme, origin = services.scheme_for(item.org)
    stages = [
        {
            "name": s.name,
            "org": s.org_for(item.org),
            "role": Role(s.role).label,
            "staffed": staffed(s, item.org),
        }
        for s in scheme.stages
    ]
    return {"label": services.scheme_label(scheme, origin), "stages": stages, "basis": scheme.basis}


def _steps(item, user) -> list:
    steps = [_step(t, None) for t in PUBLICATION_PROCEDURE.available(item, user)]
    review = services.current_review(item)
    if review is not None:
        procedure = stage_procedure(review.stage, review.name, review.role)
        steps += [_step(t, review) for t in procedure.available(review, user)]
    return steps


def _step(transition, review) -> dict:
    initial = {"stage": review.stage} if review is not None else None
    form = STEP_FORMS[transition.key](prefix=transition.key, initial=initial)
    return {"t": transition, "form": form, "review": review}


# --- changes ---------------------------------------------------------------------------------


def item_create(request):
    form = CreateForm(request.user, request.POST or None)
    if not form.fields["org"].queryset.exists():
        raise PermissionDenied("只有经办人或负责人可以登记主动公开信息。")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            item = services.create_draft(data.pop("org"), request.user, http=request, **data)
        except engine.Refused as refusal:
            form.add_error(None, str(refusal))
            return render(request, FORM, {"form": form}, status=409)
        messages.success(request, "已保存为草稿。请核对后提交保密审查。")
        return redirect("disclosure:item", item.pk)
    return render(request, FORM, {"form": form}, status=400 if form.errors else 200)


def item_edit(request, pk):
    item = get_object_or_404(_items(request.user), pk=pk)
    form = ItemForm(request.POST or None, initial={name: getattr(item, name) for name in services.EDITABLE})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_draft(item, request.user, http=request, **form.cleaned_data)
        except engine.Refused as refusal:
            form.add_error(None, str(refusal))
            return render(request, FORM, {"form": form, "item": item}, status=409)
        messages.success(request, "已保存修改。")
        return redirect("disclosure:item", item.pk)
    return render(request, FORM, {"form": form, "item": item}, status=400 if form.errors else 200)


RUN = {
    "submit": lambda item, r, d: services.submit(item, r.user, http=r),
    "approve": lambda item, r, d: services.approve(
        item, r.user, stage=d["stage"], opinion=d["opinion"], http=r
    ),
    "send_back": lambda item, r, d: services.send_back(
        item, r.user, stage=d["stage"], reason=d["reason"], http=r
    ),
    "publish": lambda item, r, d: services.publish(item, r.user, http=r),
    "withdraw": lambda item, r, d: services.withdraw(item, r.user, reason=d["reason"], http=r),
}
DONE = {
    "submit": "已提交保密审查。",
    "approve": "已审查通过。",
    "send_back": "已退回修改。",
    "publish": "已发布。",
    "withdraw": "已撤回，公众不再能看到这条信息。",
}


@require_POST
def item_step(request, pk, key):
    item = get_object_or_404(_items(request.user), pk=pk)
    if key not in STEP_FORMS:
        raise Http404
    form = STEP_FORMS[key](request.POST, prefix=key)
    if not form.is_valid():
        return _refused(request, item, f"请检查填写的内容：{_errors(form)}", 400)
    try:
        RUN[key](item, request, form.cleaned_data)
    except engine.Refused as refusal:
        return _refused(request, item, str(refusal), 409)
    messages.success(request, DONE[key])
    return redirect("disclosure:item", item.pk)


def _errors(form) -> str:
    return "；".join(
        f"{form.fields[name].label or name}：{'，'.join(errs)}" if name in form.fields else "，".join(errs)
        for name, errs in form.errors.items()
    )


def _refused(request, item, message: str, status: int):
    messages.error(request, message)
    response = item_detail(request, item.pk)
    response.status_code = status
    return response


# --- which review applies where --------------------------------------------------------------


def review_config(request):
    """Each org the user reads, with the review that applies to it; an administrator sets or
    drops a jurisdiction's own stages."""
    admin = access.orgs_with_role(request.user, {Role.ADMIN}).exists()
    if request.method == "POST" and not admin:
        raise PermissionDenied("只有管理员可以设置保密审查配置。")
    form = ConfigForm(request.user, request.POST or None) if admin else None
    stages = _stage_formset(request) if admin else None
    if request.method == "POST" and _save_config(request, form, stages):
        return redirect("disclosure:review-config")
    orgs = access.readable_orgs(request.user).order_by("path")
    context = {"rows": services.schemes_for(orgs), "form": form, "stages": stages, "admin": admin}
    return render(request, CONFIG, context, status=400 if request.method == "POST" else 200)


DEFAULT_STAGES = [{"name": s.name, "role": s.role, "toward": s.toward} for s in DEFAULT_REVIEW.stages]


def _stage_formset(request):
    if request.method == "POST":
        return StageFormSet(request.POST, prefix="stages")
    return StageFormSet(prefix="stages", initial=DEFAULT_STAGES)


def _save_config(request, form, stages) -> bool:
    drop = "drop" in request.POST
    ready = ("org" not in form.errors) if drop else (form.is_valid() and stages.is_valid())
    if not ready:
        return False
    org = form.cleaned_data["org"]
    try:
        _apply_config(request, org, form.cleaned_data, stages, drop)
    except engine.Refused as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    messages.success(request, f"已更新{org.name}的保密审查配置。")
    return True


def _apply_config(request, org, data, stages, drop: bool) -> None:
    if drop:
        services.unconfigure(org, request.user, http=request)
        return
    services.configure(
        org, request.user, name=data["name"], basis=data["basis"], stages=stages.stages(), http=request
    )
