"""What a process material (第三十三条) may be: the kinds a decision's record takes, and their
size limit; the checks themselves are core's (core/files.py)."""

from django.conf import settings

from fazhi.core import files
from fazhi.core.files import FileRefused as MaterialError
from fazhi.core.files import megabytes, safe_name

KINDS = (".pdf", ".docx", ".doc", ".xlsx", ".jpg", ".jpeg", ".png")
ALLOWED = files.listed(KINDS)
# 20 MB unless the deployment sets DECISIONS_MATERIAL_MAX_BYTES.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

__all__ = ["MaterialError", "check", "content_type", "megabytes", "safe_name"]


def max_bytes() -> int:
    return getattr(settings, "DECISIONS_MATERIAL_MAX_BYTES", DEFAULT_MAX_BYTES)


def check(name: str, size: int) -> files.FileType:
    return files.check(name, size, KINDS, max_bytes())


def content_type(name: str, data: bytes) -> str:
    return files.content_type(name, data, KINDS, max_bytes())
