"""What a process material (第三十三条) may be: its type known from its first bytes, not only
from its name, and its size within the limit. Pure checks, used by the upload form and again
by the service that stores the file."""

import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings

# 20 MB unless the deployment sets DECISIONS_MATERIAL_MAX_BYTES.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    magic: bytes
    zip_member: str = ""  # an Office Open XML file is a zip that holds this part


TYPES = {
    ".pdf": FileType("PDF", "application/pdf", b"%PDF-"),
    ".docx": FileType(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
        "word/document.xml",
    ),
    ".doc": FileType("Word 97-2003", "application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ".xlsx": FileType(
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"PK\x03\x04",
        "xl/workbook.xml",
    ),
    ".jpg": FileType("JPEG 图片", "image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": FileType("JPEG 图片", "image/jpeg", b"\xff\xd8\xff"),
    ".png": FileType("PNG 图片", "image/png", b"\x89PNG\r\n\x1a\n"),
}
ALLOWED = "、".join(sorted({suffix for suffix in TYPES if suffix != ".jpeg"}))
UNSAFE = re.compile(r"[\x00-\x1f\x7f\"\\/:*?<>|]")


class MaterialError(ValueError):
    """A refusal in Chinese, for the form or the service to show as it is."""


def max_bytes() -> int:
    return getattr(settings, "DECISIONS_MATERIAL_MAX_BYTES", DEFAULT_MAX_BYTES)


def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:g}MB"


def suffix_of(name: str) -> str:
    name = name.lower()
    return name[name.rfind(".") :] if "." in name else ""


def safe_name(name: str) -> str:
    """The uploaded name without any folder, control or reserved character, at most 120 long."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = UNSAFE.sub("", base).strip(" .") or "材料"
    suffix = suffix_of(cleaned)
    return cleaned[: 120 - len(suffix)].rstrip(" .") + suffix if len(cleaned) > 120 else cleaned


def check(name: str, size: int) -> FileType:
    """The declared type and the size, before the bytes are read."""
    found = TYPES.get(suffix_of(name))
    if found is None:
        raise MaterialError(f"只能上传以下类型的文件：{ALLOWED}。")
    if size > max_bytes():
        raise MaterialError(f"文件超过{megabytes(max_bytes())}，不能上传。")
    if size == 0:
        raise MaterialError("文件是空的。")
    return found


def content_type(name: str, data: bytes) -> str:
    """The file's content type, once its bytes show it really is what its name says."""
    found = check(name, len(data))
    if not data.startswith(found.magic) or (found.zip_member and not _holds(data, found.zip_member)):
        raise MaterialError(f"文件内容与扩展名不符：「{safe_name(name)}」不是真正的{found.label}文件。")
    return found.content_type


def _holds(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False
