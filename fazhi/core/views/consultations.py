"""公众意见: the staff screen of any system's public consultation, where comments are read,
decided (采纳, or 不予采纳 with its reason), answered and hidden as spam. Authors' names and
contacts are shown here only, never on the portal.

Reading needs the consultation's org to be readable (others get a 404); writing is checked
by `consultation.decide_as` / `hide_as`, and a refusal comes back as a message.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access, worklist
from fazhi.core import consultation as consultations
from fazhi.core.engine import Refused
from fazhi.core.models import Comment, Consultation, ConsultationState


class CommentDecisionForm(forms.Form):
    adopted = forms.TypedChoiceField(
        label="是否采纳",
        choices=(("", "请选择"), ("1", "采纳"), ("0", "不予采纳")),  # no decision taken by default
        coerce=lambda v: v == "1",
        error_messages={"required": "请选择是否采纳。"},
    )
    reply = forms.CharField(
        label="答复",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="不予采纳的，须说明理由。",
    )


def _form_errors(form) -> str:
    return "；".join(
        f"{form.fields[name].label}：{'，'.join(errs)}" if name in form.fields else "，".join(errs)
        for name, errs in form.errors.items()
    )


def _consultation(request, pk) -> Consultation:
    return get_object_or_404(Consultation.objects.visible_to(request.user).select_related("org"), pk=pk)


def comments(request, pk):
    found = _consultation(request, pk)
    answerer = bool(access.roles_toward(request.user, found.org) & set(consultations.ANSWERERS))
    context = {
        "c": found,
        "comments": found.comments.order_by("pk"),
        "counts": found.counts(),
        "form": CommentDecisionForm(),
        "writable": answerer and found.state == ConsultationState.OPEN,
        "subject_link": worklist.subject_link(found.subject_type, found.subject_id),
    }
    return render(request, "core/consultation_comments.html", context)


@require_POST
def comment_decide(request, pk, comment_pk):
    found = _consultation(request, pk)
    comment = get_object_or_404(found.comments.select_related("consultation__org"), pk=comment_pk)
    try:
        _answer(request, comment)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"第{comment.pk}号意见已处理。")
    return redirect("consultation-comments", pk)


def _answer(request, comment: Comment) -> None:
    """屏蔽 / 恢复 when one of those buttons was pressed, otherwise the decision and its answer."""
    if "hide" in request.POST or "unhide" in request.POST:
        consultations.hide_as(request.user, comment, hidden="hide" in request.POST, request=request)
        return
    form = CommentDecisionForm(request.POST)
    if not form.is_valid():
        raise Refused(f"请检查填写的内容：{_form_errors(form)}")
    consultations.decide_as(request.user, comment, request=request, **form.cleaned_data)
