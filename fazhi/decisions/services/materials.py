"""The files of a decision's process (第三十三条 过程记录和材料归档): stored in the database with
their record and audit event in one transaction; the same file is recognised by its SHA-256
and kept once."""

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core import engine
from fazhi.core.models import EventKind, Role

from .. import materials
from ..models import Decision, Material
from ..procedure import ARCHIVE, State
from .drafting import _log, _require

UPLOADERS = (Role.CLERK, Role.HEAD, Role.REVIEWER)


def attach_material(
    decision, user, *, name: str, data: bytes, title: str = "", record=None, request=None
) -> Material:
    """Keep one file of the process with the decision (and, if given, one of its records)."""
    _require(user, decision.org, UPLOADERS, "上传决策过程材料", ARCHIVE)
    try:
        content_type = materials.content_type(name, data)
    except materials.MaterialError as error:
        raise engine.Refused(str(error), ARCHIVE) from None
    if record is not None and record.decision_id != decision.pk:
        raise engine.Refused("所选过程记录不属于该决策。", ARCHIVE)
    return _store(decision, user, request, record, materials.safe_name(name), title, content_type, data)


@transaction.atomic
def _store(decision, user, request, record, name, title, content_type, data) -> Material:
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.state == State.ARCHIVED:
        raise engine.Refused("决策已经归档，不能再上传材料。", ARCHIVE)
    digest = hashlib.sha256(data).hexdigest()
    _refuse_twice(locked, digest)
    try:
        with transaction.atomic():
            made = Material.objects.create(
                org_id=locked.org_id, decision=locked, record=record, title=(title or "").strip() or name,
                name=name, content_type=content_type, size=len(data), sha256=digest, data=data,
                created_by=user,
            )  # fmt: skip
    except IntegrityError:  # the same file, uploaded at the same moment by someone else
        _refuse_twice(locked, digest)
        raise
    shown = {"material": made.pk, "name": name, "size": made.size, "sha256": digest}
    _log(EventKind.EDITED, f"上传材料：{made.title}（{name}）", locked, user, request, shown)
    return made


def _refuse_twice(decision, digest: str) -> None:
    found = decision.materials.defer("data").filter(sha256=digest).first()
    if found is not None:
        when = timezone.localtime(found.created_at)
        raise engine.Refused(
            f"该文件已经上传过（「{found.title}」，{when:%Y-%m-%d}）：同一文件只保存一份。", ARCHIVE
        )
