"""The records of the 规范性文件 and 重大行政决策 registers for bench/indicators.py.

For a city's units over two years, as they stand on `as_of`, generated in Python and loaded
through the same bulk paths as the other records (explicit ids, so that reviews, cleanup
entries, process records, consultations and clocks can point at their subjects):

    规范性文件  documents in every state: a third imported from before the platform (some
                without 有效期, some past it, declared 失效 or not yet), the rest drafted on
                it; 备案 clocks (`normdocs.filing`, 30 days from 公布) stopped on time, late or
                still running; 合法性审核 at the 司法 unit of the same level, some refused and
                submitted again; a cleanup of the city in 2024 and of each county in 2025
                (继续有效 / 修改 / 废止, a few undecided), whose 修改 and 废止 the documents
                then carry out; portal consultations with a few comments (counted by no
                decisions figure: another subject type)
    重大行政决策  a catalogue per unit and year (2024, 2025 and some 2026; a few never
                published), decisions in every state, process records of each kind done or
                lawfully waived (some recorded twice), evaluations with their clocks, and
                consultations whose comments are adopted, not adopted, undecided or hidden,
                received at any hour (the day counts in Asia/Shanghai)

Rows are plain dicts until written, so that a cleanup's 废止 can still end its document.
"""

import datetime
import json
import random
from dataclasses import dataclass

from django.apps import apps

from fazhi.core.models import Level, Org
from fazhi.decisions.procedure import EVALUATION_DUE
from fazhi.normdocs.procedure import FILING, REVIEW

DOCUMENT = "normdocs.document"
DECISION = "decisions.decision"

MODELS = (
    "normdocs.Document",
    "normdocs.LegalityReview",
    "normdocs.CleanupCampaign",
    "normdocs.CleanupEntry",
    "decisions.Catalogue",
    "decisions.Decision",
    "decisions.ProcessRecord",
    "decisions.Evaluation",
    "core.Consultation",
    "core.Comment",
)
TABLES = tuple(apps.get_model(label)._meta.db_table for label in MODELS)
WAIVER_GROUNDS = {"participation": "not_public", "experts": "not_technical", "risk": "no_risk"}


def fields(table: str) -> dict[str, object]:
    """{column: the model's default} of every column written (the creator is left empty), read
    from the model so that a column added to it is filled too."""
    model = apps.get_model(MODELS[TABLES.index(table)])
    return {f.column: _default(f) for f in model._meta.concrete_fields if f.column != "created_by_id"}


def _default(field):
    if field.has_default():
        value = field.get_default()
        return json.dumps(value) if isinstance(value, list | dict) else value
    return None if field.null else ""


def as_rows(table: str, records: list[dict], stamp: str):
    """The dicts as tuples in `fields` order; unset columns take the model's default. A moment
    (a comment's, in UTC) is written as `stamp` writes midnight: with "+00" on PostgreSQL."""
    defaults, zone = fields(table), stamp[19:]
    for record in records:
        at = record.get("created_at")
        record["created_at"] = f"{at:%Y-%m-%d %H:%M:%S}{zone}" if at else stamp
        record.setdefault("updated_at", stamp)
        yield tuple(record.get(column, default) for column, default in defaults.items())


@dataclass(frozen=True)
class Period:
    first_day: datetime.date
    days: int
    as_of: datetime.date

    def day(self, rng: random.Random, start: datetime.date | None = None, days: int | None = None):
        return (start or self.first_day) + datetime.timedelta(days=rng.randrange(days or self.days))

    def shown(self, on: datetime.date | None) -> datetime.date | None:
        return on if on is not None and on <= self.as_of else None


def plus(on: datetime.date, rng: random.Random, low: int, high: int) -> datetime.date:
    return on + datetime.timedelta(days=rng.randint(low, high))


