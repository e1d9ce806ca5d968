"""Reading a document's text from a .txt (any common Chinese encoding) or a .docx file."""

import io
import zipfile


def txt_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("无法识别文本文件的编码（须为UTF-8或GB18030）。")


def docx_text(data: bytes) -> str:
    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ValueError(f"无法读取Word文档：{error}") from None
    return "\n".join(p.text for p in doc.paragraphs)
