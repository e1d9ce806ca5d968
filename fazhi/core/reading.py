"""Bytes to text: .txt in any common Chinese encoding, .docx, .html, .pdf (text layer).

Used by every upload and import of a document's words (imported reports, a 规范性文件's
正文). Every refusal is an `Unreadable` whose message says, in Chinese, what is wrong with
this one file, so that a command can report it and go on with the next file.
"""

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# Characters frequent in any 法治政府建设报告 or 公文, in both scripts: the encoding under which more
# of them appear is the right one (gb18030 decodes Big5 bytes too, into nonsense).
COMMON = set("的是在和了有法治政府建设设工作年度报告報告开展開展推进推進依行政市县縣")


class Unreadable(ValueError):
    """This file cannot be read as text; the message says why, in Chinese."""


def read_path(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise Unreadable(f"无法打开文件：{error.strerror or error}") from None
    if size > MAX_BYTES:
        raise Unreadable(f"文件过大（{size / 1024 / 1024:.0f} MB），上限为 50 MB。")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise Unreadable(f"无法读取文件：{error.strerror or error}") from None
    return read_bytes(data, path.suffix.lower())


def read_bytes(data: bytes, suffix: str = ".txt") -> str:
    if len(data) > MAX_BYTES:
        raise Unreadable(f"文件过大（{len(data) / 1024 / 1024:.0f} MB），上限为 50 MB。")
    if not data.strip():
        raise Unreadable("文件为空。")
    reader = READERS.get(suffix, decode_text if suffix in TEXT_SUFFIXES else None)
    if reader is None:
        raise Unreadable(f"暂不支持“{suffix}”格式，请提供 .txt、.docx、.pdf 或 .html 文件。")
    text = reader(data)
    if not text.strip():
        raise Unreadable("文件中没有文字。")
    return text


def decode_text(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04") or _looks_binary(data):
        raise Unreadable("这是二进制文件，不是文本；请提供 .txt、.docx、.pdf 或 .html 文件。")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [_decoded(data, codec) for codec in ("gb18030", "big5")]
    candidates = [text for text in candidates if text is not None]
    if candidates:
        return max(candidates, key=lambda text: sum(c in COMMON for c in text))
    # Mostly UTF-8 with a few damaged bytes: keep it, the damage becomes U+FFFD and a warning.
    return data.decode("utf-8", errors="replace")


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\x1b")
    return controls > len(head) // 100 + 2


def read_docx(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise Unreadable(f"无法作为 Word（.docx）文件打开：{error}") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.extend("\t".join(cell.text for cell in row.cells) for row in table.rows)
    return "\n".join(lines)


def read_pdf(data: bytes) -> str:
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        pages = pypdf.PdfReader(io.BytesIO(data)).pages
        text = "\n".join(page.extract_text() or "" for page in pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise Unreadable(f"无法作为 PDF 文件打开：{error}") from None
    if not text.strip():
        raise Unreadable("PDF 没有文字层（可能是扫描件）；暂不支持文字识别（OCR）。")
    return text


class _TextOfHtml(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"}
    SKIPPED = {"script", "style", "head", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIPPED
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIPPED and self.skipping > 0
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data.strip("\r\n"))


def read_html(data: bytes) -> str:
    parser = _TextOfHtml()
    parser.feed(decode_text(data))
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


READERS = {".docx": read_docx, ".pdf": read_pdf, **dict.fromkeys(HTML_SUFFIXES, read_html)}
