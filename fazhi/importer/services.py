"""Reading and analysing narrative annual reports: `analyse(text)` for one text,
`import_files(paths)` for the command (one bad file never stops the others).

The only code that changes imported reports: `import_upload` stores one uploaded file's report
and figures in one transaction, `correct` and `withdraw_correction` keep a hand correction
beside the extraction, `assign` links a report to its unit of the tree and its year. Each
appends an audit event with the state before and after, on the importing office's chain.
"""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access, audit
from fazhi.core.indicators import Figure as RegistryFigure
from fazhi.core.indicators import Source
from fazhi.core.models import EventKind, Org, Role
from fazhi.core.reading import MAX_BYTES, Unreadable, read_bytes, read_path

from . import checks
from .extract import extract
from .models import ImportedFigure, ImportedReport, plain_number
from .normalise import is_traditional, normalise
from .sections import lines_of, outline

# A report names 法治 or 依法行政 somewhere; a file that does not is not one.
REPORT_WORDS = ("法治", "依法行政")
ORG_ENDINGS = (
    "局",
    "办公室",
    "政府",
    "委员会",
    "厅",
    "委",
    "办",
    "院",
    "镇",
    "街道",
    "所",
    "中心",
    "部",
    "乡",
)
TITLE_YEAR = re.compile(r"(20\d\d)\s*年度?")
DATE_LINE = re.compile(r"\s*20\d\d年\d{1,2}月\d{1,2}日\s*")


def import_files(paths: list[str]) -> list[dict]:
    return [import_file(path) for path in paths]


def import_file(path: str) -> dict:
    try:
        text = read_path(Path(path))
        return {"file": path, "error": None, **analyse(text)}
    except Unreadable as error:
        return {"file": path, "error": str(error)}
    except Exception as error:  # noqa: BLE001 — one broken file must not stop the batch
        return {"file": path, "error": f"读取时出错：{type(error).__name__}: {error}"}


def analyse(text: str) -> dict:
    """The org, year, script, parts, figures and warnings of one report's text."""
    norm = normalise(text)
    if not any(word in norm for word in REPORT_WORDS):
        raise Unreadable("这不像法治政府建设年度报告（全文没有“法治”或“依法行政”）。")
    parts = outline(norm)
    figures = outside_plan(extract(text, norm), parts)
    year = report_year(norm)
    warnings = (
        checks.missing_parts(parts)
        + checks.numbering(parts)
        + checks.garbled(text)
        + checks.contradictions(figures, norm)
        + checks.year_checks(year, parts, norm)
    )
    return {
        "org": report_org(text, norm),
        "year": year,
        "script": "traditional" if is_traditional(text, norm) else "simplified",
        "sections": parts.as_json(),
        "indicators": [figure.as_json() for figure in figures],
        "warnings": warnings,
    }


def outside_plan(figures: list, parts) -> list:
    """The figures of the year reported: a number in the next year's plan ("开展普法宣传活动
    不少于300场") is a target, not a result."""
    plan = parts.parts.get("next_year_plan")
    if plan is None:
        return figures
    return [f for f in figures if not plan[0] <= f.start < plan[1]]


def title_lines(norm: str) -> list:
    return [
        line
        for line in lines_of(norm)[:12]
        if "报告" in line.text
        and len(line.text.strip()) <= 60
        and not line.text.rstrip().endswith((":", "。"))
    ]


def report_year(norm: str) -> int | None:
    for line in title_lines(norm):
        match = TITLE_YEAR.search(line.text)
        if match:
            return int(match[1])
    opening = norm[:600]
    years = Counter(int(y) for y in re.findall(r"(20\d\d)年(?!\d{1,2}月)", opening))
    return years.most_common(1)[0][0] if years else None


def report_org(text: str, norm: str) -> str | None:
    """The issuing body as stated (original script): from the title, else the signature."""
    lines = lines_of(norm)
    for line in title_lines(norm):
        head = line.text.split("关于")[0] if "关于" in line.text else TITLE_YEAR.split(line.text)[0]
        head = head.strip()
        if head and head != line.text.strip():
            return text[line.start : line.start + len(head)]
        before = [x for x in lines if x.end < line.start]
        if before and _looks_like_org(before[-1].text):
            return text[before[-1].start : before[-1].end].strip()
    return _signature(text, lines)


def _signature(text: str, lines: list) -> str | None:
    for index in range(len(lines) - 1, 0, -1):
        if DATE_LINE.fullmatch(lines[index].text):
            names = [x for x in lines[max(0, index - 2) : index] if _looks_like_org(x.text)]
            if names:
                return " ".join(text[x.start : x.end].strip() for x in names)
    return None


def _looks_like_org(line: str) -> bool:
    line = line.strip()
    return 2 < len(line) <= 30 and line.endswith(ORG_ENDINGS) and not re.search(r"[。，,；;：:]", line)


