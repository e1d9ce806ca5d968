"""重大行政决策 screens. Views read through the access module (queries.py) and change state
only through services.py; a refusal is shown in Chinese with its citation."""

import datetime

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from fazhi.core import access, engine
from fazhi.core.models import AuditEvent

from . import queries, services
from .forms import (
    RECORD_FORMS,
    STEP_FORMS,
    CatalogueForm,
    ConsultationForm,
    DecisionForm,
    EvaluationDoneForm,
    EvaluationForm,
    FeedbackForm,
    HearingCancelForm,
    HearingHeldForm,
    HearingPlanForm,
    MarketForm,
    MaterialForm,
    PublishCatalogueForm,
    WaiverForm,
)
from .models import Hearing
from .procedure import (
    CONSULTATION,
    FAIR_COMPETITION,
    HEARING_MATERIALS,
    HEARING_NOTICE,
    PROCEDURE,
    REVIEW_TIME,
    WAIVERS,
    Kind,
    State,
    minimum,
)


def _form_errors(form) -> str:
    return "；".join(
        f"{form.fields[name].label}：{'，'.join(errs)}" if name in form.fields else "，".join(errs)
        for name, errs in form.errors.items()
    )


# --- catalogues ---------------------------------------------------------------------------


def catalogue_list(request):
    found = queries.catalogues(request.user).order_by("-year", "org__path")
    form = CatalogueForm(request.user, request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, f"请检查填写的内容：{_form_errors(form)}")
        else:
            try:
                made = services.new_catalogue(
                    request.user, form.cleaned_data["org"], form.cleaned_data["year"], request=request
                )
            except engine.Refused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, "已新建决策事项目录。")
                return redirect("decisions:catalogue", made.pk)
    can_create = form.fields["org"].queryset.exists()
    context = {"catalogues": found, "form": form, "can_create": can_create}
    return render(request, "decisions/catalogues.html", context, status=400 if form.errors else 200)


def catalogue(request, pk):
    found = get_object_or_404(queries.catalogues(request.user), pk=pk)
    items = found.decisions.order_by("pk")
    writable = bool(access.roles_toward(request.user, found.org) & {"clerk", "head"})
    context = {
        "catalogue": found,
        "items": items,
        "form": DecisionForm(),
        "publish_form": PublishCatalogueForm(),
        "writable": writable,
        "can_publish": "head" in access.roles_toward(request.user, found.org) and found.state == "draft",
    }
    return render(request, "decisions/catalogue.html", context)


@require_POST
def catalogue_add(request, pk):
    found = get_object_or_404(queries.catalogues(request.user), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"请检查填写的内容：{_form_errors(form)}")
        return redirect("decisions:catalogue", pk)
    try:
        services.add_decision(found, request.user, request=request, **form.cleaned_data)
    except engine.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "已列入目录。")
    return redirect("decisions:catalogue", pk)


@require_POST
def catalogue_publish(request, pk):
    found = get_object_or_404(queries.catalogues(request.user), pk=pk)
    form = PublishCatalogueForm(request.POST)
    try:
        if not form.is_valid():
            raise engine.Refused(f"请检查填写的内容：{_form_errors(form)}")
        services.publish_catalogue(found, request.user, request=request, **form.cleaned_data)
    except engine.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "目录已公布。")
    return redirect("decisions:catalogue", pk)


# --- a decision -----------------------------------------------------------------------------


def _decision(request, pk):
    return get_object_or_404(queries.decisions(request.user), pk=pk)


def detail(request, pk, status=200):
    decision = _decision(request, pk)
    today = timezone.localdate()
    roles = access.roles_toward(request.user, decision.org)
    steps = [(t, STEP_FORMS[t.key](prefix=t.key)) for t in PROCEDURE.available(decision, request.user)]
    consultation = decision.consultation()
    context = {
        "decision": decision,
        "procedure": PROCEDURE,
        "gates": queries.process(decision),
        "blocking": queries.blocking(decision, today) if decision.state == State.DRAFTING else [],
        "steps": steps,
        "consultation": consultation,
        "counts": consultation.counts() if consultation else None,
        "drafting": decision.state == State.DRAFTING,
        "can_record": bool(roles & {"clerk", "head"}),
        "can_review": bool(roles & {"clerk", "head", "reviewer"}),
        "record_forms": {k.value: f(prefix=k.value) for k, f in RECORD_FORMS.items()},
        "waiver_forms": {k.value: WaiverForm(k, prefix=f"w-{k.value}") for k in Kind if WAIVERS[k]},
        "consultation_form": ConsultationForm(initial=_consultation_initial(decision, today)),
        "feedback_form": FeedbackForm(),
        "market_form": MarketForm(initial={"market_related": decision.market_related}),
        "hearings": _hearings(decision),
        "hearing_form": HearingPlanForm(),
        "hearing_days": minimum(HEARING_MATERIALS, today, decision.org),
        "hearing_cite": HEARING_NOTICE,
        "fair_cite": FAIR_COMPETITION,
        "materials": queries.materials(decision),
        "material_form": MaterialForm(decision),
        "can_upload": bool(roles & {"clerk", "head", "reviewer"}) and decision.state != State.ARCHIVED,
        "evaluations": queries.evaluations(request.user, today).filter(decision=decision).order_by("pk"),
        "evaluation_form": EvaluationForm(),
        "done_form": EvaluationDoneForm(),
        "minimum_days": minimum(CONSULTATION, today, decision.org),
        "review_days": minimum(REVIEW_TIME, today, decision.org),
        "events": _trail(decision),
        "today": today,
    }
    return render(request, "decisions/detail.html", context, status=status)


