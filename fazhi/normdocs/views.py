"""规范性文件 screens. Views read through the access module and change state only via services."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import access, consultation, engine
from fazhi.core.clocks import clocks_of
from fazhi.core.exports import xlsx_response
from fazhi.core.models import AuditEvent, Light, Org, Role
from fazhi.core.rules import RULES

from . import queries, services, textcheck
from .forms import STEP_FORMS, CleanupEntryForm, CleanupForm, ConcludeForm, DocumentForm, DraftForm
from .models import CleanupCampaign, CleanupEntry, Document, LegalityReview
from .procedure import (
    DRAFTERS,
    PROCEDURE,
    PUBLISHED_STATES,
    REVIEW,
    REVIEW_MINIMUM,
    REVIEW_PROCEDURE,
    State,
    amount_for,
)

LOCAL_RULES = (
    "normdocs.consultation",
    "normdocs.review_minimum",
    "normdocs.legality_review",
    "normdocs.filing",
    "normdocs.validity",
    "normdocs.validity_provisional",
    "normdocs.expiry_warning",
)


def _docs(user):
    today = timezone.localdate()
    return queries.with_filing_light(Document.objects.visible_to(user).select_related("org"), today)


def _filtered(request):
    docs = _docs(request.user).order_by("-pk")
    state = request.GET.get("state", "")
    docs = docs.filter(state=state) if state in State.values else docs
    if request.GET.get("light") in Light.values:
        docs = docs.filter(light=request.GET["light"], state=State.IN_FORCE, filed_on__isnull=True)
    if request.GET.get("filed") == "1":
        docs = docs.filter(state=State.IN_FORCE, filed_on__isnull=False)
    if request.GET.get("org"):  # a unit's own documents: the rows behind a count of the 备案情况
        docs = docs.filter(org__code=request.GET["org"])
    return docs


def document_list(request):
    page = Paginator(_filtered(request), 30).get_page(request.GET.get("page"))
    today = timezone.localdate()
    context = {
        "page": page,
        "states": State.choices,
        "state": request.GET.get("state", ""),
        "can_draft": access.orgs_with_role(request.user, {Role.CLERK, Role.HEAD}).exists(),
        "expiring": _expiring(request.user, today),
        "narrowed": _narrowed(request),
    }
    return render(request, "normdocs/list.html", context)


def _narrowed(request) -> dict:
    """The list's filters other than the state tabs (a count of 备案情况 opened here), said in
    words and kept in the pager and the export."""
    kept = {k: request.GET[k] for k in ("state", "light", "filed", "org") if request.GET.get(k)}
    said = []
    if "org" in kept:
        found = Org.objects.filter(code=kept["org"]).first()
        said.append(found.name if found else kept["org"])
    if kept.get("light") in Light.values:
        said.append(f"备案灯：{Light(kept['light']).label}")
    if kept.get("filed") == "1":
        said.append("已备案")
    return {"query": urlencode(kept), "said": "、".join(said)}


def _expiring(user, today):
    """Each document with its own jurisdiction's warning period (not the reader's)."""
    return list(queries.expiring(_docs(user), today).order_by("valid_until")[:20])


EXPORT_COLUMNS = (
    "文号",
    "登记号",
    "文件名称",
    "制定机关",
    "状态",
    "发布日期",
    "施行日期",
    "有效期至",
    "备案日期",
    "备案期限",
    "备案灯",
)


def export(request):
    rows = [
        (
            d.number,
            d.register_number,
            d.title,
            d.org.name,
            d.get_state_display(),
            d.published_on,
            d.effective_on,
            d.valid_until,
            d.filed_on,
            d.due_on,
            Light(d.light).label if d.due_on else "",
        )
        for d in _filtered(request)
    ]
    return xlsx_response("规范性文件登记簿.xlsx", EXPORT_COLUMNS, rows)


def filing(request):
    """Every unit's 备案 lights: the supervisor's screen (each unit it reads, with counts)."""
    today = timezone.localdate()
    docs = _docs(request.user).filter(state=State.IN_FORCE, published_on__isnull=False)
    by_org = (
        docs.values("org__code", "org__name")
        .annotate(
            red=Count("pk", filter=Q(light=Light.RED, filed_on__isnull=True)),
            yellow=Count("pk", filter=Q(light=Light.YELLOW, filed_on__isnull=True)),
            green=Count("pk", filter=Q(light=Light.GREEN, filed_on__isnull=True)),
            filed=Count("pk", filter=Q(filed_on__isnull=False)),
        )
        .order_by("org__code")
    )
    unfiled = docs.filter(filed_on__isnull=True).order_by("due_on")[:200]
    rule = RULES.in_force("normdocs.filing", today)
    return render(request, "normdocs/filing.html", {"by_org": by_org, "unfiled": unfiled, "rule": rule})


def create(request):
    form = DraftForm(request.user, request.POST or None, request.FILES or None)
    if not form.fields["org"].queryset.exists():
        raise PermissionDenied("只有制定机关的经办人或负责人可以立项规范性文件。")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            doc = services.propose(
                request.user,
                data["org"],
                title=data["title"],
                legal_basis=data["legal_basis"],
                text=data["text"],
                market_related=data["market_related"],
                request=request,
            )
        except engine.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "已立项。")
            return redirect("normdocs:detail", doc.pk)
    return render(request, "normdocs/form.html", {"form": form}, status=400 if form.errors else 200)


def edit(request, pk):
    doc = get_object_or_404(_docs(request.user), pk=pk)
    initial = {name: getattr(doc, name) for name in services.EDITABLE}
    form = DocumentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in services.EDITABLE}
        try:
            services.edit_draft(doc, request.user, request=request, **fields)
        except engine.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "已保存，并留存为新版本。")
            return redirect("normdocs:detail", doc.pk)
    context = {"form": form, "doc": doc}
    return render(request, "normdocs/edit.html", context, status=400 if form.errors else 200)


def _step_form(t, doc):
    if t.key == "submit_review":
        return STEP_FORMS[t.key](prefix=t.key, choices=services.review_orgs(doc))
    return STEP_FORMS[t.key](prefix=t.key)


# 修改 is done by a new document (the 修改 button, `amend`), not by a step on this page.
BY_NEW_DOCUMENT = ("amend",)


def _offered(t, doc) -> bool:
    """A step shown on the page: not 修改 (by a new document), not 备案 once filed."""
    return t.key not in BY_NEW_DOCUMENT and not (t.key == "file" and doc.filed_on)


def detail(request, pk):
    doc = get_object_or_404(_docs(request.user), pk=pk)
    available = [t for t in PROCEDURE.available(doc, request.user) if _offered(t, doc)]
    steps = [(t, _step_form(t, doc)) for t in available]
    events = AuditEvent.objects.filter(subject_type=doc._meta.label_lower, subject_id=doc.pk)
    context = {
        "doc": doc,
        "steps": steps,
        "findings": textcheck.check(doc.text),
        "marked": marked(doc.text),
        **_consultation(doc),
        "reviews": queries.reviews_with_light(
            doc.reviews.select_related("org"), timezone.localdate()
        ).order_by("pk"),
        "versions": doc.versions.order_by("-seq"),
        "events": events.order_by("at", "pk"),
        "clocks": clocks_of(doc).order_by("pk"),
        "procedure": PROCEDURE,
        "can_edit": doc.state in services.EDITABLE_STATES and access.can_write(request.user, doc.org),
        **_relations(request.user, doc),
        "rules": [RULES.in_force(key, timezone.localdate()) for key in LOCAL_RULES],
    }
    return render(request, "normdocs/detail.html", context)


def _consultation(doc) -> dict:
    """The portal consultation, its counts, and the staff screen where comments are decided
    (every one must be, before the consultation closes with its 采纳情况)."""
    found = consultation.of(doc)
    comments_url = reverse("consultation-comments", args=[found.pk]) if found else None
    counts = found.counts() if found else None
    return {"consultation": found, "consultation_counts": counts, "comments_url": comments_url}


def _relations(user, doc) -> dict:
    """本文件修改了… / 已被…修改 (or a draft amending it still in progress), and whether
    `user` may start amending it now."""
    amendments = list(services.amendments_of(doc).filter(pk__in=_docs(user).values("pk")))
    replaced = _docs(user).filter(pk=doc.replaces_id).first() if doc.replaces_id else None
    pending = [d for d in amendments if d.state not in PUBLISHED_STATES]
    return {
        "replaced": replaced,
        "amended_by": [d for d in amendments if d.state in PUBLISHED_STATES],
        "pending_amendments": pending,
        "can_amend": doc.state == State.IN_FORCE and not pending and _is_drafter(user, doc),
    }


def _is_drafter(user, doc) -> bool:
    return bool(access.roles_toward(user, doc.org) & set(DRAFTERS))


def amend(request, pk):
    """修改: a new draft that replaces this in-force document, prefilled with its title and
    text; it goes through the whole procedure, and its publication makes this one 已修改."""
    doc = _amendable(request, pk)
    if doc.state != State.IN_FORCE:
        messages.error(request, f"该文件{doc.get_state_display()}，只能修改现行有效的文件。")
        return redirect("normdocs:detail", doc.pk)
    initial = {name: getattr(doc, name) for name in services.EDITABLE}
    form = DocumentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in services.EDITABLE}
        try:
            draft = services.propose(request.user, doc.org, replaces=doc, request=request, **fields)
        except engine.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"已立项修改文件，公布后「{doc.title}」即标记为已修改。")
            return redirect("normdocs:detail", draft.pk)
    context = {"form": form, "doc": doc}
    return render(request, "normdocs/amend.html", context, status=400 if form.errors else 200)


def _amendable(request, pk):
    """A published document (the public reads it anyway) whose issuing body the user drafts for."""
    doc = get_object_or_404(Document.objects.published().select_related("org"), pk=pk)
    if not _is_drafter(request.user, doc):
        raise PermissionDenied(f"只有{doc.org.name}的经办人或负责人可以修改该机关的规范性文件。")
    return doc


def marked(text: str) -> list[tuple[str, object]]:
    """The text cut into plain parts and findings, for the screen to mark (escaped by the template)."""
    parts, at = [], 0
    for f in textcheck.check(text):
        if f.start < at:
            continue  # overlapping findings: the first one is marked
        parts += [(text[at : f.start], None), (f.phrase, f)]
        at = f.end
    return parts + [(text[at:], None)]


@require_POST
def step(request, pk, key):
    doc = get_object_or_404(_docs(request.user), pk=pk)
    if key not in STEP_FORMS:
        raise Http404
    kwargs = {"choices": services.review_orgs(doc)} if key == "submit_review" else {}
    form = STEP_FORMS[key](request.POST, prefix=key, **kwargs)
    if not form.is_valid():
        errors = "；".join("，".join(errs) for errs in form.errors.values())
        return _refused(request, doc, f"请检查填写的内容：{errors}")
    try:
        _run(doc, request, key, form.cleaned_data)
    except engine.Refused as refusal:
        return _refused(request, doc, str(refusal), status=409)
    messages.success(request, f"已{PROCEDURE.transition(key).label}。")
    return redirect("normdocs:detail", doc.pk)


VERBS = {
    "draft": services.start_drafting,
    "consult": services.consult,
    "submit_review": services.submit_review,
    "fair_competition": services.fair_competition,
    "revise": services.revise,
    "decide": services.decide,
    "issue": services.issue,
    "publish": services.publish,
    "file": services.file,
    "amend": services.amend,
    "repeal": services.repeal,
    "expire": services.expire,
    "withdraw": services.withdraw,
}


def _run(doc, request, key, data):
    return VERBS[key](doc, request.user, request=request, **data)


def _refused(request, doc, message, status=400):
    messages.error(request, message)
    response = detail(request, doc.pk)
    response.status_code = status
    return response


# --- 合法性审核 (the reviewing body's screen) -------------------------------------------------


def _reviews(user):
    reviews = LegalityReview.objects.visible_to(user).select_related("org", "document", "document__org")
    return queries.reviews_with_light(reviews, timezone.localdate())


def review_list(request):
    reviews = _reviews(request.user).order_by("state", "-pk")
    page = Paginator(reviews, 30).get_page(request.GET.get("page"))
    return render(request, "normdocs/reviews.html", {"page": page})


def review(request, pk):
    item = get_object_or_404(_reviews(request.user), pk=pk)
    findings = textcheck.check(item.document.text)
    form = ConcludeForm(request.POST or None, findings=findings, prefix="conclude")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.conclude_review(
                    item,
                    request.user,
                    outcome=data["outcome"],
                    opinion=data["opinion"],
                    rulings=form.rulings(),
                    request=request,
                )
            except engine.Refused as refusal:
                messages.error(request, str(refusal))
                status = 409
            else:
                messages.success(request, "已出具审核意见。")
                return redirect("normdocs:review", item.pk)
        else:
            status = 400
    context = {
        "review": item,
        "doc": item.document,
        "form": form,
        "findings": findings,
        "marked": marked(item.document.text),
        "can_conclude": bool(REVIEW_PROCEDURE.available(item, request.user)),
        "clocks": clocks_of(item),
        "minimum": amount_for(REVIEW_MINIMUM, item.org, item.submitted_on),
        "maximum": amount_for(REVIEW, item.org, item.submitted_on),
        "basis": REVIEW.cite,
    }
    return render(request, "normdocs/review.html", context, status=status)


# --- 清理 ------------------------------------------------------------------------------------


def cleanup_list(request):
    campaigns = CleanupCampaign.objects.visible_to(request.user).select_related("org").order_by("-pk")
    form = CleanupForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.start_cleanup(
                request.user, form.cleaned_data["org"], title=form.cleaned_data["title"], request=request
            )
        except engine.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            return redirect("normdocs:cleanup", campaign.pk)
    can_start = form.fields["org"].queryset.exists()
    return render(
        request, "normdocs/cleanups.html", {"campaigns": campaigns, "form": form, "can_start": can_start}
    )


def _campaign(request, pk):
    return get_object_or_404(CleanupCampaign.objects.visible_to(request.user), pk=pk)


def cleanup(request, pk):
    campaign = _campaign(request, pk)
    entries = campaign.entries.select_related("document", "org").order_by("org__path", "document__number")
    return render(
        request,
        "normdocs/cleanup.html",
        {"campaign": campaign, "entries": entries, "form": CleanupEntryForm()},
    )


@require_POST
def cleanup_decide(request, pk, entry_pk):
    campaign = _campaign(request, pk)
    entry = get_object_or_404(CleanupEntry, pk=entry_pk, campaign=campaign)
    form = CleanupEntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择清理结果并说明理由。")
        return redirect("normdocs:cleanup", campaign.pk)
    try:
        services.record_cleanup(entry, request.user, request=request, **form.cleaned_data)
    except engine.Refused as refusal:
        messages.error(request, str(refusal))
    return redirect("normdocs:cleanup", campaign.pk)


CLEANUP_COLUMNS = (
    "序号",
    "文号",
    "文件名称",
    "制定机关",
    "施行日期",
    "有效期至",
    "清理结果",
    "理由",
    "决定日期",
)


def cleanup_export(request, pk):
    campaign = _campaign(request, pk)
    entries = campaign.entries.select_related("document", "org").order_by("org__path", "document__number")
    rows = [
        (
            i,
            e.document.number,
            e.document.title,
            e.org.name,
            e.document.effective_on,
            e.document.valid_until,
            e.get_decision_display() if e.decision else "待定",
            e.reason,
            e.decided_on,
        )
        for i, e in enumerate(entries, 1)
    ]
    return xlsx_response(f"{campaign.title}清理结果.xlsx", CLEANUP_COLUMNS, rows)