def years_after(on: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (29 February: the 28th)."""
    return on.replace(year=on.year + years, day=min(on.day, 28) if on.month == 2 else on.day)


def workday_on_or_after(on: datetime.date) -> datetime.date:
    """A due date off the weekend (the bench's calendar has no holidays for these clocks)."""
    return on + datetime.timedelta(days=7 - on.weekday() if on.weekday() >= 5 else 0)


def clock(org, subject_type, subject_id, rule, unit, started, amount, due, stopped) -> tuple:
    state = "stopped" if stopped else "running"
    target = started + datetime.timedelta(days=amount) if unit == "days" else due
    head = (org, subject_type, subject_id, rule.key, rule.since, unit, state, started, started)
    return head + (amount, target, due, stopped, 0, amount, "")


class Ids:
    """The next explicit id of each table."""

    def __init__(self, first: dict[str, int]):
        self.next = dict(first)

    def __call__(self, table: str) -> int:
        self.next[table] += 1
        return self.next[table] - 1


@dataclass(frozen=True)
class Orgs:
    """The units of the city: ids (the city first), each one's parent, and which are governments
    (the city and its counties: 制定机关 with a 司法局 among their departments)."""

    ids: list[int]
    parent: dict[int, int | None]
    governments: tuple[int, ...]

    @classmethod
    def of(cls, org_ids: list[int]) -> "Orgs":
        rows = Org.objects.filter(pk__in=org_ids).values_list("pk", "parent_id", "level")
        governments = tuple(pk for pk, _, level in rows if level in (Level.CITY, Level.COUNTY))
        return cls(org_ids, {pk: parent for pk, parent, _ in rows}, governments)

    def government(self, org: int) -> int:
        return org if org in self.governments else self.parent[org]

    def subtree(self, org: int) -> set[int]:
        return {o for o in self.ids if org in self.line(o)}

    def line(self, org: int | None) -> list[int]:
        """The org and every org above it."""
        found = []
        while org is not None:
            found.append(org)
            org = self.parent.get(org)
        return found


def generate(sizes: dict[str, int], orgs: Orgs, ids: Ids, period: Period) -> dict[str, list]:
    """{table: dicts, "clocks": tuples} of both registers, `sizes` documents and decisions."""
    found = normdocs(sizes["normdocs"], orgs, ids, period)
    for table, records in decisions(sizes["decisions"], orgs, ids, period).items():
        found[table] += records
    return found


# --- 规范性文件 ------------------------------------------------------------------------------


def normdocs(count: int, orgs: Orgs, ids: Ids, period: Period, seed=37) -> dict:
    """{table: dicts} and the clocks of `count` documents, their reviews and cleanups."""
    rng, found = random.Random(seed), {t: [] for t in TABLES} | {"clocks": []}
    judicial, parent = _judicial_units(orgs), orgs.parent
    for _ in range(count):
        doc_id, org = ids("normdocs_document"), rng.choice(orgs.ids)
        doc = {"id": doc_id, "org_id": org, "title": "管理办法", "legal_basis": "依据"}
        if rng.random() < 0.15:
            doc["title"] = "暂行办法"
        if rng.random() < 0.3:
            _imported(doc, rng, period, parent.get(org))
        else:
            _drafted(doc, rng, period, parent.get(org), judicial[org], ids, found)
        found["normdocs_document"].append(doc)
    _cleanups(found, orgs, ids, period, rng)
    _comments_on(found, DOCUMENT, ids, period, rng, per_consultation=3)
    return found


def _judicial_units(orgs: Orgs) -> dict[int, int]:
    """Each org's reviewing body: the first department of its city or county (its 司法局)."""
    first = {}
    for o in orgs.ids:
        if o not in orgs.governments:
            first.setdefault(orgs.parent[o], o)
    return {o: first.get(orgs.government(o), orgs.government(o)) for o in orgs.ids}


def _imported(doc: dict, rng: random.Random, period: Period, filing_org) -> None:
    """A document from before the platform: no clock; a third without 有效期."""
    published = period.day(rng, datetime.date(2016, 1, 1), 2900)  # 2016 .. 2023-12
    valid = None if rng.random() < 0.33 else years_after(published, 5)
    doc |= {"imported": True, "state": "in_force", "published_on": published, "effective_on": published}
    doc |= {"issued_on": published, "valid_until": valid, "filing_org_id": filing_org}
    doc["filed_on"] = published + datetime.timedelta(days=rng.randint(3, 40))
    if valid and valid < period.as_of and rng.random() < 0.6:  # 失效, declared some weeks later
        ended = period.shown(plus(valid, rng, 1, 60))
        doc |= {"state": "expired", "ended_on": ended} if ended else {}
    elif rng.random() < 0.05:
        doc |= {"state": "repealed", "ended_on": period.day(rng), "end_reason": "不再适用"}


def _drafted(doc, rng, period: Period, filing_org, reviewer, ids: Ids, found: dict) -> None:
    """立项 on the platform, then as far along the procedure as `as_of` allows."""
    started = period.day(rng, period.first_day - datetime.timedelta(days=120), period.days + 60)
    doc["state"] = "drafting"
    if rng.random() < 0.03:
        return  # stalled in drafting
    opens = plus(started, rng, 10, 60)
    if not period.shown(opens):
        return
    doc |= {"state": "consulting", "consult_opens_on": opens}
    doc["consult_closes_on"] = closes = opens + datetime.timedelta(days=30)
    if rng.random() < 0.4:
        found["core_consultation"].append(_consultation(ids, doc, DOCUMENT, opens, closes, period))
    submitted = plus(closes, rng, 1, 15)
    concluded = _reviews(doc, rng, period, reviewer, submitted, ids, found)
    if concluded is None:
        return
    doc |= {"state": "decided", "decided_on": period.shown(plus(concluded, rng, 3, 25))}
    if doc["decided_on"] is None:
        doc |= {"state": "reviewing"}
        return
    doc |= {"fair_reviewed_on": concluded, "fair_conclusion": "符合", "meeting": "常务会议"}
    _published(doc, rng, period, filing_org, found)


def _reviews(doc, rng, period: Period, reviewer, submitted, ids: Ids, found: dict):
    """合法性审核, once or (refused) twice; the passing review's date, or None."""
    for attempt in (1, 2):
        if not period.shown(submitted):
            return None
        doc["state"] = "reviewing"
        concluded = period.shown(plus(submitted, rng, 5, 22))
        refused = attempt == 1 and rng.random() < 0.06
        outcome = (
            "" if concluded is None else "rejected" if refused else rng.choice(("approved", "with_changes"))
        )
        review = {"id": ids("normdocs_legalityreview"), "org_id": reviewer, "document_id": doc["id"]}
        review |= {"document_org_id": doc["org_id"], "submitted_on": submitted, "concluded_on": concluded}
        review |= {"state": "concluded" if concluded else "submitted", "outcome": outcome, "rulings": "[]"}
        found["normdocs_legalityreview"].append(review)
        stopped = concluded if concluded else None
        due = workday_on_or_after(submitted + datetime.timedelta(days=21))
        found["clocks"].append(
            clock(
                reviewer,
                "normdocs.legalityreview",
                review["id"],
                REVIEW,
                "workdays",
                submitted,
                15,
                due,
                stopped,
            )
        )
        if not refused:
            return concluded
        doc["state"] = "drafting"
        submitted = plus(concluded, rng, 10, 40) if concluded else submitted
    return None


def _published(doc: dict, rng, period: Period, filing_org, found: dict) -> None:
    """印发, 公布 with its 备案 clock, 备案 (on time, on the last day, late or never), and an end."""
    issued = period.shown(plus(doc["decided_on"], rng, 1, 10))
    if issued is None:
        return
    doc |= {
        "state": "issued",
        "issued_on": issued,
        "number": f"规{doc['id']}",
        "register_number": f"登{doc['id']}",
    }
    published = period.shown(plus(issued, rng, 0, 10))
    if published is None:
        return
    effective = published + datetime.timedelta(days=rng.choice((0, 0, 30)))
    years = 2 if "暂行" in doc["title"] else 5
    valid = years_after(effective, years) - datetime.timedelta(days=1)
    doc |= {"state": "in_force", "published_on": published, "effective_on": effective, "valid_until": valid}
    doc |= {"interpretation": "解读", "filing_org_id": filing_org}
    due = workday_on_or_after(published + datetime.timedelta(days=FILING.amount))
    filed = period.shown(_filed(published, due, rng))
    doc |= {"filed_on": filed, "filed_with": "上级人民政府" if filed else ""}
    found["clocks"].append(
        clock(doc["org_id"], DOCUMENT, doc["id"], FILING, "days", published, 30, due, filed)
    )
    ending = rng.random()
    if ending < 0.07:  # 废止 or 修改 some months on, if that has happened by as_of
        ended = period.shown(plus(published, rng, 20, 500))
        state, reason = ("repealed", "上位法修改") if ending < 0.04 else ("amended", "修改")
        doc |= {"state": state, "ended_on": ended, "end_reason": reason} if ended else {}


def _filed(published: datetime.date, due: datetime.date, rng) -> datetime.date | None:
    """备案: mostly in time, some on the due date itself, some late, some never."""
    fate = rng.random()
    if fate < 0.78:
        return plus(published, rng, 2, (due - published).days)
    if fate < 0.82:
        return due
    return plus(due, rng, 1, 90) if fate < 0.94 else None


def _in_force_on(doc: dict, on: datetime.date) -> bool:
    """Document.objects.in_force_on, for one dict."""
    if doc["state"] not in ("in_force", "amended", "repealed", "expired"):
        return False
    ended = doc.get("ended_on")
    still = (doc["state"] == "in_force" and ended is None) or (ended is not None and ended > on)
    valid = doc.get("valid_until")
    return still and doc["effective_on"] <= on and (valid is None or valid >= on)


def _cleanups(found: dict, orgs: Orgs, ids: Ids, period: Period, rng) -> None:
    """清理: the city's in 2024, each county's in 2025; 修改 and 废止 are then carried out."""
    city, counties = orgs.ids[0], [o for o in orgs.governments if o != orgs.ids[0]]
    plans = [(city, datetime.date(2024, 5, 6))] + [(c, datetime.date(2025, 9, 1)) for c in counties]
    for org, started in plans:
        campaign = {
            "id": ids("normdocs_cleanupcampaign"),
            "org_id": org,
            "title": "清理",
            "started_on": started,
        }
        found["normdocs_cleanupcampaign"].append(campaign)
        inside = orgs.subtree(org)
        for doc in found["normdocs_document"]:
            if doc["org_id"] in inside and _in_force_on(doc, started):
                found["normdocs_cleanupentry"].append(
                    _entry(ids("normdocs_cleanupentry"), doc, campaign, rng, period)
                )


def _entry(entry_id: int, doc: dict, campaign: dict, rng, period: Period) -> dict:
    """A cleanup decision (a few never made); 修改 and 废止 end the document some weeks later."""
    decided = period.shown(plus(campaign["started_on"], rng, 5, 160)) if rng.random() < 0.96 else None
    decision = rng.choices(("keep", "amend", "repeal"), (85, 8, 7))[0] if decided else ""
    entry = {"id": entry_id, "org_id": doc["org_id"], "campaign_id": campaign["id"], "document_id": doc["id"]}
    entry |= {"decision": decision, "decided_on": decided, "reason": "清理结论" if decided else ""}
    ended = period.shown(plus(decided, rng, 5, 60)) if decision in ("amend", "repeal") else None
    if ended and doc["state"] == "in_force":
        state = "repealed" if decision == "repeal" else "amended"
        doc |= {"state": state, "ended_on": ended, "end_reason": "清理"}
    return entry


# --- consultations and comments (core) -------------------------------------------------------


def _consultation(ids: Ids, subject: dict, subject_type: str, opens, closes, period: Period) -> dict:
    closed = period.shown(closes + datetime.timedelta(days=3))
    found = {"id": ids("core_consultation"), "org_id": subject["org_id"], "subject_type": subject_type}
    found |= {"subject_id": subject["id"], "title": "征求意见稿", "text": "草案", "opens_on": opens}
    found |= {"closes_on": closes, "state": "closed" if closed else "open", "closed_on": closed}
    found["feedback"] = "采纳情况" if closed else ""
    return found


def _comments_on(found: dict, subject_type, ids: Ids, period: Period, rng, per_consultation: int):
    """Comments received at any hour of the consultation's days (UTC stamps), none after as_of."""
    for consultation in found["core_consultation"]:
        if consultation["subject_type"] != subject_type:
            continue
        days = (consultation["closes_on"] - consultation["opens_on"]).days + 1
        for _ in range(rng.randint(0, 2 * per_consultation)):
            at = datetime.datetime.combine(consultation["opens_on"], datetime.time()) - datetime.timedelta(
                hours=8
            )
            at += datetime.timedelta(seconds=rng.randrange(days * 86400))
            if at.date() > period.as_of - datetime.timedelta(days=1):
                continue
            adopted = rng.choices((True, False, None), (25, 50, 25))[0]
            comment = {"id": ids("core_comment"), "consultation_id": consultation["id"]}
            comment |= {"org_id": consultation["org_id"], "body": "意见", "created_at": at}
            comment |= {"adopted": adopted, "hidden": rng.random() < 0.03, "reply": "答复" if adopted else ""}
            found["core_comment"].append(comment)


# --- 重大行政决策 ---------------------------------------------------------------------------

KINDS = ("participation", "experts", "risk")


def decisions(count: int, orgs: Orgs, ids: Ids, period: Period, seed=2019) -> dict:
    """{table: dicts} and the clocks of `count` decisions in the units' catalogues."""
    rng, found = random.Random(seed), {t: [] for t in TABLES} | {"clocks": []}
    catalogues = _catalogues(orgs, ids, period, rng)
    found["decisions_catalogue"] = catalogues
    weights = [4 if c["org_id"] in orgs.governments else 1 for c in catalogues]
    for catalogue in rng.choices(catalogues, weights, k=count):
        _decision(catalogue, ids, period, rng, found)
    _comments_on(found, DECISION, ids, period, rng, per_consultation=12)
    return found


def _catalogues(orgs: Orgs, ids: Ids, period: Period, rng) -> list[dict]:
    """One a unit and year (2024, 2025, half of them 2026), published early in the year (a few
    never: their decisions count nowhere)."""
    found = []
    for org in orgs.ids:
        for year in (2024, 2025, 2026):
            if year == 2026 and rng.random() < 0.5:
                continue
            published = period.shown(period.day(rng, datetime.date(year, 1, 5), 50))
            if rng.random() < 0.06:
                published = None
            catalogue = {"id": ids("decisions_catalogue"), "org_id": org, "year": year}
            catalogue |= {"state": "published" if published else "draft", "published_on": published}
            catalogue["party_agreed_on"] = published - datetime.timedelta(days=5) if published else None
            found.append(catalogue)
    return found


def _decision(catalogue: dict, ids: Ids, period: Period, rng, found: dict) -> None:
    started = period.day(rng, datetime.date(catalogue["year"], 1, 1), 300)
    decision = {
        "id": ids("decisions_decision"),
        "org_id": catalogue["org_id"],
        "catalogue_id": catalogue["id"],
    }
    decision |= {
        "title": "决策事项",
        "category": rng.choice(("policy", "plan", "resources", "project", "other")),
    }
    decision |= {"undertaker": "承办单位", "state": "drafting", "planned": "年内"}
    if catalogue["published_on"] and rng.random() < 0.05:
        decision["added_reason"] = "目录调整增列"
    found["decisions_decision"].append(decision)
    if not period.shown(started):
        return
    ready = max(
        _participation(decision, started, ids, period, rng, found),
        *(_procedure(decision, kind, started, ids, period, rng, found) for kind in KINDS[1:]),
    )
    if rng.random() < 0.08 or not period.shown(ready):
        if rng.random() < 0.3 and period.shown(ready):  # 合法性审查 done, not yet tabled
            _legality(decision, ready, ids, period, rng, found)
        return
    concluded = _legality(decision, ready, ids, period, rng, found)
    _discussed(decision, concluded, ids, period, rng, found)


def _record(decision, kind, status, on, ids: Ids, found: dict, **extra) -> None:
    record = {
        "id": ids("decisions_processrecord"),
        "org_id": decision["org_id"],
        "decision_id": decision["id"],
    }
    record |= {"kind": kind, "status": status, "recorded_on": on, "summary": "记录"} | extra
    if status == "waived":
        record |= {"waiver_ground": WAIVER_GROUNDS[kind], "waiver_reason": "理由", "summary": "不适用"}
    found["decisions_processrecord"].append(record)


def _procedure(decision, kind, started, ids: Ids, period: Period, rng, found: dict) -> datetime.date:
    """专家论证 / 风险评估: done or waived (some first the one, later the other), or not yet."""
    on = plus(started, rng, 20, 150)
    if not period.shown(on):
        return on
    fields = {"assessor": "研究院", "signed": True} if kind == "experts" else {}
    fields |= (
        {"risk_level": rng.choice(("low", "medium")), "risk_controllable": True} if kind == "risk" else {}
    )
    fate = rng.random()
    if fate < 0.06:  # waived, then found to need it after all
        _record(decision, kind, "waived", on, ids, found)
        on = plus(on, rng, 5, 30)
        _record(decision, kind, "done", on, ids, found, **fields)
    elif fate < 0.09:  # done, then recorded as not applying (the latest record is in force)
        _record(decision, kind, "done", on, ids, found, **fields)
        on = plus(on, rng, 5, 30)
        _record(decision, kind, "waived", on, ids, found)
    else:
        done = fate < (0.6 if kind == "experts" else 0.55)
        _record(decision, kind, "done" if done else "waived", on, ids, found, **(fields if done else {}))
    return on


def _participation(decision, started, ids: Ids, period: Period, rng, found: dict) -> datetime.date:
    """公众参与: a consultation of 30 days (a few shortened), closed, then the record; or waived."""
    opens = plus(started, rng, 10, 90)
    if rng.random() < 0.15:
        if period.shown(opens):
            _record(decision, "participation", "waived", opens, ids, found)
        return opens
    if not period.shown(opens):
        return opens
    closes = opens + datetime.timedelta(days=30 if rng.random() < 0.9 else 20)
    consultation = _consultation(ids, decision, DECISION, opens, closes, period)
    found["core_consultation"].append(consultation)
    if consultation["closed_on"]:
        _record(decision, "participation", "done", consultation["closed_on"], ids, found)
    return consultation["closed_on"] or closes + datetime.timedelta(days=3)


def _legality(decision, ready, ids: Ids, period: Period, rng, found: dict) -> datetime.date:
    sent = plus(ready, rng, 1, 10)
    concluded = plus(sent, rng, 10, 25)
    if period.shown(concluded):
        fields = {"reviewer": "审查人", "reviewer_org": "司法局", "sent_on": sent, "concluded_on": concluded}
        conclusion = rng.choice(("lawful", "amended"))
        _record(decision, "legality", "done", concluded, ids, found, conclusion=conclusion, **fields)
    return concluded


def _discussed(decision: dict, concluded, ids: Ids, period: Period, rng, found: dict) -> None:
    """提请集体讨论, then decided (some rejected, some still tabled), published, archived; some
    evaluated after (决策后评估, with its clock)."""
    tabled = period.shown(plus(concluded, rng, 3, 20))
    if tabled is None:
        return
    decision["state"] = "tabled"
    meeting = period.shown(plus(tabled, rng, 5, 40))
    if meeting is None:
        return
    decision |= {
        "meeting_on": meeting,
        "meeting_kind": rng.choice(("executive", "plenary")),
        "minutes": "讨论",
    }
    if rng.random() < 0.05:
        decision["state"] = "rejected"
        return
    decision |= {"state": "decided", "decided_on": meeting}
    published = period.shown(plus(meeting, rng, 5, 30)) if rng.random() < 0.8 else None
    if published is None:
        return
    decision |= {
        "state": "published",
        "published_on": published,
        "party_report": "已报告",
        "explanation": "说明",
    }
    archived = period.shown(plus(published, rng, 30, 120)) if rng.random() < 0.5 else None
    if archived:
        decision |= {"state": "archived", "archived_on": archived, "archive_number": f"档{decision['id']}"}
    if rng.random() < 0.12:
        _evaluation(decision, published, ids, period, rng, found)


def _evaluation(decision: dict, published, ids: Ids, period: Period, rng, found: dict) -> None:
    due = plus(published, rng, 180, 400)
    done = period.shown(plus(due, rng, -120, 20)) if rng.random() < 0.5 else None
    evaluation = {
        "id": ids("decisions_evaluation"),
        "org_id": decision["org_id"],
        "decision_id": decision["id"],
    }
    evaluation |= {"ground": rng.choice(("missed", "objections", "necessary")), "done_on": done}
    evaluation |= {"state": "done" if done else rng.choice(("planned", "scheduled"))}
    evaluation |= {"evaluator": "评估机构", "conclusion": "评估结论"} if done else {}
    found["decisions_evaluation"].append(evaluation)
    subject = ("decisions.evaluation", evaluation["id"])
    found["clocks"].append(
        clock(decision["org_id"], *subject, EVALUATION_DUE, "date", published, 0, due, done)
    )
