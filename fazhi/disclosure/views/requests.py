"""依申请公开 screens (staff). Reads go through `visible_to`; every change is a service call,
which the engine checks (state, role, the law's gates) and refuses in Chinese with its article."""

import io
import re
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.core import access, engine, workdays, worklist
from fazhi.core.audit import Actor
from fazhi.core.clocks import clocks_of, yellow_line
from fazhi.core.exports import xlsx_response
from fazhi.core.models import AuditEvent, Clock, Light, Role
from fazhi.core.rules import RULES

from .. import letters
from ..forms_requests import STEP_FORMS, RegisterForm, registrar_orgs
from ..models import DisclosureRequest
from ..procedure import OUTCOME_BY_CODE, PROCEDURE, REPLY, ApplicantType, State
from ..queries import with_reply_light
from ..services import requests as services

SUBJECT = DisclosureRequest._meta.label_lower
PER_PAGE = 30
LIGHT_CHOICES = [
    (light.value, light.label) for light in (Light.RED, Light.YELLOW, Light.GREEN, Light.PAUSED, Light.DONE)
]
AGENCY_ROLES = {Role.CLERK, Role.REVIEWER, Role.HEAD}


# --- reading ----------------------------------------------------------------------------------


def _requests(user):
    requests = DisclosureRequest.objects.visible_to(user).select_related("org")
    return with_reply_light(requests, timezone.localdate())


def _chosen(request) -> dict:
    state, light = request.GET.get("state", ""), request.GET.get("light", "")
    return {
        "state": state if state in State.values else "",
        "light": light if light in dict(LIGHT_CHOICES) else "",
    }


def _filtered(request):
    chosen = _chosen(request)
    requests = _requests(request.user).order_by("-received_on", "-pk")
    if chosen["state"]:
        requests = requests.filter(state=chosen["state"])
    if chosen["light"]:
        requests = requests.filter(pk__in=_lit(chosen["light"]))
    return requests, chosen


def _lit(light: str):
    """The ids of requests whose reply clock shows `light`: conditions the clock index serves."""
    today = timezone.localdate()
    clocks = Clock.objects.filter(subject_type=SUBJECT, rule_key=REPLY.key)
    return clocks.lit(light, today, yellow_line(today)).values("subject_id")


def _query(chosen: dict, **change) -> str:
    return "?" + urlencode({k: v for k, v in {**chosen, **change}.items() if v})


# --- personal data: the agency's own staff see it; supervisors above see it masked ------------

MASKS = {"applicant_name": (1, 0), "id_number": (4, 4), "phone": (3, 4), "email": (2, 0), "address": (6, 0)}


def mask(text: str, keep_start: int, keep_end: int) -> str:
    if not text:
        return text
    if len(text) <= keep_start + keep_end:
        keep_start, keep_end = min(1, len(text) - 1), 0
    hidden = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * max(hidden, 1) + (text[len(text) - keep_end :] if keep_end else "")


def is_agency_staff(user, item) -> bool:
    return bool(access.roles_toward(user, item.org) & AGENCY_ROLES)


def shown_letter(item, user) -> str:
    """The reply letter, with a natural person's name masked for readers outside the agency."""
    name = person(item, user)["applicant_name"]
    return item.letter.replace(item.applicant_name, name) if name != item.applicant_name else item.letter


def person(item, user) -> dict:
    shown = {name: getattr(item, name) for name in MASKS}
    if is_agency_staff(user, item):
        return shown
    masked = {name: mask(value, *MASKS[name]) for name, value in shown.items()}
    if item.applicant_type != ApplicantType.NATURAL_PERSON:
        masked["applicant_name"] = item.applicant_name  # 法人或者其他组织的名称不是个人信息
    return masked


# --- list and export --------------------------------------------------------------------------


def _distances(requests) -> dict:
    today = timezone.localdate()
    ordinals = worklist.ordinals_for([today, *(r.due_on for r in requests if r.due_on)])
    return {r.pk: _distance(r, today, ordinals) or _standing(r) for r in requests}


def _distance(r, today, ordinals) -> str:
    """ "剩余N个工作日" / "已超期N个工作日" for a running clock (a request's or a clock row)."""
    if r.light in (Light.RED, Light.YELLOW, Light.GREEN):
        return worklist.distance_label(today, r.due_on, ordinals)
    return ""


def _standing(r) -> str:
    """Where a request's reply period stands when it is not counting."""
    if r.light == Light.PAUSED:
        return PAUSED_STANDING.get(r.state, "暂停计算")
    if r.light == Light.DONE and r.replied_on and r.due_on:
        return "按期答复" if r.replied_on <= r.due_on else "逾期答复"
    return ""


