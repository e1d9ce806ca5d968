"""依申请公开 forms: registering a request received on paper, and one form per step.

Dates a clerk records (收到日期, 收到补正日期, 意见收到日期) may lie in the past — paper
arrives before it is entered — but never in the future, and never before the last date on
which the reply period moved: a clock cannot restart or resume before it paused.
"""

import datetime

from django import forms
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access, workdays
from fazhi.core.clocks import clocks_of
from fazhi.core.models import Org, Role

from .procedure import (
    AFTER_CORRECTION_PERIOD,
    AFTER_FEE_PERIOD,
    CONSULTATION_RULES,
    CORRECTION_NOTICE,
    DELIVERY_METHODS,
    FEE_SCALES,
    GROUP_NAMES,
    GROUPS,
    ONCE,
    OUTCOMES,
    REPLY,
    SINCE,
    ApplicantType,
    Channel,
    DeliveryForm,
    FeeMethod,
    fee_clock,
    information_fee,
)

# 信函、传真、当面: what a clerk registers; online requests arrive through the portal.
PAPER_CHANNELS = [(c.value, c.label) for c in (Channel.IN_PERSON, Channel.LETTER, Channel.FAX)]
REGISTRARS = (Role.CLERK, Role.HEAD)


def cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput, help_text=help_text)


def text_area(label: str, rows: int = 3, required: bool = True, help_text: str = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows})
    return forms.CharField(label=label, widget=widget, required=required, help_text=help_text)


def registrar_orgs(user):
    """The agencies where `user` may register a request: its own, as clerk or head."""
    ids = [m.org_id for m in access.memberships(user) if m.role in REGISTRARS]
    return Org.objects.filter(pk__in=ids).order_by("path")


def not_in_future(day: datetime.date) -> None:
    if day > timezone.localdate():
        raise forms.ValidationError("日期不能晚于今天。")


# --- registering ------------------------------------------------------------------------------

phone_format = RegexValidator(r"^[0-9０-９+()（）\- ]{5,40}$", "联系电话只能包含数字、空格和 + - ( )。")

RECEIVED_HELP = (
    "条例第三十一条：当面提交的，以提交之日为收到日期；以邮寄方式提交的，以签收之日为收到日期；"
    "以平常信函等无需签收的邮寄方式提交的，以与申请人确认之日为收到日期；以传真方式提交的，以双方确认之日为收到日期。"
)


class RegisterForm(forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="受理机关", empty_label="请选择")
    channel = forms.ChoiceField(label="申请方式", choices=PAPER_CHANNELS)
    received_on = date_field("收到日期", help_text=RECEIVED_HELP)
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    applicant_name = forms.CharField(
        label="申请人", max_length=100, help_text="自然人填写姓名；法人或者其他组织填写名称。"
    )
    id_number = forms.CharField(
        label="证件号码", max_length=40, required=False, help_text="身份证明（条例第二十九条）。"
    )
    phone = forms.CharField(label="联系电话", max_length=40, required=False, validators=[phone_format])
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    description = text_area(
        "申请内容", rows=5, help_text="申请公开的政府信息的名称、文号或者便于查询的其他特征性描述。"
    )
    delivery_form = forms.ChoiceField(
        label="获取信息的方式", choices=DeliveryForm.choices, initial=DeliveryForm.ELECTRONIC
    )

    SECTIONS = (  # title, note, fields
        ("申请", "", ("org", "channel", "received_on")),
        (
            "申请人",
            "联系电话、电子邮箱、通信地址至少填写一项，用于送达答复。",
            ("applicant_type", "applicant_name", "id_number", "phone", "email", "address"),
        ),
        ("所需信息", "", ("description", "delivery_form")),
    )

    WIDE = ("description",)  # fields that take the form's whole width

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.orgs = list(registrar_orgs(user))
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["received_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["org"].queryset = registrar_orgs(user)
        if len(self.orgs) < 2:
            del self.fields["org"]

    def sections(self):
        return [
            (title, note, [self[name] for name in names if name in self.fields])
            for title, note, names in self.SECTIONS
        ]

    def chosen_org(self) -> Org:
        return self.cleaned_data.get("org") or self.orgs[0]

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        not_in_future(day)
        if day < SINCE:
            raise forms.ValidationError("收到日期不能早于2019年5月15日（现行条例施行之日）。")
        try:
            workdays.day(day)
        except workdays.CalendarUnknown as unknown:
            raise forms.ValidationError(str(unknown)) from None
        return day

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("phone", "email", "address")) and not self.has_error("phone"):
            self.add_error("phone", "请至少填写一种联系方式（联系电话、电子邮箱或通信地址），以便送达答复。")
        return data


