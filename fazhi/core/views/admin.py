"""Settings screens: accounts and roles, API tokens, and the org and calendar imports."""

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access, accounts, audit, holidays, jurisdiction, orgs
from fazhi.core.models import ApiToken, Membership, Role, RuleOverride
from fazhi.core.rules import RULES


class AccountForm(forms.Form):
    username = forms.RegexField(
        r"^[A-Za-z0-9_.-]{2,30}$",
        label="用户名",
        error_messages={"invalid": "用户名只能包含字母、数字、点、下划线和连字符（2至30位）。"},
    )
    full_name = forms.CharField(label="姓名", max_length=30)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, min_length=8)
    org = forms.ModelChoiceField(queryset=None, label="机构", empty_label="请选择")
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    title = forms.CharField(label="职务或所在科室", max_length=60, required=False)

    def __init__(self, admin, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = accounts.manageable_orgs(admin).order_by("path")

    def clean_username(self):
        name = self.cleaned_data["username"]
        if get_user_model().objects.filter(username=name).exists():
            raise ValidationError("该用户名已被使用。")
        return name


class UploadForm(forms.Form):
    file = forms.FileField(label="文件")


def _require_admin(user):
    if not access.is_admin(user):
        raise PermissionDenied("只有管理员可以进行此项设置。")


def users(request):
    _require_admin(request.user)
    form = AccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.create_account(request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("password", error)
        else:
            messages.success(request, f"已开设账号 {form.cleaned_data['username']}。")
            return redirect("settings-users")
    posts = (
        Membership.objects.filter(org__in=accounts.manageable_orgs(request.user))
        .select_related("user", "org")
        .order_by("org__path", "user__username")
    )
    return render(
        request,
        "core/settings_users.html",
        {"form": form, "posts": posts},
        status=400 if form.errors else 200,
    )


@require_POST
def user_active(request, pk):
    _require_admin(request.user)
    user = get_object_or_404(get_user_model(), pk=pk)
    try:
        accounts.set_active(request.user, user, request.POST.get("active") == "1", request)
    except accounts.NotAllowed as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    return redirect("settings-users")


class TokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=60)


def tokens(request):
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        raw = accounts.issue_token(request.user, form.cleaned_data["name"], request)
    return render(
        request,
        "core/settings_tokens.html",
        {"form": form, "raw": raw, "tokens": ApiToken.objects.filter(user=request.user)},
    )


@require_POST
def token_revoke(request, pk):
    get_object_or_404(ApiToken, pk=pk, user=request.user)
    accounts.revoke_token(request.user, pk, request)
    messages.success(request, "令牌已撤销。")
    return redirect("settings-tokens")


def org_import(request):
    _require_admin(request.user)
    form, problems = UploadForm(request.POST or None, request.FILES or None), []
    if request.method == "POST" and form.is_valid():
        try:
            created, updated = orgs.import_rows(
                _read_upload(form.cleaned_data["file"]), audit.Actor.of(request.user, request)
            )
        except orgs.OrgFileError as error:
            problems = error.problems
        else:
            messages.success(request, f"机构导入完成：新增{created}个，更新{updated}个。")
            return redirect("orgs")
    return render(
        request,
        "core/settings_import.html",
        {
            "form": form,
            "problems": problems,
            "title": "导入机构",
            "help": "CSV 或 Excel（.xlsx），表头：机构代码,机构名称,层级,上级机构代码,发文字号前缀。"
            "层级为 省、市、县、乡镇、部门 之一。整表校验，全部无误才写入。",
        },
        status=400 if problems or form.errors else 200,
    )


def _read_upload(upload):
    suffix = Path(upload.name).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise orgs.OrgFileError(["只接受 .csv 或 .xlsx 文件。"])
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        return orgs.parse(orgs.read_rows(Path(tmp.name)))


def calendar_import(request):
    _require_admin(request.user)
    form, problems = UploadForm(request.POST or None, request.FILES or None), []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = holidays.import_text(
                upload.read().decode("utf-8-sig"),
                f"导入：{upload.name}",
                audit.Actor.of(request.user, request),
            )
        except (holidays.CalendarFileError, UnicodeDecodeError) as error:
            problems = [
                str(error) if isinstance(error, holidays.CalendarFileError) else "文件须为UTF-8编码的CSV。"
            ]
        else:
            years = "、".join(map(str, result.years))
            messages.success(
                request, f"已导入{years}年放假安排；到期日随之调整的期限：{len(result.moved)}个。"
            )
            return redirect("calendar")
    return render(
        request,
        "core/settings_import.html",
        {
            "form": form,
            "problems": problems,
            "title": "导入年度放假安排",
            "help": "CSV，表头：日期,类型,说明。类型为“休”（工作日放假）或“班”（周末调休上班），"
            "未列出的日期按周一至周五上班。导入某年即以文件内容替换该年安排，"
            "并重算受影响的在办期限，记入审计记录。",
        },
        status=400 if problems or form.errors else 200,
    )


class LocalRuleForm(forms.Form):
    rule_key = forms.ChoiceField(label="规则")
    org = forms.ModelChoiceField(queryset=None, label="适用地区（含下级）", empty_label="请选择")
    amount = forms.IntegerField(label="期限", min_value=1, max_value=3650)
    basis = forms.CharField(
        label="地方依据",
        max_length=200,
        help_text="地方性法规、规章或规范性文件的名称和条款，例如《某省行政规范性文件管理办法》第十八条",
    )
    since = forms.DateField(label="施行日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, admin, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = accounts.manageable_orgs(admin).order_by("path")
        self.fields["rule_key"].choices = [
            (r.key, f"{r.name}（全国：{r.amount}{r.unit.label}{'，各地可调整' if r.configurable else ''}）")
            for r in jurisdiction.overridable()
        ]


def local_rules(request):
    _require_admin(request.user)
    form = LocalRuleForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        jurisdiction.set_local_rule(request.user, request=request, **form.cleaned_data)
        messages.success(request, "地方期限规则已保存；此后开始计时的期限按此计算。")
        return redirect("settings-local-rules")
    overrides = (
        RuleOverride.objects.filter(org__in=access.readable_orgs(request.user))
        .select_related("org")
        .order_by("rule_key", "-since")
    )
    rows = [(o, RULES.in_force(o.rule_key, o.since)) for o in overrides]
    return render(
        request,
        "core/settings_local_rules.html",
        {"form": form, "rows": rows},
        status=400 if form.errors else 200,
    )
