"""Error pages in Chinese; htmx and API callers get a short plain message."""

from django.shortcuts import render


def _page(request, status, title, message):
    if request.headers.get("HX-Request") or request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"detail": message}, status=status)
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _page(request, 400, "请求有误", str(exception) if exception else "请求的内容不完整或格式不对。")


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "您没有查看或办理此事项的权限。"
    return _page(request, 403, "没有权限", message)


def not_found(request, exception=None):
    return _page(request, 404, "页面不存在", "您要找的页面或事项不存在，或已被移除。")


def server_error(request):
    return _page(request, 500, "系统出错", "系统暂时无法完成这个操作，已记录错误。请稍后再试。")