# --- steps ------------------------------------------------------------------------------------


def reply_clock(item):
    return clocks_of(item).filter(rule_key=REPLY.key).order_by("-pk").first()


def last_moved_on(item) -> datetime.date:
    """The last day the reply period moved: paused, restarted, resumed or started."""
    clock = reply_clock(item)
    if clock is None:
        return item.received_on
    return clock.paused_on or clock.base_on or item.received_on


class StepForm(forms.Form):
    """A step's form; `item` is the request, for the dates a step may not precede."""

    gates = ()  # the procedure's gates that need no input: shown as the reason a step waits

    def __init__(self, item, *args, **kwargs):
        self.item = item
        super().__init__(*args, **kwargs)

    def hint(self) -> str:
        return ""

    def blocked(self) -> str:
        """Why the engine would refuse this step today, before anything is filled in."""
        today = timezone.localdate()
        failed = [g for g in self.gates if not g.passes(self.item, {}, today)]
        return f"{failed[0].message}（依据：{failed[0].cite}）" if failed else ""

    def day_after_last_move(self, name: str) -> datetime.date | None:
        day = self.cleaned_data.get(name)
        if day is None:
            return None
        not_in_future(day)
        floor = last_moved_on(self.item)
        if day < floor:
            raise forms.ValidationError(f"不能早于{cn(floor)}（答复期限上一次起算或暂停的日期）。")
        return day


class CorrectionForm(StepForm):
    note = text_area("需要补正的事项", rows=3, help_text="一次性告知申请人需要补正的全部事项。")
    due_on = date_field("补正期限", help_text="本机关确定的合理期限；逾期无正当理由不补正的，视为放弃申请。")
    notified_on = date_field("告知日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notified_on"].initial = timezone.localdate()

    def hint(self) -> str:
        clock = clocks_of(self.item).filter(rule_key=CORRECTION_NOTICE.key).first()
        if clock is None or clock.due_on is None:
            return ""
        days = CORRECTION_NOTICE.amount
        return f"补正告知期限至{cn(clock.due_on)}（收到申请之日起{days}个工作日内一次性告知）。"

    def clean_notified_on(self):
        return self.day_after_last_move("notified_on")

    def clean(self):
        data = super().clean()
        if data.get("due_on") and data.get("notified_on") and data["due_on"] <= data["notified_on"]:
            self.add_error("due_on", "补正期限应晚于告知日期。")
        return data


