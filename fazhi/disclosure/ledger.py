"""Importing a 依申请公开台账 (Excel or CSV): `fazhi import disclosure-requests FILE --org CODE`.

Every row is parsed and checked first and every problem is listed with its row number;
only a file without problems is written, in one transaction, through the database's bulk
path (COPY on PostgreSQL, executemany on SQLite). Re-importing the same file changes
nothing: requests are keyed by (org, 申请编号), and a row that differs from its request
updates it.

Each request's state and reply clock come from its dates, counted as the services count
them (procedure.py; LAW.md §1.1): 20 working days after 收到日期 (the day itself not
counted); 补正通知 pauses the clock and 补正收到 restarts the full period (第三十条); the
days of 征求意见 are not counted (第三十三条第三款); 延期 adds 20 working days (第三十三条第二款);
答复日期 stops it. Dates are ISO (2025-03-31) or Excel dates; an empty cell means "not
applicable". An optional column 机构代码 puts a row in a unit below --org.
"""

import csv
import datetime
import functools
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from fazhi.core import audit, clocks, workdays
from fazhi.core import indicators as registry
from fazhi.core.models import Clock, ClockState, EventKind, Org, RuleOverride, Unit
from fazhi.core.rules import RULES

from . import gio
from .models import DisclosureRequest
from .procedure import EXTENSION_DAYS, OUTCOME_BY_LABEL, REPLY, ApplicantType, Channel, State

COLUMNS = (
    "申请编号",
    "收到日期",
    "申请方式",
    "申请人类型",
    "申请人",
    "联系方式",
    "申请内容",
    "补正通知日期",
    "补正收到日期",
    "征求意见开始日期",
    "征求意见结束日期",
    "是否延期",
    "答复日期",
    "处理结果",
)
OPTIONAL = ("行政复议结果", "行政诉讼类型", "行政诉讼结果", "机构代码")
CHANNELS = {label: value for value, label in Channel.choices}
APPLICANTS = {label: value for value, label in ApplicantType.choices}
YES_NO = {"是": True, "否": False, "": False}
# Pairs of dates that must come in this order when both are given.
IN_ORDER = (
    ("收到日期", "补正通知日期"),
    ("补正通知日期", "补正收到日期"),
    ("收到日期", "征求意见开始日期"),
    ("征求意见开始日期", "征求意见结束日期"),
    ("收到日期", "答复日期"),
    ("补正收到日期", "答复日期"),
    ("征求意见结束日期", "答复日期"),
)
SUBJECT = DisclosureRequest._meta.label_lower
Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class LedgerRow:
    line: int
    org_id: int
    number: str
    dates: dict  # column -> date or None
    channel: str
    applicant_type: str
    applicant_name: str
    contact: str
    description: str
    extended: bool
    outcome: str  # the outcome's code
    review_result: str
    litigation_kind: str
    litigation_result: str


# --- reading ---------------------------------------------------------------------------------


def read_table(path: Path) -> list[list]:
    """The sheet's cells (Excel dates stay dates); an unreadable file is a `FileProblems`."""
    try:
        return _xlsx_cells(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_cells(path)
    except (ValueError, OSError, zipfile.BadZipFile, KeyError) as error:
        raise registry.FileProblems([f"无法读取文件（须为CSV或.xlsx）：{error}"]) from None


def _xlsx_cells(path: Path) -> list[list]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(row) for row in book.active.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_cells(path: Path) -> list[list]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")  # what Excel writes for a Chinese CSV
    return [list(row) for row in csv.reader(io.StringIO(text))]


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


EXCEL_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug folded in)
DATE_TEXT = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")


