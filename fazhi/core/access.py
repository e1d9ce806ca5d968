"""The one place that decides who may read, write and act where.

    own org         every staff role reads and writes its own org's records
    org's subtree   a supervisor (督察员) or administrator also reads everything below
    parent/sibling  nothing, unless the user holds a role there too
    public          reads only what was published (see each registry's `published()`)

Views and the API never filter by organisation themselves: they call `visible()`
(or `Model.objects.visible_to(user)`) and `roles_toward()`.
"""

from django.db.models import Q, QuerySet

from .models import Membership, Org, Role

SUBTREE_READERS = {Role.SUPERVISOR, Role.ADMIN}
WRITERS = {Role.CLERK, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR}


def memberships(user) -> list[Membership]:
    if user is None or not user.is_authenticated:
        return []
    if not hasattr(user, "_fazhi_memberships"):
        user._fazhi_memberships = list(
            Membership.objects.filter(user=user, org__is_active=True).select_related("org")
        )
    return user._fazhi_memberships


def readable_orgs(user) -> QuerySet:
    ms = memberships(user)
    if not ms:
        return Org.objects.none()
    q = Q(pk__in=[m.org_id for m in ms])
    for m in ms:
        if m.role in SUBTREE_READERS:
            q |= Q(path__startswith=m.org.path)
    return Org.objects.filter(q)


def visible(queryset: QuerySet, user, org_field: str = "org") -> QuerySet:
    """The records of `queryset` that `user` may read (none for the public)."""
    if not memberships(user):
        return queryset.none()
    return queryset.filter(**{f"{org_field}__in": readable_orgs(user).values("pk")})


def can_read(user, org: Org) -> bool:
    return any(m.org_id == org.pk or _reads_below(m, org) for m in memberships(user))


def can_write(user, org: Org) -> bool:
    return any(m.org_id == org.pk and m.role in WRITERS for m in memberships(user))


def roles_toward(user, org: Org) -> set[str]:
    """The roles `user` holds for a record of `org`: its own roles there, plus supervisor
    (or administrator) when it holds that role in `org` or above it."""
    roles = {m.role for m in memberships(user) if m.org_id == org.pk}
    roles |= {m.role for m in memberships(user) if _reads_below(m, org)}
    return roles


def orgs_with_role(user, roles) -> QuerySet:
    """Orgs toward which `user` holds one of `roles` (see `roles_toward`)."""
    q = Q(pk__in=[])
    for m in memberships(user):
        if m.role in roles:
            q |= Q(path__startswith=m.org.path) if m.role in SUBTREE_READERS else Q(pk=m.org_id)
    return Org.objects.filter(q)


def is_admin(user) -> bool:
    return any(m.role == Role.ADMIN for m in memberships(user)) or bool(getattr(user, "is_superuser", False))


def _reads_below(m: Membership, org: Org) -> bool:
    return m.role in SUBTREE_READERS and org.path.startswith(m.org.path)