def _hearings(decision):
    """Each hearing with its forms (prefixed by the hearing, so two planned ones do not clash)."""
    return [
        (
            h,
            HearingHeldForm(prefix=f"h{h.pk}", initial={"held_on": h.held_on}),
            HearingCancelForm(prefix=f"c{h.pk}"),
        )
        for h in decision.hearings.order_by("held_on", "pk")
    ]


def _trail(decision):
    """The decision's events and its hearings' (held, called off, refused)."""
    own = Q(subject_type=decision._meta.label_lower, subject_id=decision.pk)
    hearings = Q(subject_type=Hearing._meta.label_lower, subject_id__in=decision.hearings.values("pk"))
    return AuditEvent.objects.filter(own | hearings).order_by("at", "pk")


def _consultation_initial(decision, today):
    days = minimum(CONSULTATION, today, decision.org)
    return {
        "title": f"{decision.title}（征求意见稿）",
        "opens_on": today,
        "closes_on": today + datetime.timedelta(days=days),
    }


def _refused(request, pk, message, status=409):
    messages.error(request, message)
    return detail(request, pk, status=status)


def _done(request, pk, message):
    messages.success(request, message)
    return redirect("decisions:detail", pk)


def _act(request, pk, form, action, done: str):
    """Check the form, run the service with its data, and say how it went on the page."""
    if not form.is_valid():
        return _refused(request, pk, f"请检查填写的内容：{_form_errors(form)}", 400)
    try:
        action(form.cleaned_data)
    except engine.Refused as refusal:
        return _refused(request, pk, str(refusal))
    return _done(request, pk, done)


@require_POST
def step(request, pk, key):
    decision = _decision(request, pk)
    if key not in STEP_FORMS:
        raise Http404
    form = STEP_FORMS[key](request.POST, prefix=key)
    done = f"已{PROCEDURE.transition(key).label}。"
    return _act(request, pk, form, lambda data: _run(decision, request, key, data), done)


def _run(decision, request, key, data):
    user = request.user
    if key == "table":
        return services.table(decision, user, request=request)
    if key in services.MEETING_STEPS:
        return services.MEETING_STEPS[key](decision, user, request=request, **data)
    if key == "publish":
        return services.publish(decision, user, request=request, **data)
    return services.archive(decision, user, request=request, **data)


@require_POST
def record(request, pk, kind):
    decision = _decision(request, pk)
    if kind not in RECORD_FORMS:
        raise Http404
    form = RECORD_FORMS[kind](request.POST, prefix=kind)
    recorders = {
        Kind.EXPERTS: services.record_experts,
        Kind.RISK: services.record_risk,
        Kind.LEGALITY: services.record_legality,
        Kind.FAIR_COMPETITION: services.record_fair_competition,
    }
    action = lambda data: recorders[kind](decision, request.user, request=request, **data)  # noqa: E731
    return _act(request, pk, form, action, f"已记录{Kind(kind).label}。")


@require_POST
def waive(request, pk, kind):
    decision = _decision(request, pk)
    if kind not in Kind.values:
        raise Http404
    form = WaiverForm(kind, request.POST, prefix=f"w-{kind}")
    try:
        if not form.is_valid():
            raise engine.Refused(f"请检查填写的内容：{_form_errors(form)}")
        services.waive(decision, request.user, kind=kind, request=request, **form.cleaned_data)
    except engine.Refused as refusal:
        return _refused(request, pk, str(refusal))
    return _done(request, pk, f"已记录{Kind(kind).label}依法不适用及理由。")


@require_POST
def consultation_open(request, pk):
    decision = _decision(request, pk)
    action = lambda data: services.open_consultation(decision, request.user, request=request, **data)  # noqa: E731
    done = "已向社会公开征求意见，征求意见稿已在公众门户发布。"
    return _act(request, pk, ConsultationForm(request.POST), action, done)