class CorrectionReceivedForm(StepForm):
    received_on = date_field("收到补正日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()

    def clean_received_on(self):
        return self.day_after_last_move("received_on")


class AbandonForm(StepForm):
    gates = (AFTER_CORRECTION_PERIOD,)

    def hint(self) -> str:
        due = self.item.correction_due_on
        return f"补正期限为{cn(due)}。" if due else ""


class ConsultForm(StepForm):
    party_label = "第三方"
    party = forms.CharField(max_length=200)
    sent_on = date_field("发出征求意见日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].label = self.party_label
        self.fields["sent_on"].initial = timezone.localdate()

    def clean_sent_on(self):
        return self.day_after_last_move("sent_on")


class AgencyConsultForm(ConsultForm):
    party_label = "被征求意见机关"


def consultation_clock(item):
    return clocks_of(item).filter(rule_key__in=CONSULTATION_RULES).exclude(state="stopped").first()


class ConsultationEndedForm(StepForm):
    answered_on = date_field("意见收到日期", required=False)
    lapsed = forms.BooleanField(label="征求意见期满未答复", required=False)

    def hint(self) -> str:
        clock = consultation_clock(self.item)
        if clock is None or clock.due_on is None:
            return ""
        return f"{self.item.consulted_party}提出意见的期限至{cn(clock.due_on)}届满。"

    def clean_answered_on(self):
        return self.day_after_last_move("answered_on")

    def clean(self):
        data = super().clean()
        if data.get("lapsed"):
            data["answered_on"] = None
            self._check_lapsed()
        elif not data.get("answered_on") and not self.has_error("answered_on"):
            self.add_error("answered_on", "请填写意见收到日期，或者勾选“征求意见期满未答复”。")
        return data

    def _check_lapsed(self):
        clock = consultation_clock(self.item)
        if clock is not None and clock.due_on is not None and clock.due_on >= timezone.localdate():
            self.add_error("lapsed", f"征求意见期限至{cn(clock.due_on)}届满，尚未期满。")


def scale_text(scale) -> str:
    """ "10件以下免费；11—30件100元/件；31件起每10件一档、每档提高100元/件" from the data."""
    unit = "件" if scale.method == FeeMethod.BY_REQUEST else "页"
    parts, low = [], 1
    for upto, price in scale.bands:
        span = f"{low}—{upto}{unit}" if upto is not None else f"{low}{unit}以上"
        parts.append(f"{span}{'免费' if price == 0 else f'{price}元/{unit}'}")
        low = (upto or 0) + 1
    if scale.step:
        parts.append(f"{low}{unit}起每{scale.step}{unit}一档、每档提高{scale.rise}元/{unit}")
    return "；".join(parts)


class FeeNoticeForm(StepForm):
    method = forms.ChoiceField(
        label="计收方式", choices=FeeMethod.choices, help_text="一件申请只适用一种计收方式。"
    )
    quantity = forms.IntegerField(
        label="计费数量",
        min_value=1,
        help_text="按件：申请人本自然月内累计申请件数（含本件）；按量：所需提供信息的页数。",
    )
    notified_on = date_field("通知日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notified_on"].initial = timezone.localdate()

    def hint(self) -> str:
        return "收费标准（超额累进）：" + "。".join(
            f"{FeeMethod(m).label}：{scale_text(s)}" for m, s in FEE_SCALES.items()
        )

    def clean_notified_on(self):
        return self.day_after_last_move("notified_on")

    def clean(self):
        data = super().clean()
        if (
            data.get("method")
            and data.get("quantity")
            and not information_fee(data["method"], data["quantity"])
        ):
            self.add_error("quantity", "按收费标准不收费，不需要发出收费通知。")
        return data


class FeePaidForm(StepForm):
    paid_on = date_field("到账日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()

    def hint(self) -> str:
        return fee_hint(self.item)

    def clean_paid_on(self):
        return self.day_after_last_move("paid_on")


def fee_hint(item) -> str:
    clock = fee_clock(item)
    due = f"，缴费期限至{cn(clock.due_on)}" if clock is not None and clock.due_on else ""
    return f"应缴信息处理费{item.fee_amount}元（{item.fee_basis}）{due}。"


class FeeUnpaidForm(StepForm):
    gates = (AFTER_FEE_PERIOD,)

    def hint(self) -> str:
        return fee_hint(self.item)


class ExtendForm(StepForm):
    gates = (ONCE,)
    reason = text_area("延期理由")


def outcome_choices():
    grouped = [
        (
            f"{group[:3]}{GROUP_NAMES[group]}",
            [(o.code, option_label(o)) for o in OUTCOMES if o.group == group],
        )
        for group in GROUPS
    ]
    return [("", "请选择处理结果"), *grouped]


def option_label(outcome) -> str:
    return f"{outcome.item or GROUP_NAMES[outcome.group]}（{outcome.cite}）"


class ProposeForm(StepForm):
    outcome = forms.ChoiceField(label="处理结果", choices=outcome_choices)
    letter = text_area(
        "答复书",
        rows=8,
        required=False,
        help_text="可以留空：按所选处理结果的模板生成答复书，引用相应条款并写明救济途径。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        preview = reverse("disclosure:request-letter-preview", args=[self.item.pk])
        self.fields["outcome"].widget.attrs.update(
            {"hx-get": preview, "hx-trigger": "change", "hx-target": "#letter-preview"}
        )


class SendBackForm(StepForm):
    reason = text_area("退回理由")


class DeliverForm(StepForm):
    method = forms.ChoiceField(label="送达方式", choices=DELIVERY_METHODS)

    BY_CHANNEL = {Channel.IN_PERSON: "in_person", Channel.LETTER: "post", Channel.FAX: "fax"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].initial = self.BY_CHANNEL.get(self.item.channel, "online")


STEP_FORMS = {
    "accept": StepForm,
    "request_correction": CorrectionForm,
    "correction_received": CorrectionReceivedForm,
    "abandon": AbandonForm,
    "consult_third_party": ConsultForm,
    "consult_agency": AgencyConsultForm,
    "consultation_ended": ConsultationEndedForm,
    "fee_notice": FeeNoticeForm,
    "fee_paid": FeePaidForm,
    "fee_unpaid": FeeUnpaidForm,
    "extend": ExtendForm,
    "propose_reply": ProposeForm,
    "send_back": SendBackForm,
    "sign": StepForm,
    "deliver": DeliverForm,
    "archive": StepForm,
}