def parse_date(value) -> datetime.date | None:
    """ISO text (2025-03-31, also 2025/3/31), an Excel date cell or an Excel serial number."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value)
    raw = text(value)
    if not raw:
        return None
    if re.fullmatch(r"\d{5}(?:\.0+)?", raw):
        return _serial(float(raw))
    if match := DATE_TEXT.fullmatch(raw):
        return datetime.date(*map(int, match.groups()))
    raise ValueError(raw)


def _serial(number: float) -> datetime.date:
    if not 61 <= number < 2958466:
        raise ValueError(number)
    return EXCEL_EPOCH + datetime.timedelta(days=int(number))


# --- checking ----------------------------------------------------------------------------------


class RowReader:
    """One row's cells by column name; each problem is noted with the row number."""

    def __init__(self, line: int, cells: dict, problems: list[str]):
        self.line, self.cells, self.problems = line, cells, problems
        self.unreadable: set[str] = set()  # columns already reported

    def problem(self, message: str) -> None:
        self.problems.append(f"第{self.line}行：{message}")

    def text(self, column: str, limit: int, required: bool = False) -> str:
        value = text(self.cells.get(column))
        if required and not value:
            self.problem(f"缺少{column}")
        elif len(value) > limit:
            self.problem(f"{column}超过{limit}个字")
        return value[:limit]

    def date(self, column: str) -> datetime.date | None:
        try:
            return parse_date(self.cells.get(column))
        except (ValueError, OverflowError):
            self.unreadable.add(column)
            self.problem(f"{column}“{text(self.cells.get(column))}”不是有效日期（应为2025-03-31或Excel日期）")
            return None

    def choice(self, column: str, choices: dict, hint: str) -> str:
        value = text(self.cells.get(column))
        if value not in choices:
            self.problem(f"{column}“{value}”应为{hint}")
            return ""
        return choices[value]


def header_of(rows: list[list]) -> dict[str, int]:
    header = {text(name): i for i, name in enumerate(rows[0] if rows else [])}
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise registry.FileProblems([f"第1行：表头缺少列：{'、'.join(missing)}"])
    return header


def parse(rows: list[list], org: Org, progress: Progress | None = None) -> list[LedgerRow]:
    """Every row checked; all problems at once in a `FileProblems`, or the rows."""
    header, problems, parsed = header_of(rows), [], []
    orgs = {o.code: o.pk for o in org.subtree()}
    for line, row in enumerate(rows[1:], start=2):
        cells = {name: row[i] if i < len(row) else None for name, i in header.items()}
        if any(text(v) for v in cells.values()):
            parsed.append(parse_row(RowReader(line, cells, problems), org, orgs))
        if line % 1000 == 0:
            _progress(progress, "校验", line - 1, len(rows) - 1)
    _progress(progress, "校验", len(rows) - 1, len(rows) - 1)
    problems += duplicates(parsed)
    if problems:
        raise registry.FileProblems(problems)
    return parsed


def parse_row(r: RowReader, org: Org, orgs: dict[str, int]) -> LedgerRow:
    dates = {c: r.date(c) for c in COLUMNS if c.endswith("日期")}
    row = LedgerRow(
        r.line,
        _org_of(r, org, orgs),
        r.text("申请编号", 60, required=True),
        dates,
        r.choice("申请方式", CHANNELS, "当面、信函、网络、传真、其他之一"),
        r.choice(
            "申请人类型", APPLICANTS, "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他之一"
        ),
        r.text("申请人", 100),
        r.text("联系方式", 40),
        r.text("申请内容", 4000),
        r.choice("是否延期", YES_NO, "是或否"),
        _outcome(r),
        *_remedies(r),
    )
    _check_dates(r, row)
    return row


def _org_of(r: RowReader, org: Org, orgs: dict[str, int]) -> int:
    code = text(r.cells.get("机构代码"))
    if code and code not in orgs:
        known = Org.objects.filter(code=code).exists()
        r.problem(f"机构代码“{code}”{'不属于' + org.code + '及其下级机构' if known else '不存在'}")
    return orgs.get(code, org.pk) if code else org.pk


def _outcome(r: RowReader) -> str:
    label = text(r.cells.get("处理结果"))
    if label and label not in OUTCOME_BY_LABEL:
        r.problem(f"处理结果“{label}”不是全国统一的答复类型（如“予以公开”“不予公开-属于国家秘密”）")
    return OUTCOME_BY_LABEL[label].code if label in OUTCOME_BY_LABEL else ""


def _remedies(r: RowReader) -> tuple[str, str, str]:
    """行政复议结果, 行政诉讼类型 (as the report's column) and 行政诉讼结果, in table 四's words."""
    review, kind, result = (text(r.cells.get(c)) for c in OPTIONAL[:3])
    for column, word in (("行政复议结果", review), ("行政诉讼结果", result)):
        if word and word not in gio.RESULT_COLUMNS:
            r.problem(f"{column}“{word}”不在表四的结果对照表中（gio.RESULT_COLUMNS）")
    if kind and kind not in gio.LITIGATION_KINDS:
        r.problem(f"行政诉讼类型“{kind}”应为“未经复议直接起诉”或“复议后起诉”")
    if result and not kind:
        r.problem("填写了行政诉讼结果，须同时填写行政诉讼类型")
    return review, gio.LITIGATION_KINDS.get(kind, ""), result