@require_POST
def consultation_close(request, pk):
    decision = _decision(request, pk)
    action = lambda data: services.close_consultation(decision, request.user, request=request, **data)  # noqa: E731
    done = "征求意见已结束，意见采纳情况已在公众门户公布。"
    return _act(request, pk, FeedbackForm(request.POST), action, done)


@require_POST
def market(request, pk):
    decision = _decision(request, pk)
    action = lambda data: services.mark_market_related(decision, request.user, request=request, **data)  # noqa: E731
    return _act(request, pk, MarketForm(request.POST), action, "已保存是否涉及市场主体经济活动。")


# --- 听证会 (第十六条) ------------------------------------------------------------------------


@require_POST
def hearing_new(request, pk):
    decision = _decision(request, pk)
    action = lambda data: services.plan_hearing(decision, request.user, request=request, **data)  # noqa: E731
    return _act(request, pk, HearingPlanForm(request.POST), action, "已安排听证会。")


@require_POST
def hearing_hold(request, pk, hearing_pk):
    hearing = get_object_or_404(_decision(request, pk).hearings.all(), pk=hearing_pk)
    form = HearingHeldForm(request.POST, prefix=f"h{hearing.pk}")
    action = lambda data: services.hold_hearing(hearing, request.user, request=request, **data)  # noqa: E731
    return _act(request, pk, form, action, "已记录听证会召开情况。")


@require_POST
def hearing_cancel(request, pk, hearing_pk):
    hearing = get_object_or_404(_decision(request, pk).hearings.all(), pk=hearing_pk)
    form = HearingCancelForm(request.POST, prefix=f"c{hearing.pk}")
    action = lambda data: services.cancel_hearing(hearing, request.user, request=request, **data)  # noqa: E731
    return _act(request, pk, form, action, "已取消听证会。")


# --- 过程材料 (第三十三条) --------------------------------------------------------------------


@require_POST
def material_upload(request, pk):
    decision = _decision(request, pk)
    form = MaterialForm(decision, request.POST, request.FILES)

    def attach(data):
        upload = data["upload"]
        return services.attach_material(
            decision, request.user, title=data["title"], record=data["record"], request=request, **upload
        )

    return _act(request, pk, form, attach, "已上传材料。")


def material_download(request, pk, material_pk):
    """Only to those who may read the decision; always as an attachment, never shown inline."""
    found = get_object_or_404(_decision(request, pk).materials.all(), pk=material_pk)
    response = HttpResponse(bytes(found.data), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def archive_view(request, pk):
    """决策过程记录和材料 (第三十三条): every record, every version, the whole trail."""
    decision = _decision(request, pk)
    consultation = decision.consultation()
    context = {
        "decision": decision,
        "records": decision.records.order_by("kind", "pk"),
        "consultation": consultation,
        "counts": consultation.counts() if consultation else None,
        "comments": consultation.comments.filter(hidden=False).order_by("pk") if consultation else [],
        "evaluations": decision.evaluations.order_by("pk"),
        "hearings": decision.hearings.order_by("held_on", "pk"),
        "materials": queries.materials(decision),
        "events": _trail(decision),
    }
    return render(request, "decisions/archive.html", context)


# --- 决策后评估 ------------------------------------------------------------------------------


def evaluation_list(request):
    today = timezone.localdate()
    found = queries.evaluations(request.user, today).order_by("state", "due_on", "pk")
    return render(request, "decisions/evaluations.html", {"evaluations": found, "today": today})


@require_POST
def evaluation_new(request, pk):
    decision = _decision(request, pk)
    form = EvaluationForm(request.POST)
    try:
        if not form.is_valid():
            raise engine.Refused(f"请检查填写的内容：{_form_errors(form)}")
        services.plan_evaluation(decision, request.user, request=request, **form.cleaned_data)
    except engine.Refused as refusal:
        return _refused(request, pk, str(refusal))
    return _done(request, pk, "已安排决策后评估。")


@require_POST
def evaluation_done(request, pk, evaluation_pk):
    decision = _decision(request, pk)
    evaluation = get_object_or_404(decision.evaluations.all(), pk=evaluation_pk)
    form = EvaluationDoneForm(request.POST)
    try:
        if not form.is_valid():
            raise engine.Refused(f"请检查填写的内容：{_form_errors(form)}")
        services.complete_evaluation(evaluation, request.user, request=request, **form.cleaned_data)
    except engine.Refused as refusal:
        return _refused(request, pk, str(refusal))
    return _done(request, pk, "决策后评估已完成。")


def evaluation(request, pk):
    found = get_object_or_404(queries.evaluations(request.user, timezone.localdate()), pk=pk)
    return redirect("decisions:detail", found.decision_id)