# --- the supervisor's screen: stored imports, corrections, links --------------------------------

UPLOAD_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


class NotAllowed(PermissionError):
    """The user may not do this here; the message says why, in Chinese."""


@dataclass(frozen=True)
class Imported:
    """What became of one uploaded file: its report (new, or the same file imported before),
    or why it was not imported."""

    file_name: str
    report: ImportedReport | None = None
    created: bool = False
    error: str = ""


def importing_orgs(user) -> list[Org]:
    """The offices where the user is a 督察员: an import is made in the name of one of them."""
    posts = [m.org for m in access.memberships(user) if m.role == Role.SUPERVISOR]
    return sorted(posts, key=lambda org: (org.depth, org.path))


def _require_supervisor(user, org: Org) -> None:
    if Role.SUPERVISOR not in access.roles_toward(user, org):
        raise NotAllowed("只有督察员可以导入年度报告或更正数字；管理员可以查看。")


def refusal(file_name: str, size: int) -> str:
    """Why an upload is refused before it is read (its type or its size), or ""."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return f"暂不支持“{suffix or '无扩展名'}”文件，请上传 .txt、.docx、.pdf 或 .html 文件。"
    if size > MAX_BYTES:
        return f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 50 MB。"
    return ""


def import_upload(org: Org, upload, *, user, request=None) -> Imported:
    """One uploaded file (`name`, `size`, `read()`): read, analysed and stored with its figures
    in one transaction; the same file imported again by the same office is recognised."""
    _require_supervisor(user, org)
    name = Path(upload.name).name[:255]
    if problem := refusal(name, upload.size):
        return Imported(name, error=problem)
    data = upload.read()
    digest = hashlib.sha256(data).hexdigest()
    known = ImportedReport.objects.filter(org=org, sha256=digest).first()
    if known is not None:
        return Imported(name, known)
    try:
        text = read_bytes(data, Path(name).suffix.lower())
        result = analyse(text)
    except Unreadable as error:
        return Imported(name, error=str(error))
    except Exception as error:  # noqa: BLE001 — one broken file must not stop the others
        return Imported(name, error=f"读取时出错：{type(error).__name__}")
    try:
        report = _store(org, name, data, digest, text, result, user, request)
    except IntegrityError:  # the same file, imported at the same moment by a colleague
        known = ImportedReport.objects.filter(org=org, sha256=digest).first()
        return Imported(name, known) if known else Imported(name, error="保存时出错，未导入，请重试。")
    except DatabaseError as error:  # nothing of this file was written; the others go on
        return Imported(name, error=f"保存时出错（{type(error).__name__}），未导入，请重试。")
    return Imported(name, report, created=True)


@transaction.atomic
def _store(org, name, data, digest, text, result, user, request) -> ImportedReport:
    report = ImportedReport.objects.create(
        org=org,
        created_by=user,
        unit_name=(result["org"] or "")[:200],
        unit=matching_unit(org, result["org"]),
        year=result["year"],
        file_name=name,
        sha256=digest,
        size=len(data),
        text=text,
        script=result["script"],
        sections=result["sections"],
        warnings=result["warnings"],
    )
    ImportedFigure.objects.bulk_create(
        ImportedFigure(
            report=report, org=org, **{k: f[k] for k in ("key", "value", "unit", "quote", "start", "end")}
        )
        for f in result["indicators"]
    )
    after = {
        "file": name,
        "sha256": digest,
        "unit": report.unit_label,
        "year": report.year,
        "sections": report.parts_found,
        "figures": len(result["indicators"]),
        "warnings": len(result["warnings"]),
    }
    audit.record(
        EventKind.CREATED,
        f"导入年度报告：{name}（{report.unit_label}，{report.year or '年度未识别'}）",
        actor=audit.Actor.of(user, request),
        chain=org.pk,
        subject=report,
        data={"before": None, "after": after},
    )
    return report


def matching_unit(org: Org, stated: str | None) -> Org | None:
    """The unit of `org`'s tree whose name the report states (either script; of "中共X县委员会
    X县人民政府" the one that is a unit), when exactly one matches."""
    if not stated:
        return None
    by_name: dict[str, list[Org]] = {}
    for unit in org.subtree().filter(is_active=True):
        by_name.setdefault(normalise(unit.name).strip(), []).append(unit)
    names = [normalise(part) for part in reversed(stated.split())] + [normalise("".join(stated.split()))]
    for name in names:
        if len(by_name.get(name, [])) == 1:
            return by_name[name][0]
    return None


def correct(figure: ImportedFigure, value: float, reason: str, *, user, request=None) -> ImportedFigure:
    """Keep a hand correction of one figure beside the value read from the text."""
    _require_supervisor(user, figure.report.org)
    with transaction.atomic():
        locked = ImportedFigure.objects.select_for_update().get(pk=figure.pk)
        before = _correction_state(locked)
        locked.corrected_value, locked.correction_reason = float(value), reason.strip()
        locked.corrected_by, locked.corrected_at = user, timezone.now()
        locked.save(update_fields=["corrected_value", "correction_reason", "corrected_by", "corrected_at"])
        _record_correction(locked, before, "更正数字", user, request)
    return locked


