"""Accounts, roles and API tokens: what an administrator and each staff member may change."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from . import access, audit
from .models import ApiToken, EventKind, Membership, Org


class NotAllowed(Exception):
    pass


def manageable_orgs(admin):
    """Orgs where `admin` may create accounts: its own and everything below."""
    return access.orgs_with_role(admin, {"admin"})


@transaction.atomic
def create_account(
    admin, *, username: str, full_name: str, password: str, org: Org, role: str, title: str = "", request=None
):
    if not manageable_orgs(admin).filter(pk=org.pk).exists():
        raise NotAllowed(f"您不是{org.name}或其上级机构的管理员，不能为其开设账号。")
    validate_password(password)
    user = get_user_model().objects.create_user(username, password=password, first_name=full_name)
    Membership.objects.create(user=user, org=org, role=role, title=title)
    audit.record(
        EventKind.ACCOUNT,
        f"开设账号 {username}（{full_name}），岗位：{org.name} {role}",
        actor=audit.Actor.of(admin, request),
        chain=org.pk,
        data={"username": username, "org": org.code, "role": role},
    )
    return user


@transaction.atomic
def set_active(admin, user, active: bool, request=None):
    orgs = set(manageable_orgs(admin).values_list("pk", flat=True))
    ms = list(Membership.objects.filter(user=user))
    if not ms or any(m.org_id not in orgs for m in ms):
        raise NotAllowed("该账号有不在您管理范围内的岗位，不能由您停用或启用。")
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(
        EventKind.ACCOUNT,
        f"{'启用' if active else '停用'}账号 {user.username}",
        actor=audit.Actor.of(admin, request),
        chain=ms[0].org_id,
        data={"username": user.username, "active": active},
    )


def issue_token(user, name: str, request=None) -> str:
    raw = ApiToken.issue(user, name)
    audit.record(
        EventKind.TOKEN,
        f"{user.username} 创建接口令牌「{name}」",
        actor=audit.Actor.of(user, request),
        data={"name": name},
    )
    return raw


def revoke_token(user, token_id: int, request=None) -> None:
    token = ApiToken.objects.get(pk=token_id, user=user)
    token.delete()
    audit.record(
        EventKind.TOKEN,
        f"{user.username} 撤销接口令牌「{token.name}」",
        actor=audit.Actor.of(user, request),
        data={"name": token.name},
    )
