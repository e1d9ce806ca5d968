"""Error pages in Chinese; htmx and API callers get a short plain message."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader


def _page(request, status, title, message):
    if request.headers.get("HX-Request") or request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    context = {"title": title, "message": message, "status": status}
    return render(request, "core/error.html", context, status=status)


def bad_request(request, exception=None):
    return _page(request, 400, "请求有误", "请求的内容不完整或格式不对。")


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "您没有查看或办理此事项的权限。"
    return _page(request, 403, "没有权限", message)


def csrf_failure(request, reason=""):
    message = "页面已过期或来源无法确认，为安全起见本次提交未被接受。请返回上一页，刷新后重新提交。"
    return _page(request, 403, "请刷新后重新提交", message)


def not_found(request, exception=None):
    return _page(request, 404, "页面不存在", "您要找的页面或事项不存在，或已被移除。")


def server_error(request):
    """Rendered without the layout or any context processor: the database may be what failed."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "系统暂时无法完成这个操作，已记录错误。"}, status=500)
    return HttpResponseServerError(loader.get_template("core/500.html").render())