def _check_dates(r: RowReader, row: LedgerRow) -> None:
    d = row.dates
    if d["收到日期"] is None and "收到日期" not in r.unreadable:
        r.problem("缺少收到日期")
    for message in _date_problems(d):
        r.problem(message)
    if d["答复日期"] and not row.outcome and not text(r.cells.get("处理结果")):
        r.problem("已答复的申请须填写处理结果")
    if row.outcome and not d["答复日期"]:
        r.problem("填写了处理结果，须同时填写答复日期")


def _date_problems(d: dict) -> list[str]:
    """Dates that have not happened yet, come in the wrong order, or lack their start."""
    found = [f"{column}{day}晚于今天" for column, day in d.items() if day and day > today()]
    found += [f"{b}{d[b]}早于{a}{d[a]}" for a, b in IN_ORDER if d[a] and d[b] and d[b] < d[a]]
    pairs = (("补正通知日期", "补正收到日期"), ("征求意见开始日期", "征求意见结束日期"))
    return found + [
        f"填写了{given}，须同时填写{needs}" for needs, given in pairs if d[given] and not d[needs]
    ]


def today() -> datetime.date:
    return timezone.localdate()


def duplicates(rows: list[LedgerRow]) -> list[str]:
    first: dict[tuple, int] = {}
    problems = []
    for row in rows:
        key = (row.org_id, row.number)
        if key in first and row.number:
            problems.append(f"第{row.line}行：申请编号“{row.number}”与第{first[key]}行重复")
        first.setdefault(key, row.line)
    return problems


# --- state and reply clock from the dates ----------------------------------------------------------


class Calendar:
    """The core's working-day answers (and local rules), remembered for one import: a ledger
    repeats its dates, units and rules."""

    def __init__(self, orgs: dict[int, Org]):
        self.add = functools.cache(workdays.add_workdays)
        self.between = functools.cache(workdays.workdays_between)
        self.next_on_or_after = functools.cache(workdays.next_workday_on_or_after)
        self.orgs, self.any_local = orgs, RuleOverride.objects.filter(rule_key=REPLY.key).exists()
        self.local = functools.cache(self._local)

    def _local(self, org_id: int, on: datetime.date) -> RuleOverride | None:
        return clocks.local_rule(REPLY.key, on, self.orgs[org_id]) if self.any_local else None

    def due(self, base: datetime.date, remaining: int) -> datetime.date:
        """A period with nothing left ends on the next working day."""  # as clocks._recompute
        return self.add(base, remaining) if remaining >= 1 else self.next_on_or_after(base)


def state_of(row: LedgerRow) -> str:
    d = row.dates
    if d["答复日期"]:
        return State.REPLIED
    if d["补正通知日期"] and not d["补正收到日期"]:
        return State.AWAITING_CORRECTION
    if d["征求意见开始日期"] and not d["征求意见结束日期"]:
        return State.CONSULTING
    return State.HANDLING


def reply_clock(row: LedgerRow, calendar: Calendar) -> Clock:
    """The reply clock as services would have left it: start, pause/restart for 补正,
    pause/resume for 征求意见, extension, stop on the reply — in that order (延期 is only
    possible once the request is being handled, and adding working days commutes with a pause)."""
    d, rule = row.dates, RULES.in_force(REPLY.key, row.dates["收到日期"])
    received, local = d["收到日期"], calendar.local(row.org_id, row.dates["收到日期"])
    clock = Clock(org_id=row.org_id, subject_type=SUBJECT, rule_key=rule.key, rule_since=rule.since)
    clock.unit, clock.started_on, clock.override = Unit.WORKDAYS, received, local
    clock.amount = local.amount if local else rule.amount  # the full period, kept for a restart
    _run(clock, received, clock.amount, calendar)
    if d["补正通知日期"]:
        _pause(clock, d["补正通知日期"], "等待申请人补正", calendar)
    if d["补正收到日期"]:
        _run(clock, d["补正收到日期"], clock.amount, calendar)  # 补正后重新起算
    if d["征求意见开始日期"] and clock.state == ClockState.RUNNING:
        _pause(clock, d["征求意见开始日期"], "征求意见", calendar)  # 征求意见期间不计入
        if d["征求意见结束日期"]:
            _run(clock, d["征求意见结束日期"], clock.remaining, calendar)
    if row.extended:
        _extend(clock, EXTENSION_DAYS, calendar)
    if d["答复日期"]:
        clock.state, clock.stopped_on = ClockState.STOPPED, d["答复日期"]
    return clock


