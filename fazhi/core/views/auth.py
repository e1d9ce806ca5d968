from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.utils.decorators import method_decorator


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。注意：连续多次输错将暂时锁定登录。",
        "inactive": "该账号已停用，请联系管理员。",
    }


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get(self, request, *args, **kwargs):
        if request.GET.get("next") and not request.user.is_authenticated:
            messages.info(request, "请先登录；如果您刚才已登录，可能是登录已过期。")
        return super().get(request, *args, **kwargs)
