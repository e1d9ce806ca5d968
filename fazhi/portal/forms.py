"""The application form (第二十九条) and the tracking form, with messages in Chinese."""

import re
import secrets

from django import forms

from fazhi.disclosure.procedure import ApplicantType, DeliveryForm

DESCRIPTION_MAX = 5000
KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
PHONE = re.compile(r"^\+?[0-9()（）\- ]{7,24}$")
ID_CARD = re.compile(r"^[0-9]{17}[0-9X]$")
ID_OTHER = re.compile(r"^[0-9A-Z()（）\-]{5,40}$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

# 自然人, or one of the five kinds of 法人或其他组织 (the columns of the annual report's table 三).
APPLICANT_CHOICES = [
    (ApplicantType.NATURAL_PERSON.value, ApplicantType.NATURAL_PERSON.label),
    ("法人或其他组织", [(t.value, t.label) for t in ApplicantType if t != ApplicantType.NATURAL_PERSON]),
]


def required(message: str) -> dict:
    return {"required": message}


def new_key() -> str:
    return secrets.token_urlsafe(24)


def id_card_checks(number: str) -> bool:
    """The check character of an 18-digit 居民身份证号码 (GB 11643-1999)."""
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17]


class ApplicationForm(forms.Form):
    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=APPLICANT_CHOICES,
        initial=ApplicantType.NATURAL_PERSON,
        error_messages={"required": "请选择申请人类型。", "invalid_choice": "请选择申请人类型。"},
    )
    applicant_name = forms.CharField(
        label="姓名或名称", max_length=100, error_messages=required("请填写姓名或名称。"),
        help_text="自然人填写姓名；法人或其他组织填写单位全称。",
    )  # fmt: skip
    id_number = forms.CharField(
        label="身份证明号码", max_length=40, error_messages=required("请填写身份证明号码。"),
        help_text="自然人填写居民身份证号码或其他有效证件号码；法人或其他组织填写统一社会信用代码。",
    )  # fmt: skip
    phone = forms.CharField(label="联系电话", max_length=40, error_messages=required("请填写联系电话。"))
    email = forms.EmailField(
        label="电子邮箱", required=False, max_length=254,
        error_messages={"invalid": "请填写有效的电子邮箱地址，例如 name@example.com。"},
    )  # fmt: skip
    address = forms.CharField(
        label="通信地址", max_length=200, required=False, help_text="选择纸质文本的，请填写邮寄地址。"
    )
    description = forms.CharField(
        label="所需政府信息的描述",
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="请写明所需政府信息的名称、文号，或者便于查询的其他特征性描述（如制作机关、"
        "事项、时间）。无需说明申请用途。不超过5000字。",
        error_messages={
            "required": "请描述您需要的政府信息。",
            "max_length": "所需政府信息的描述不能超过%(limit_value)d字（现有%(show_value)d字），"
            "请精简，或分成几件申请提交。",
        },
    )
    delivery_form = forms.ChoiceField(
        label="获取信息的方式",
        choices=DeliveryForm.choices,
        initial=DeliveryForm.ELECTRONIC,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的方式。", "invalid_choice": "请选择获取信息的方式。"},
    )
    key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A browser would cut a long pasted text at maxlength without a word; the server
        # refuses it instead, saying how long it is.
        self.fields["description"].widget.attrs.pop("maxlength", None)

    def clean_id_number(self):
        number = re.sub(r"\s", "", self.cleaned_data["id_number"]).upper()
        if ID_CARD.match(number) and not id_card_checks(number):
            raise forms.ValidationError("身份证号码的校验位不正确，请核对后重新填写。")
        if not ID_OTHER.match(number):
            raise forms.ValidationError("证件号码只能包含数字和字母，请核对后重新填写。")
        return number

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = sum(c.isdigit() for c in phone)
        if not PHONE.match(phone) or not 7 <= digits <= 20:
            raise forms.ValidationError("请填写有效的联系电话（手机号码，或带区号的固定电话）。")
        return phone

    def clean_key(self):
        key = self.cleaned_data["key"]
        return key if KEY.match(key) else new_key()

    def clean(self):
        data = super().clean()
        if data.get("delivery_form") == DeliveryForm.PAPER and not data.get("address"):
            self.add_error("address", "选择纸质文本的，请填写通信地址，以便邮寄。")
        return data

    def application(self) -> dict:
        """The fields of the request, as `register()` takes them."""
        return {k: v for k, v in self.cleaned_data.items() if k != "key"}


class TrackForm(forms.Form):
    code = forms.CharField(
        label="查询码",
        max_length=40,
        help_text="提交申请后页面显示的12位查询码，不区分大小写。",
        error_messages={"required": "请输入查询码。", "max_length": "请输入12位查询码。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
