"""The REST API, assembled from each system's router; schema at /api/v1/openapi.json."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from fazhi.core.api import router as core_router
from fazhi.supervision.api import router as supervision_router


class ApiOfItsOwn(NinjaAPI):
    """Each operation authenticates for itself (token or session; none for public reads), so
    the site-wide LoginRequiredMiddleware must not send API callers to the login page."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            login_not_required(pattern.callback)
        return patterns, app_name, namespace


api = ApiOfItsOwn(
    title="fazhi 法治 API",
    version="1",
    urls_namespace="api",
    description="工作人员以令牌（Authorization: Bearer …）访问；公众只能读取公开数据。",
)
api.add_router("/", core_router)
api.add_router("/supervision", supervision_router)
api.add_router("/normdocs", "fazhi.normdocs.api.router")
api.add_router("/decisions", "fazhi.decisions.api.router")


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return JsonResponse({"detail": "请求参数有误，请检查后重试。", "errors": exc.errors}, status=400)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return JsonResponse({"detail": "请先登录或提供有效的接口令牌。"}, status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return JsonResponse({"detail": "没有找到该事项，或您无权查看。"}, status=404)


HTTP_ERRORS = {
    400: "请求内容无法解析，请以JSON格式提交。",
    403: "您无权进行此操作。",
    429: "请求过于频繁，请稍后再试。",
}


@api.exception_handler(HttpError)
def http_error(request, exc):
    detail = HTTP_ERRORS.get(exc.status_code, "请求未能完成，请检查后重试。")
    return JsonResponse({"detail": detail}, status=exc.status_code)