PAUSED_STANDING = {
    State.AWAITING_CORRECTION: "补正后重新计算",
    State.CONSULTING: "征求意见期间不计入",
    State.AWAITING_FEE: "缴费期间不计入",
}


def _rows(requests, user) -> list:
    requests = list(requests)
    distances = _distances(requests)
    return [(r, person(r, user)["applicant_name"], distances[r.pk]) for r in requests]


def request_list(request):
    requests, chosen = _filtered(request)
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": _rows(page.object_list, request.user),
        "chosen": chosen,
        "state_links": [(v, label, _query(chosen, state=v)) for v, label in [("", "全部"), *State.choices]],
        "light_links": [(v, label, _query(chosen, light=v)) for v, label in [("", "全部"), *LIGHT_CHOICES]],
        "export_url": _query(chosen),
        "previous_url": _query(chosen, page=page.previous_page_number()) if page.has_previous() else "",
        "next_url": _query(chosen, page=page.next_page_number()) if page.has_next() else "",
        "can_register": registrar_orgs(request.user).exists(),
        "many_orgs": access.readable_orgs(request.user).count() > 1,
    }
    return render(request, "disclosure/requests/list.html", context)


EXPORT_COLUMNS = (
    "申请编号",
    "申请内容",
    "受理机关",
    "申请人",
    "申请人类型",
    "申请方式",
    "收到日期",
    "状态",
    "答复期限",
    "期限状态",
    "剩余",
    "处理结果",
    "答复日期",
)


def export(request):
    """The list as the user sees it (same filters, same access, same masking), as Excel."""
    requests, _ = _filtered(request)
    rows = [
        (
            r.number,
            r.description,
            r.org.name,
            name,
            r.get_applicant_type_display(),
            r.get_channel_display(),
            r.received_on,
            r.get_state_display(),
            r.due_on,
            Light(r.light).label,
            distance,
            r.get_outcome_display(),
            r.replied_on,
        )
        for r, name, distance in _rows(requests, request.user)
    ]
    return xlsx_response("政府信息公开申请.xlsx", EXPORT_COLUMNS, rows)


# --- registering ------------------------------------------------------------------------------


def register(request):
    form = RegisterForm(request.user, request.POST if request.method == "POST" else None)
    if not form.orgs:
        raise PermissionDenied("只有本机关的经办人或负责人可以登记政府信息公开申请。")
    if form.is_bound and form.is_valid() and (item := _register(request, form)):
        messages.success(request, f"已登记申请 {item.number}，答复期限自收到日期次日起计算。")
        return redirect("disclosure:request", item.pk)
    status = 400 if form.errors else 200
    return render(request, "disclosure/requests/form.html", {"form": form}, status=status)


def _register(request, form):
    data = {k: v for k, v in form.cleaned_data.items() if k != "org"}
    try:
        return services.register(
            form.chosen_org(), actor=Actor.of(request.user, request), created_by=request.user, **data
        )
    except workdays.CalendarUnknown as unknown:  # the reply period runs into an unknown year
        form.add_error("received_on", str(unknown))
        return None


# --- the request page -------------------------------------------------------------------------


def request_detail(request, pk):
    return _detail(request, get_object_or_404(_requests(request.user), pk=pk))


# The usual next step first, detours and optional steps after it.
SHOWN_ORDER = (
    "accept",
    "request_correction",
    "correction_received",
    "abandon",
    "propose_reply",
    "consult_third_party",
    "consult_agency",
    "consultation_ended",
    "fee_notice",
    "fee_paid",
    "fee_unpaid",
    "sign",
    "send_back",
    "extend",
    "deliver",
    "archive",
)


def _detail(request, item, bound=None, status=200):
    """The page; `bound` is (step key, form) to show a step's form again with its errors."""
    available = sorted(PROCEDURE.available(item, request.user), key=lambda t: SHOWN_ORDER.index(t.key))
    steps = [
        (t, bound[1] if bound and bound[0] == t.key else STEP_FORMS[t.key](item, prefix=t.key))
        for t in available
    ]
    context = {
        "item": item,
        "person": person(item, request.user),
        "outcome": OUTCOME_BY_CODE.get(item.outcome),
        "distance": _distances([item])[item.pk],
        "steps": steps,
        "stepper": stepper(item),
        "clocks": _clock_rows(item),
        "events": AuditEvent.objects.filter(subject_type=SUBJECT, subject_id=item.pk).order_by("at", "pk"),
        "letter": letter_lines(shown_letter(item, request.user)),
    }
    return render(request, "disclosure/requests/detail.html", context, status=status)