def _run(clock: Clock, base: datetime.date, remaining: int, calendar: Calendar) -> None:
    clock.state, clock.base_on, clock.paused_on, clock.note = ClockState.RUNNING, base, None, ""
    clock.remaining = remaining
    _recompute(clock, calendar)


def _recompute(clock: Clock, calendar: Calendar) -> None:
    """As clocks._recompute for working days: a period running into a year whose holidays
    are not yet in the calendar keeps its due date pending (computed when that year is
    imported), as for a request registered on the platform."""
    remaining = max(clock.remaining, 0)
    clock.target_on = clock.base_on
    try:
        clock.due_on = calendar.due(clock.base_on, remaining)
    except workdays.CalendarUnknown as unknown:
        clock.due_on, clock.note = None, f"到期日待{unknown.year}年放假安排导入后计算"


def _pause(clock: Clock, on: datetime.date, reason: str, calendar: Calendar) -> None:
    """As clocks.pause: keep what is left on `on` (the days up to `on` have been spent)."""
    clock.remaining -= calendar.between(clock.base_on, on)
    clock.state, clock.paused_on, clock.base_on, clock.due_on = ClockState.PAUSED, on, None, None
    clock.note = reason


def _extend(clock: Clock, amount: int, calendar: Calendar) -> None:
    clock.remaining += amount
    clock.extended += amount
    if clock.state == ClockState.RUNNING:
        _recompute(clock, calendar)


def with_clocks(rows: list[LedgerRow], org: Org, progress: Progress | None = None) -> list[tuple]:
    """Each row with its reply clock; a pause or restart in a year the calendar lacks is a
    row problem (as the services refuse it)."""
    calendar, out, problems = Calendar({o.pk: o for o in org.subtree()}), [], []
    for i, row in enumerate(rows, start=1):
        try:
            out.append((row, reply_clock(row, calendar)))
        except workdays.CalendarUnknown as unknown:
            problems.append(f"第{row.line}行：{unknown}")
        if i % 1000 == 0 or i == len(rows):
            _progress(progress, "计算期限", i, len(rows))
    if problems:
        raise registry.FileProblems(problems)
    return out


# --- writing -------------------------------------------------------------------------------------

COMPARED = (
    "received_on",
    "channel",
    "applicant_type",
    "applicant_name",
    "phone",
    "email",
    "description",
    "state",
    "extended",
    "outcome",
    "replied_on",
    "review_result",
    "litigation_kind",
    "litigation_result",
)
CLOCK_COMPARED = ("state", "base_on", "remaining", "amount", "due_on", "paused_on", "stopped_on", "extended")
CLOSED = {State.REPLIED, State.DELIVERED, State.ARCHIVED}


def request_of(row: LedgerRow) -> DisclosureRequest:
    email = row.contact if "@" in row.contact else ""
    return DisclosureRequest(
        org_id=row.org_id,
        number=row.number,
        received_on=row.dates["收到日期"],
        channel=row.channel,
        applicant_type=row.applicant_type,
        applicant_name=row.applicant_name,
        phone="" if email else row.contact,
        email=email,
        description=row.description,
        state=state_of(row),
        extended=row.extended,
        outcome=row.outcome,
        replied_on=row.dates["答复日期"],
        review_result=row.review_result,
        litigation_kind=row.litigation_kind,
        litigation_result=row.litigation_result,
    )


def same(existing, wanted, fields) -> bool:
    return all(_comparable(f, getattr(existing, f)) == _comparable(f, getattr(wanted, f)) for f in fields)


def _comparable(name: str, value):
    """A request delivered or archived since it was imported is still the ledger's 已答复."""
    return State.REPLIED if name == "state" and value in CLOSED else value


@dataclass
class Plan:
    create: list[tuple[DisclosureRequest, Clock]]
    update: list[tuple[DisclosureRequest, Clock, Clock | None]]  # request, wanted, old clock
    unchanged: int


def plan(pairs: list[tuple[LedgerRow, Clock]]) -> Plan:
    org_ids = {row.org_id for row, _ in pairs}
    known = {(r.org_id, r.number): r for r in DisclosureRequest.objects.filter(org_id__in=org_ids)}
    old_clocks = {c.subject_id: c for c in _reply_clocks(org_ids).order_by("pk")}
    result = Plan([], [], 0)
    for row, clock in pairs:
        wanted, existing = request_of(row), known.get((row.org_id, row.number))
        if existing is None:
            result.create.append((wanted, clock))
            continue
        old = old_clocks.get(existing.pk)
        if same(existing, wanted, COMPARED) and old is not None and same(old, clock, CLOCK_COMPARED):
            result.unchanged += 1
        else:
            result.update.append((_updated(existing, wanted), clock, old))
    return result


