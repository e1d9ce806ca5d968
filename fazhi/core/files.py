"""What an uploaded file really is: its type known from its first bytes (and, for Office
files, the part the zip must hold), not only from its name, and its size within the caller's
limit. Pure checks, used by upload forms and again by the services that store the bytes."""

import io
import re
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    magic: bytes
    zip_member: str = ""  # an Office Open XML file is a zip that holds this part


TYPES = {
    ".txt": FileType("文本", "text/plain", b""),  # any bytes: core/reading.py refuses binary ones
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
UNSAFE = re.compile(r"[\x00-\x1f\x7f\"\\/:*?<>|]")


class FileRefused(ValueError):
    """A refusal in Chinese, for the form or the service to show as it is."""


def listed(kinds) -> str:
    return "、".join(sorted(set(kinds)))


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


def check(name: str, size: int, kinds, limit: int) -> FileType:
    """The declared type (one of `kinds`, e.g. ".pdf") and the size, before the bytes are read."""
    suffix = suffix_of(name)
    if suffix not in kinds or suffix not in TYPES:
        raise FileRefused(f"只能上传以下类型的文件：{listed(kinds)}。")
    if size > limit:
        raise FileRefused(f"文件超过{megabytes(limit)}，不能上传。")
    if size == 0:
        raise FileRefused("文件是空的。")
    return TYPES[suffix]


def content_type(name: str, data: bytes, kinds, limit: int) -> str:
    """The file's content type, once its bytes show it really is what its name says."""
    found = check(name, len(data), kinds, limit)
    if not data.startswith(found.magic) or (found.zip_member and not _holds(data, found.zip_member)):
        raise FileRefused(f"文件内容与扩展名不符：「{safe_name(name)}」不是真正的{found.label}文件。")
    return found.content_type


def _holds(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False