MAIN_PATH = (State.REGISTERED, State.HANDLING, State.AWAITING_SIGNATURE, State.REPLIED, State.DELIVERED)
DETOURS = {
    State.AWAITING_CORRECTION: State.REGISTERED,
    State.CONSULTING: State.HANDLING,
    State.AWAITING_FEE: State.HANDLING,
}


def stepper(item) -> list[tuple[str, str]]:
    """The main path, with 待补正 or 征求意见中 inserted after the state it leaves from when the
    request is there or went through it."""
    taken = {
        State.AWAITING_CORRECTION: bool(item.correction_note) or item.state == State.AWAITING_CORRECTION,
        State.CONSULTING: bool(item.consulted_party) or item.state == State.CONSULTING,
        State.AWAITING_FEE: bool(item.fee_method) or item.state == State.AWAITING_FEE,
    }
    # 逾期未补正 answers straight from 待补正: no handling, no signature; 逾期未缴费 from 待缴费.
    skipped = {
        "no_correction": (State.HANDLING, State.AWAITING_SIGNATURE),
        "fee_unpaid": (State.AWAITING_SIGNATURE,),
    }.get(item.outcome, ())
    path = []
    for state in (s for s in (*MAIN_PATH, State.ARCHIVED) if s not in skipped):
        path.append(state)
        path += [detour for detour, after in DETOURS.items() if after == state and taken[detour]]
    return [(s.value, s.label) for s in path]


def _clock_rows(item) -> list:
    today = timezone.localdate()
    clocks = list(clocks_of(item).with_light(today, yellow_line(today)).order_by("pk"))
    ordinals = worklist.ordinals_for([today, *(c.due_on for c in clocks if c.due_on)])
    return [(c, RULES.version(c.rule_key, c.rule_since), _distance(c, today, ordinals)) for c in clocks]


# --- steps ------------------------------------------------------------------------------------

RUNNERS = {
    "accept": lambda i, u, d, h: services.accept(i, u, http=h),
    "request_correction": lambda i, u, d, h: services.request_correction(
        i, u, note=d["note"], due_on=d["due_on"], on=d["notified_on"], http=h
    ),
    "correction_received": lambda i, u, d, h: services.correction_received(i, u, on=d["received_on"], http=h),
    "abandon": lambda i, u, d, h: services.abandon(i, u, http=h),
    "consult_third_party": lambda i, u, d, h: services.consult(
        i, u, third_party=True, party=d["party"], on=d["sent_on"], http=h
    ),
    "consult_agency": lambda i, u, d, h: services.consult(
        i, u, third_party=False, party=d["party"], on=d["sent_on"], http=h
    ),
    "consultation_ended": lambda i, u, d, h: services.consultation_ended(
        i, u, answered_on=d["answered_on"], http=h
    ),
    "fee_notice": lambda i, u, d, h: services.fee_notice(
        i, u, method=d["method"], quantity=d["quantity"], on=d["notified_on"], http=h
    ),
    "fee_paid": lambda i, u, d, h: services.fee_paid(i, u, on=d["paid_on"], http=h),
    "fee_unpaid": lambda i, u, d, h: services.fee_unpaid(i, u, http=h),
    "extend": lambda i, u, d, h: services.extend(i, u, reason=d["reason"], http=h),
    "propose_reply": lambda i, u, d, h: services.propose_reply(
        i, u, outcome=d["outcome"], letter=d["letter"].strip(), http=h
    ),
    "send_back": lambda i, u, d, h: services.send_back(i, u, reason=d["reason"], http=h),
    "sign": lambda i, u, d, h: services.sign(i, u, http=h),
    "deliver": lambda i, u, d, h: services.deliver(i, u, method=d["method"], http=h),
    "archive": lambda i, u, d, h: services.archive(i, u, http=h),
}


@require_POST
def step(request, pk, key):
    item = get_object_or_404(_requests(request.user), pk=pk)
    if key not in STEP_FORMS:
        raise Http404
    form = STEP_FORMS[key](item, request.POST, prefix=key)
    if not form.is_valid():
        messages.error(request, f"请检查填写的内容：{_errors(form)}")
        return _detail(request, item, (key, form), status=400)
    try:
        RUNNERS[key](item, request.user, form.cleaned_data, request)
    except engine.Refused as refusal:
        messages.error(request, str(refusal))
        return _detail(request, item, (key, form), status=409)
    messages.success(request, f"已{PROCEDURE.transition(key).label}。")
    return redirect("disclosure:request", item.pk)


