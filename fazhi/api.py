"""The REST API, assembled from each system's router; schema at /api/v1/openapi.json."""

from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from fazhi.core.api import router as core_router
from fazhi.supervision.api import router as supervision_router

api = NinjaAPI(title="fazhi 法治 API", version="1", urls_namespace="api",
               description="工作人员以令牌（Authorization: Bearer …）访问；公众只能读取公开数据。")
api.add_router("/", core_router)
api.add_router("/supervision", supervision_router)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return JsonResponse({"detail": "请求参数有误，请检查后重试。", "errors": exc.errors}, status=400)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return JsonResponse({"detail": "请先登录或提供有效的接口令牌。"}, status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return JsonResponse({"detail": "没有找到该事项，或您无权查看。"}, status=404)