def _reply_clocks(org_ids):
    return Clock.objects.filter(org_id__in=org_ids, subject_type=SUBJECT, rule_key=REPLY.key)


def _updated(existing: DisclosureRequest, wanted: DisclosureRequest) -> DisclosureRequest:
    for name in COMPARED:
        if not (name == "state" and _comparable(name, existing.state) == _comparable(name, wanted.state)):
            setattr(existing, name, getattr(wanted, name))
    return existing


def bulk_insert(model, objects, using=None) -> None:
    """COPY on PostgreSQL, one executemany on SQLite (DESIGN.md "Data at scale"); each value
    prepared by its model field, as Django's own save would."""
    using = connections[using.alias if using is not None else DEFAULT_DB_ALIAS]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(using.ops.quote_name(f.column) for f in fields)
    table = using.ops.quote_name(model._meta.db_table)
    rows = _db_rows(objects, fields, using)
    if using.vendor == "postgresql":
        with using.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    with using.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", rows
        )


def _db_rows(objects, fields, using):
    now = timezone.now()
    stamped = [
        f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    prepare = [(f.attname, f.get_db_prep_save) for f in fields]
    for obj in objects:
        for name in stamped:  # created_at, updated_at
            setattr(obj, name, now)
        yield [prep(getattr(obj, name), using) for name, prep in prepare]


def write(p: Plan, actor: audit.Actor, source: dict, progress: Progress | None = None) -> None:
    """All of it in one transaction (the caller's): requests, their clocks, one trail event per org."""
    total = len(p.create) + len(p.update)
    bulk_insert(DisclosureRequest, [r for r, _ in p.create])
    _progress(progress, "写入", len(p.create), total)
    ids = _ids_of([r for r, _ in p.create])
    new_clocks = [replace_subject(c, ids[(r.org_id, r.number)]) for r, c in p.create]
    bulk_insert(Clock, new_clocks)
    _apply_updates(p.update)
    _progress(progress, "写入", total, total)
    _record(p, actor, source)


def _progress(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress:
        progress(stage, done, total)


def _ids_of(created: list[DisclosureRequest]) -> dict[tuple[int, str], int]:
    org_ids = {r.org_id for r in created}
    found = DisclosureRequest.objects.filter(org_id__in=org_ids).values_list("org_id", "number", "pk")
    return {(org_id, number): pk for org_id, number, pk in found}


def replace_subject(clock: Clock, subject_id: int) -> Clock:
    clock.subject_id = subject_id
    return clock


def _apply_updates(updates) -> None:
    if not updates:
        return
    DisclosureRequest.objects.bulk_update(
        [r for r, _, _ in updates], [*COMPARED, "updated_at"], batch_size=500
    )
    stale = [old.pk for _, _, old in updates if old is not None]
    Clock.objects.filter(pk__in=stale).delete()
    bulk_insert(Clock, [replace_subject(c, r.pk) for r, c, _ in updates])


def _record(p: Plan, actor: audit.Actor, source: dict) -> None:
    by_org: dict[int, dict] = {}
    for kind, items in (("created", p.create), ("updated", p.update)):
        for item in items:
            by_org.setdefault(item[0].org_id, {"created": [], "updated": []})[kind].append(item[0].number)
    for org_id, numbers in by_org.items():
        created, updated = len(numbers["created"]), len(numbers["updated"])
        summary = f"导入依申请公开台账{source['file']}：新增{created}件，更新{updated}件"
        audit.record(EventKind.CREATED, summary, actor=actor, chain=org_id, data=source | numbers)


def import_file(path: Path, org: Org, *, progress: Progress | None = None, actor=audit.SYSTEM) -> str:
    """Check everything, then write everything in one transaction; returns the summary."""
    rows = read_table(Path(path))
    pairs = with_clocks(parse(rows, org, progress), org, progress)
    source = {"file": Path(path).name, "sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest()}
    with transaction.atomic():
        p = plan(pairs)
        write(p, actor, source, progress)
    return f"依申请公开台账导入完成：新增{len(p.create)}件，更新{len(p.update)}件，未变化{p.unchanged}件。"


registry.register_importer(
    registry.Importer("disclosure-requests", "依申请公开台账", import_file, COLUMNS + OPTIONAL)
)