def _errors(form) -> str:
    return "；".join(
        f"{form.fields[name].label}：{'，'.join(errors)}" if name in form.fields else "，".join(errors)
        for name, errors in form.errors.items()
    )


# --- the reply letter: preview, page, Word ----------------------------------------------------


@require_GET
def letter_preview(request, pk):
    """The template letter of the chosen outcome (htmx, as the clerk picks an outcome)."""
    item = get_object_or_404(_requests(request.user), pk=pk)
    outcome = OUTCOME_BY_CODE.get(request.GET.get("propose_reply-outcome", ""))
    lines = letter_lines(letters.reply_letter(item, outcome)) if outcome else []
    context = {"letter": lines, "outcome": outcome}
    return render(request, "disclosure/requests/_letter_preview.html", context)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter_docx(request, pk):
    item = get_object_or_404(_requests(request.user), pk=pk)
    if not item.letter:
        raise Http404
    response = HttpResponse(docx_of_letter(shown_letter(item, request.user)), content_type=DOCX)
    filename = quote(f"{item.number}答复书.docx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


NUMBER_LINE = re.compile(r"〔\d{4}〕\d+号$")
INDENT = "　 "  # full-width and ordinary spaces opening a paragraph


def letter_lines(text: str) -> list[tuple[str, str]]:
    """Each line of a letter with its part: title, number, body (indented), signature (the
    lines after the last body paragraph) or plain (the salutation)."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    body = [i for i, line in enumerate(lines) if line[:1] in INDENT]
    last_body = body[-1] if body else len(lines)
    return [(_part(i, line, last_body), line.lstrip(INDENT)) for i, line in enumerate(lines)]


def _part(i: int, line: str, last_body: int) -> str:
    if i == 0:
        return "title"
    if i == 1 and NUMBER_LINE.search(line):
        return "number"
    if line[:1] in INDENT:
        return "body"
    return "signature" if i > last_body else "plain"


# 公文 layout (GB/T 9704-2012): A4; margins 37/35/28/26 mm; title 方正小标宋简体 二号 (22 pt),
# body 仿宋_GB2312 三号 (16 pt), fixed 28 pt lines, paragraphs indented two characters.
TITLE_FONT, BODY_FONT = "方正小标宋简体", "仿宋_GB2312"
BODY_SIZE = 16


def docx_of_letter(text: str) -> bytes:
    document = Document()
    _page(document.sections[0])
    _set_font(document.styles["Normal"].font, document.styles["Normal"].element, BODY_FONT, BODY_SIZE)
    previous = ""
    for part, line in letter_lines(text):
        paragraph = _paragraph(document, part, line)
        if part == "signature" and previous != "signature":
            paragraph.paragraph_format.space_before = Pt(BODY_SIZE * 2)  # 正文与署名之间空两行
        previous = part
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


LAYOUT = {  # part -> (alignment, first-line indent in characters, font, size)
    "title": (WD_ALIGN_PARAGRAPH.CENTER, 0, TITLE_FONT, 22),
    "number": (WD_ALIGN_PARAGRAPH.CENTER, 0, BODY_FONT, BODY_SIZE),
    "body": (WD_ALIGN_PARAGRAPH.JUSTIFY, 2, BODY_FONT, BODY_SIZE),
    "plain": (WD_ALIGN_PARAGRAPH.LEFT, 0, BODY_FONT, BODY_SIZE),
    "signature": (WD_ALIGN_PARAGRAPH.RIGHT, 0, BODY_FONT, BODY_SIZE),
}


def _paragraph(document, part: str, line: str):
    alignment, indent, font, size = LAYOUT[part]
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment, fmt.first_line_indent = alignment, Pt(size * indent)
    fmt.line_spacing, fmt.space_before, fmt.space_after = Pt(28 if part != "title" else 36), 0, 0
    if part in ("title", "number"):
        fmt.space_after = Pt(size)
    if part == "signature":
        fmt.right_indent = Pt(BODY_SIZE * 4)  # 成文日期右空四字
    run = paragraph.add_run(line)
    _set_font(run.font, run._element, font, size)
    return paragraph


def _set_font(font, element, name: str, size: int) -> None:
    """Set a Latin and an East Asian font: Word takes Chinese glyphs from w:eastAsia."""
    font.name, font.size = name, Pt(size)
    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
