from . import access


def navigation(request):
    user = getattr(request, "user", None)
    ms = access.memberships(user) if user is not None else []
    return {
        "memberships": ms,
        "is_supervisor": any(m.role == "supervisor" for m in ms),
        "is_admin": access.is_admin(user) if ms else False,
    }