def withdraw_correction(figure: ImportedFigure, reason: str, *, user, request=None) -> ImportedFigure:
    """Go back to the value read from the text; the correction stays in the audit trail."""
    _require_supervisor(user, figure.report.org)
    with transaction.atomic():
        locked = ImportedFigure.objects.select_for_update().get(pk=figure.pk)
        before = _correction_state(locked)
        locked.corrected_value, locked.correction_reason = None, ""
        locked.corrected_by, locked.corrected_at = None, None
        locked.save(update_fields=["corrected_value", "correction_reason", "corrected_by", "corrected_at"])
        _record_correction(locked, before, "撤销更正", user, request, reason=reason.strip())
    return locked


def _correction_state(figure: ImportedFigure) -> dict:
    return {
        "value": plain_number(figure.value_used),
        "corrected_value": plain_number(figure.corrected_value),
        "reason": figure.correction_reason,
    }


def _record_correction(figure, before: dict, verb: str, user, request, reason: str = "") -> None:
    after = _correction_state(figure)
    name = indicator_name(figure.key)
    audit.record(
        EventKind.EDITED,
        f"{verb}：{name} {before['value']} → {after['value']}{figure.unit}",
        actor=audit.Actor.of(user, request),
        chain=figure.org_id,
        subject=figure,
        data={
            "report": figure.report_id,
            "key": figure.key,
            "quote": figure.quote,
            "extracted": plain_number(figure.value),
            "before": before,
            "after": after,
            "shown": [[f"{name}（{figure.key}）", before["value"], after["value"]]],
            "fields": {"reason": reason or after["reason"]},
        },
    )


def assign(
    report: ImportedReport, unit: Org | None, year: int | None, *, user, request=None
) -> ImportedReport:
    """Link the report to its unit of the tree and its year, when the text did not say them
    plainly; the dashboard counts its figures for that unit and year."""
    _require_supervisor(user, report.org)
    if unit is not None and not unit.is_within(report.org):
        raise NotAllowed("只能对应到导入单位本级或下属的单位。")
    with transaction.atomic():
        locked = ImportedReport.objects.select_for_update().get(pk=report.pk)
        before = {"unit": locked.unit.name if locked.unit else None, "year": locked.year}
        locked.unit, locked.year = unit, year
        locked.save(update_fields=["unit", "year", "updated_at"])
        after = {"unit": unit.name if unit else None, "year": year}
        if before != after:
            audit.record(
                EventKind.EDITED,
                f"修改对应单位和年度：{locked.file_name}",
                actor=audit.Actor.of(user, request),
                chain=locked.org_id,
                subject=locked,
                data={
                    "before": before,
                    "after": after,
                    "shown": [
                        ["对应单位", before["unit"], after["unit"]],
                        ["报告年度", before["year"], year],
                    ],
                },
            )
    return locked


def indicator_name(key: str) -> str:
    """The Chinese name of a key: the indicator registry's where the key is registered there,
    else the importer vocabulary's."""
    from fazhi.core import indicators as registry

    from .vocabulary import TERMS

    if key in registry.INDICATORS:
        return registry.get(key).name
    return TERMS[key].name if key in TERMS else key


def figure_link(figure: ImportedFigure) -> str:
    return f"{reverse('importer:detail', args=[figure.report_id])}?figure={figure.pk}#fig-{figure.pk}"


def imported_figures(org_ids, year: int, user=None) -> dict[int, dict[str, RegistryFigure]]:
    """The indicator registry's provider (core.indicators.register_imported): for each unit
    with an imported report of the year that `user` may read, the latest report's figures —
    the corrected value where there is one, the first figure stated where a key recurs."""
    reports = ImportedReport.objects.visible_to(user).filter(unit_id__in=list(org_ids), year=year)
    latest: dict[int, int] = {}
    for unit_id, pk in reports.order_by("unit_id", "-created_at", "-pk").values_list("unit_id", "pk"):
        latest.setdefault(unit_id, pk)
    unit_of = {pk: unit_id for unit_id, pk in latest.items()}
    found: dict[int, dict[str, RegistryFigure]] = {unit_id: {} for unit_id in latest}
    for figure in ImportedFigure.objects.filter(report_id__in=unit_of).order_by("report_id", "start", "pk"):
        mine = found[unit_of[figure.report_id]]
        if figure.key not in mine:
            mine[figure.key] = RegistryFigure(
                figure.key,
                plain_number(figure.value_used),
                figure.unit,
                source=Source.IMPORTED,
                quote=figure.quote,
                link=figure_link(figure),
            )
    return found
