from django import forms

from fazhi.core.models import Org


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; each is checked by the service, one by one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.docx,.pdf,.html,.htm"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError("请选择要导入的文件。", code="required")
        return files


class UploadForm(forms.Form):
    org = forms.ModelChoiceField(label="以何单位名义导入", queryset=Org.objects.none(), empty_label=None)
    files = MultipleFileField(label="年度报告文件")

    def __init__(self, orgs: list[Org], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Org.objects.filter(pk__in=[o.pk for o in orgs]).order_by("path")
        if orgs:
            self.fields["org"].initial = orgs[0].pk


class CorrectionForm(forms.Form):
    value = forms.DecimalField(label="更正后的数值", max_digits=16, decimal_places=4, min_value=0)
    reason = forms.CharField(
        label="更正理由",
        max_length=500,
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": "例如：原文“1.9万余件”指受理数，应为办结数1.8万件"}
        ),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤销理由", max_length=500, widget=forms.TextInput)


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="对应单位", queryset=Org.objects.none(), required=False, empty_label="（不对应）"
    )
    year = forms.IntegerField(label="报告年度", min_value=2000, max_value=2100, required=False)

    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
