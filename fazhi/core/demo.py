"""The demo city 示例市: its org tree, one account per role, and each system's sample records.

Systems add their records with `register(loader)`; loaders create records through their
services, so the demo has a real audit trail and real clocks. Loading twice changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import audit, notices
from .models import EventKind, Level, Membership, Org, Role

PASSWORD = "fazhi-demo"
ORGS = [
    # code, name, level, parent, 发文字号前缀
    ("SL", "示例市人民政府", Level.CITY, None, "示府"),
    ("SL-BGS", "示例市人民政府办公室", Level.DEPARTMENT, "SL", "示府办"),
    ("SL-SFJ", "示例市司法局", Level.DEPARTMENT, "SL", "示司"),
    ("SL-JYJ", "示例市教育局", Level.DEPARTMENT, "SL", "示教"),
    ("SL-SCJ", "示例市市场监督管理局", Level.DEPARTMENT, "SL", "示市监"),
    ("SL-ZJJ", "示例市住房和城乡建设局", Level.DEPARTMENT, "SL", "示建"),
    ("SL-HPZ", "示例市和平镇人民政府", Level.TOWNSHIP, "SL", "和政"),
    ("SL-QSX", "示例市青山乡人民政府", Level.TOWNSHIP, "SL", "青政"),
]
USERS = [
    # username, full name, org, role, title
    ("clerk", "李经办", "SL-JYJ", Role.CLERK, "教育局政策法规科"),
    ("reviewer", "赵审核", "SL-SFJ", Role.REVIEWER, "司法局法制审核员"),
    ("head", "张局长", "SL-JYJ", Role.HEAD, "教育局局长"),
    ("supervisor", "王督察", "SL", Role.SUPERVISOR, "示例市委依法治市办"),
    ("admin", "陈管理", "SL", Role.ADMIN, "示例市司法局信息科"),
    ("town", "刘经办", "SL-HPZ", Role.CLERK, "和平镇党政综合办"),
    ("town_head", "周镇长", "SL-HPZ", Role.HEAD, "和平镇镇长"),
    # the posts of the second and third 保密审查 stages of 主动公开
    ("fenguan", "孙副市长", "SL", Role.HEAD, "分管教育工作的副市长"),
    ("baomi", "钱保密", "SL", Role.REVIEWER, "市保密委员会办公室保密审查员"),
]

LOADERS: list[Callable] = []


@dataclass(frozen=True)
class Demo:
    orgs: dict[str, Org]
    users: dict[str, object]


def register(loader: Callable) -> None:
    if loader not in LOADERS:
        LOADERS.append(loader)


@transaction.atomic
def load() -> Demo:
    orgs = {}
    for code, name, level, parent, prefix in ORGS:
        orgs[code], _ = Org.objects.update_or_create(
            code=code,
            defaults={"name": name, "level": level, "doc_prefix": prefix, "parent": orgs.get(parent)},
        )
    demo = Demo(orgs, {username: _user(username, *rest, orgs) for username, *rest in USERS})
    for loader in LOADERS:
        loader(demo)
    notices.remind(timezone.localdate())
    audit.record(EventKind.DEMO, "载入示例数据（示例市）")
    return demo


def _user(username, full_name, org_code, role, title, orgs):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": full_name}
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, org=orgs[org_code], role=role, defaults={"title": title})
    return user
