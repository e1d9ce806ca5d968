"""公开征求意见 on the portal: the open drafts, each with a comment form, and the published
采纳情况 once closed. Comments change only through `fazhi.core.consultation`; the authors'
names and contacts are never shown here. What the public typed is stored as plain text and
always shown escaped."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from fazhi.core import consultation as consultations
from fazhi.core.models import Consultation, ConsultationState

from . import throttle, views
from .views import page, public

COMMENT_LIMIT = ("FAZHI_PORTAL_COMMENT_PER_HOUR", 10)  # comments per address per hour


class CommentForm(forms.Form):
    body = forms.CharField(
        label="意见内容",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"请直接写明您的意见和理由，不超过{consultations.BODY_MAX}字。意见以纯文本保存。",
        error_messages={"required": "请填写意见内容。"},
    )
    name = forms.CharField(label="姓名（选填）", max_length=100, required=False)
    contact = forms.CharField(
        label="联系方式（选填）",
        max_length=100,
        required=False,
        help_text="便于我们就您的意见与您联系。姓名和联系方式不会在网上公开。",
        error_messages={"max_length": "联系方式不能超过100字。"},
    )
    # A field people do not see: a robot that fills every field fills this one too.
    website = forms.CharField(label="网站", required=False)

    def clean_body(self):
        try:
            return consultations.clean_body(self.cleaned_data["body"])
        except consultations.ConsultationError as error:
            raise forms.ValidationError(str(error)) from None


def _listed():
    return Consultation.objects.select_related("org").annotate(
        received=Count("comments", filter=Q(comments__hidden=False)),
        adopted_count=Count("comments", filter=Q(comments__hidden=False, comments__adopted=True)),
    )


@public
def consultations_list(request):
    day = views.today()
    rows = _listed()
    open_now = rows.filter(state=ConsultationState.OPEN, opens_on__lte=day, closes_on__gte=day)
    closed = Paginator(
        rows.filter(state=ConsultationState.CLOSED).order_by("-closed_on", "-pk"), 20
    ).get_page(request.GET.get("page"))
    context = {"open_now": open_now.order_by("closes_on", "pk"), "closed": closed, "today": day}
    return page(request, "portal/consultations.html", context)


@public
@never_cache
def consultation_detail(request, pk):
    found = get_object_or_404(_listed().exclude(opens_on__gt=views.today()), pk=pk)
    form = CommentForm(request.POST if request.method == "POST" else None)
    context = {"c": found, "form": form, "today": views.today(), "is_open": found.is_open_on(views.today())}
    context["paragraphs"] = [line.strip() for line in found.text.splitlines() if line.strip()]
    if request.method != "POST":
        return page(request, "portal/consultation.html", context)
    if not context["is_open"]:
        return page(request, "portal/consultation.html", {**context, "closed_now": True}, 400)
    if not form.is_valid():
        return page(request, "portal/consultation.html", context, 400)
    if form.cleaned_data["website"]:  # the honeypot: answer as if accepted, keep nothing
        return page(request, "portal/consultation.html", {**context, "thanks": True, "form": CommentForm()})
    return _take_comment(request, found, form, context)


def _take_comment(request, found, form, context):
    ip = throttle.client_ip(request)
    verdict = throttle.take("comment", throttle.bucket(ip), throttle.limit(*COMMENT_LIMIT))
    if not verdict.allowed:
        limit = throttle.limit(*COMMENT_LIMIT)
        response = page(
            request, "portal/consultation.html", {**context, "throttled": True, "limit": limit}, 429
        )
        response["Retry-After"] = str(verdict.retry_after)
        return response
    data = form.cleaned_data
    try:
        consultations.comment(
            found, body=data["body"], name=data["name"], contact=data["contact"], ip=ip, on=views.today()
        )
    except consultations.ConsultationError as error:
        form.add_error("body", str(error))
        return page(request, "portal/consultation.html", context, 400)
    return page(request, "portal/consultation.html", {**context, "thanks": True, "form": CommentForm()})
