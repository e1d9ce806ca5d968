"""Drafting and deciding: the catalogue, 公众参与, the process records, the steps of the
decision (engine transitions) and 决策后评估."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core import access, audit, engine
from fazhi.core import consultation as consultations
from fazhi.core.models import EventKind, Role

from ..models import Catalogue, Decision, Evaluation, ProcessRecord
from ..procedure import (
    BASIS,
    CATALOGUE,
    CATALOGUE_PROCEDURE,
    CONSULTATION,
    CONSULTATION_PERIOD,
    EVALUATION,
    EVALUATION_PROCEDURE,
    FAIR_COMPETITION,
    LEGALITY,
    PARTICIPATION,
    PROCEDURE,
    PUBLISHED_STATES,
    WAIVERS,
    CatalogueState,
    EvaluationGround,
    Kind,
    LegalityConclusion,
    RecordStatus,
    RiskLevel,
    State,
    minimum,
)

DRAFTERS = (Role.CLERK, Role.HEAD)
RECORDERS = {
    Kind.PARTICIPATION: DRAFTERS,
    Kind.EXPERTS: DRAFTERS,
    Kind.RISK: DRAFTERS,
    Kind.LEGALITY: (Role.CLERK, Role.HEAD, Role.REVIEWER),
    Kind.FAIR_COMPETITION: (Role.CLERK, Role.HEAD, Role.REVIEWER),
}


def _today(on):
    return on or timezone.localdate()


def _actor(user, request):
    return audit.Actor.of(user, request)


def _require(user, org, roles, what: str, cite=None) -> None:
    if not access.roles_toward(user, org) & set(roles):
        names = "、".join(Role(r).label for r in roles)
        raise engine.Refused(f"「{what}」只能由{org.name}的{names}办理。", cite)


def _drafting(decision: Decision, what: str) -> None:
    if decision.state != State.DRAFTING:
        raise engine.Refused(
            f"决策当前为「{decision.get_state_display()}」，不能{what}：过程记录在拟订草案阶段办理。"
        )


def _log(kind, summary, subject, user, request, data=None):
    audit.record(kind, summary, actor=_actor(user, request), chain=subject.org_id, subject=subject, data=data)


# --- the catalogue (第三条第三款) ----------------------------------------------------------


@transaction.atomic
def new_catalogue(user, org, year: int, *, request=None) -> Catalogue:
    _require(user, org, DRAFTERS, "编制决策事项目录", CATALOGUE)
    try:
        with transaction.atomic():
            catalogue = Catalogue.objects.create(org=org, year=year, created_by=user)
    except IntegrityError:
        raise engine.Refused(f"{org.name}{year}年度的决策事项目录已经存在。") from None
    _log(EventKind.CREATED, f"编制{year}年度重大行政决策事项目录", catalogue, user, request, {"year": year})
    return catalogue


@transaction.atomic
def add_decision(
    catalogue: Catalogue,
    user,
    *,
    title,
    undertaker,
    category="policy",
    planned="",
    summary="",
    reason="",
    market_related=False,
    request=None,
) -> Decision:
    """A decision listed in the catalogue; after publication only as an adjustment with its reason."""
    _require(user, catalogue.org, DRAFTERS, "列入决策事项目录", CATALOGUE)
    if not title.strip() or not undertaker.strip():
        raise engine.Refused("请填写决策事项名称和决策承办单位。")
    if catalogue.state == CatalogueState.PUBLISHED and not reason.strip():
        raise engine.Refused("目录已经公布：调整目录须说明理由。", CATALOGUE)
    decision = Decision.objects.create(
        org=catalogue.org,
        catalogue=catalogue,
        title=title.strip(),
        undertaker=undertaker.strip(),
        category=category,
        planned=planned,
        summary=summary,
        added_reason=reason.strip(),
        market_related=bool(market_related),
        created_by=user,
    )
    what = "调整目录，增列" if reason.strip() else "列入目录"
    _log(EventKind.CREATED, f"{what}：{decision.title}", decision, user, request, {"reason": reason.strip()})
    return decision


def publish_catalogue(catalogue: Catalogue, user, *, party_agreed_on: datetime.date, request=None, on=None):
    on = _today(on)

    def dated(locked):
        locked.published_on = on

    data = {"party_agreed_on": party_agreed_on}
    return engine.apply(
        CATALOGUE_PROCEDURE, catalogue, "publish", user, data, effect=dated, request=request, on=on
    )


# --- 公众参与: the public consultation (第十四条、第十五条) ---------------------------------


@transaction.atomic
def open_consultation(
    decision: Decision,
    user,
    *,
    title: str,
    text: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    shortened_reason: str = "",
    request=None,
    on=None,
):
    """公开征求意见: at least 30 days; a shorter period only with its reason, stated in the
    draft the public sees (第十五条)."""
    on = _today(on)
    _require(user, decision.org, DRAFTERS, "公开征求意见", PARTICIPATION)
    _drafting(decision, "公开征求意见")
    current = decision.consultation()
    if current is not None and current.state == "open":
        raise engine.Refused("该决策已有正在进行的公开征求意见。", PARTICIPATION)
    if opens_on < on:
        raise engine.Refused("征求意见开始日期不能早于今天。", CONSULTATION_PERIOD)
    needed = minimum(CONSULTATION, opens_on, decision.org)
    days = (closes_on - opens_on).days
    shortened_reason = shortened_reason.strip()
    if days < needed and not shortened_reason:
        raise engine.Refused(
            f"公开征求意见的期限一般不少于{needed}日（现为{days}日）；因情况紧急等原因需要缩短的，须说明理由。",
            CONSULTATION_PERIOD,
        )
    if shortened_reason and days < needed:
        text = f"【说明】本次征求意见期限为{days}日，少于{needed}日，理由：{shortened_reason}\n{text}"
    try:
        found = consultations.open_for(
            decision, title=title, text=text, opens_on=opens_on, closes_on=closes_on, actor=user
        )
    except consultations.ConsultationError as error:
        raise engine.Refused(str(error), CONSULTATION_PERIOD) from None
    summary = f"公开征求意见：{opens_on}至{closes_on}（{days}日）"
    _log(
        EventKind.EDITED,
        summary,
        decision,
        user,
        request,
        {"consultation": found.pk, "shortened": shortened_reason},
    )
    return found


@transaction.atomic
def close_consultation(decision: Decision, user, *, feedback: str, request=None, on=None) -> ProcessRecord:
    """End the consultation after its period and publish the 采纳情况; the 公众参与 record."""
    on = _today(on)
    _require(user, decision.org, DRAFTERS, "公布意见采纳情况", PARTICIPATION)
    _drafting(decision, "公布意见采纳情况")
    found = decision.consultation()
    if found is None or found.state != "open":
        raise engine.Refused("该决策没有正在进行的公开征求意见。", PARTICIPATION)
    if on <= found.closes_on:
        raise engine.Refused(
            f"征求意见期限至{found.closes_on}届满，届满后方可结束并公布采纳情况。", CONSULTATION_PERIOD
        )
    try:
        closed = consultations.close(found, feedback=feedback, actor=user)
    except consultations.ConsultationError as error:
        raise engine.Refused(str(error), PARTICIPATION) from None
    counts = closed.counts()
    period = f"公开征求意见{closed.opens_on}至{closed.closes_on}"
    summary = f"{period}，收到意见{counts['received']}条，采纳{counts['adopted']}条。"
    return _append(
        decision,
        user,
        request,
        on,
        Kind.PARTICIPATION,
        status=RecordStatus.DONE,
        summary=f"{summary}\n{closed.feedback}",
    )


# --- 专家论证, 风险评估, 合法性审查 ---------------------------------------------------------


def record_experts(
    decision, user, *, assessor: str, experts: str, summary: str, signed: bool, request=None, on=None
) -> ProcessRecord:
    """专家论证 (第十九条、第二十条): who argued, what they found, signed or stamped."""
    _need({"论证单位": assessor, "参加论证的专家": experts, "论证意见": summary}, BASIS[Kind.EXPERTS])
    return _record(
        decision,
        user,
        request,
        on,
        Kind.EXPERTS,
        assessor=assessor.strip(),
        experts=experts.strip(),
        summary=summary.strip(),
        signed=bool(signed),
    )


def record_risk(
    decision, user, *, assessor: str, risk_level: str, controllable: bool, summary: str, request=None, on=None
) -> ProcessRecord:
    """风险评估 (第二十二条至第二十四条): the 风险评估报告's level and conclusion."""
    _need({"评估单位": assessor, "评估结论": summary}, BASIS[Kind.RISK])
    if risk_level not in RiskLevel.values:
        raise engine.Refused("请选择风险等级。", BASIS[Kind.RISK])
    return _record(
        decision,
        user,
        request,
        on,
        Kind.RISK,
        assessor=assessor.strip(),
        risk_level=risk_level,
        risk_controllable=bool(controllable),
        summary=summary.strip(),
    )


def record_legality(
    decision,
    user,
    *,
    reviewer: str,
    reviewer_org: str,
    sent_on: datetime.date,
    concluded_on: datetime.date,
    conclusion: str,
    summary: str,
    shortened_reason: str = "",
    request=None,
    on=None,
) -> ProcessRecord:
    """合法性审查 (第二十五条、第二十六条): the reviewing body's opinion, with its reviewer."""
    on = _today(on)
    _need({"审查人": reviewer, "审查机构": reviewer_org, "审查意见": summary}, LEGALITY)
    if conclusion not in LegalityConclusion.values:
        raise engine.Refused("请选择审查结论。", LEGALITY)
    if sent_on is None or concluded_on is None or not sent_on <= concluded_on <= on:
        raise engine.Refused("送审日期、出具审查意见日期须依次填写，且不能晚于今天。", LEGALITY)
    return _record(
        decision,
        user,
        request,
        on,
        Kind.LEGALITY,
        reviewer=reviewer.strip(),
        reviewer_org=reviewer_org.strip(),
        sent_on=sent_on,
        concluded_on=concluded_on,
        conclusion=conclusion,
        summary=summary.strip(),
        shortened_reason=shortened_reason.strip(),
    )


def record_fair_competition(
    decision, user, *, reviewer_org: str, concluded_on: datetime.date, summary: str, request=None, on=None
) -> ProcessRecord:
    """公平竞争审查 of a draft touching market entities (第二十九条第一项): who reviewed, when, what
    they concluded — the information that goes with the materials for discussion."""
    on = _today(on)
    _need({"审查机构": reviewer_org, "审查结论": summary}, FAIR_COMPETITION)
    if concluded_on is None or concluded_on > on:
        raise engine.Refused("请填写审查日期，且不能晚于今天。", FAIR_COMPETITION)
    return _record(
        decision,
        user,
        request,
        on,
        Kind.FAIR_COMPETITION,
        reviewer_org=reviewer_org.strip(),
        concluded_on=concluded_on,
        summary=summary.strip(),
    )


@transaction.atomic
def mark_market_related(decision, user, *, market_related: bool, request=None) -> Decision:
    """Whether the draft touches market entities' economic activity (第二十九条第一项)."""
    _require(user, decision.org, DRAFTERS, "认定是否涉及市场主体经济活动", FAIR_COMPETITION)
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    _drafting(locked, "修改是否涉及市场主体经济活动")
    locked.market_related = bool(market_related)
    locked.save(update_fields=["market_related", "updated_at"])
    what = "涉及" if locked.market_related else "不涉及"
    _log(
        EventKind.EDITED,
        f"认定决策草案{what}市场主体经济活动",
        locked,
        user,
        request,
        {"market_related": what},
    )
    return locked


def waive(decision, user, *, kind: str, ground: str, reason: str, request=None, on=None) -> ProcessRecord:
    """Record that a procedure does not apply, on one of the grounds the 条例 gives, with the reason."""
    grounds = {key: (label, cite) for key, label, cite in WAIVERS.get(kind, ())}
    if kind == Kind.LEGALITY:
        raise engine.Refused("合法性审查不能免除：决策草案未经合法性审查的，不得提交决策机关讨论。", LEGALITY)
    if ground not in grounds:
        raise engine.Refused(f"「{Kind(kind).label}」不适用的依据只能是条例规定的情形。", BASIS.get(kind))
    if not reason.strip():
        raise engine.Refused(f"记录「{Kind(kind).label}」不适用，须说明理由。", grounds[ground][1])
    if (
        kind == Kind.PARTICIPATION
        and (found := decision.consultation()) is not None
        and found.state == "open"
    ):
        raise engine.Refused("该决策正在公开征求意见，不能记录公众参与不适用。", PARTICIPATION)
    label = grounds[ground][0]
    return _record(
        decision,
        user,
        request,
        on,
        kind,
        status=RecordStatus.WAIVED,
        waiver_ground=ground,
        waiver_reason=reason.strip(),
        summary=f"不适用：{label}",
    )


def _need(fields: dict, cite) -> None:
    missing = [label for label, value in fields.items() if not str(value or "").strip()]
    if missing:
        raise engine.Refused(f"请填写：{'、'.join(missing)}。", cite)


@transaction.atomic
def _record(decision, user, request, on, kind, **fields) -> ProcessRecord:
    _require(user, decision.org, RECORDERS[kind], f"记录{Kind(kind).label}", BASIS[kind])
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    _drafting(locked, f"记录{Kind(kind).label}")
    return _append(locked, user, request, _today(on), kind, **{"status": RecordStatus.DONE, **fields})


def _append(decision, user, request, on, kind, **fields) -> ProcessRecord:
    made = ProcessRecord.objects.create(
        org_id=decision.org_id, decision=decision, kind=kind, recorded_on=on, created_by=user, **fields
    )
    decision.__dict__.pop("_latest_records", None)
    status = RecordStatus(made.status).label
    shown = {k: str(v) for k, v in fields.items() if k != "status"}
    _log(
        EventKind.EDITED,
        f"{Kind(kind).label}：{status}",
        decision,
        user,
        request,
        {"record": made.pk, **shown},
    )
    return made


# --- the steps of the decision (engine transitions) -----------------------------------------


def _step(key, decision, user, data, request, on, effect=None):
    decision.__dict__.pop("_latest_records", None)
    return engine.apply(PROCEDURE, decision, key, user, data, effect=effect, request=request, on=on)


def table(decision, user, *, request=None, on=None):
    """提请集体讨论: refused, citing the article, until every gate is passed."""
    return _step("table", decision, user, None, request, on)


def _meeting(meeting_on, meeting_kind, minutes) -> dict:
    return {"meeting_on": meeting_on, "meeting_kind": meeting_kind, "minutes": (minutes or "").strip()}


def decide(decision, user, *, meeting_on, meeting_kind, minutes, request=None, on=None):
    def dated(locked):
        locked.decided_on = meeting_on

    data = _meeting(meeting_on, meeting_kind, minutes)
    return _step("decide", decision, user, data, request, on, dated)


def defer(decision, user, *, meeting_on, meeting_kind, minutes, request=None, on=None):
    return _step("defer", decision, user, _meeting(meeting_on, meeting_kind, minutes), request, on)


def reject(decision, user, *, meeting_on, meeting_kind, minutes, request=None, on=None):
    return _step("reject", decision, user, _meeting(meeting_on, meeting_kind, minutes), request, on)


MEETING_STEPS = {"decide": decide, "defer": defer, "reject": reject}


def publish(decision, user, *, party_report: str, explanation: str, request=None, on=None):
    on = _today(on)

    def dated(locked):
        locked.published_on = on

    data = {"party_report": party_report.strip(), "explanation": explanation.strip()}
    return _step("publish", decision, user, data, request, on, dated)


def archive(decision, user, *, archive_number: str, request=None, on=None):
    """归档 (第三十三条): the trail keeps the list of the materials filed with the decision."""
    on = _today(on)

    def dated(locked):
        locked.archived_on = on
        files = [{"name": m.name, "size": m.size, "sha256": m.sha256} for m in _filed(locked)]
        summary = f"归档材料清单：{len(files)}份"
        _log(EventKind.EDITED, summary, locked, user, request, {"materials": files})

    return _step("archive", decision, user, {"archive_number": archive_number.strip()}, request, on, dated)


def _filed(decision):
    return decision.materials.defer("data").order_by("pk")


# --- 决策后评估 (第三十六条) ----------------------------------------------------------------


@transaction.atomic
def plan_evaluation(
    decision, user, *, ground: str, due_on: datetime.date, request=None, on=None
) -> Evaluation:
    decision = Decision.objects.select_related("org").get(pk=decision.pk)
    _require(user, decision.org, DRAFTERS, "安排决策后评估", EVALUATION)
    if decision.state not in PUBLISHED_STATES:
        raise engine.Refused("决策公布实施后方可安排决策后评估。", EVALUATION)
    if ground not in EvaluationGround.values:
        raise engine.Refused("请选择开展决策后评估的情形。", EVALUATION)
    if due_on is None or due_on < _today(on):
        raise engine.Refused("评估完成期限不能早于今天。", EVALUATION)
    evaluation = Evaluation.objects.create(
        org_id=decision.org_id, decision=decision, ground=ground, created_by=user
    )
    return engine.apply(
        EVALUATION_PROCEDURE, evaluation, "schedule", user, {"due_on": due_on}, request=request, on=_today(on)
    )


def complete_evaluation(evaluation, user, *, evaluator: str, conclusion: str, request=None, on=None):
    on = _today(on)

    def dated(locked):
        locked.done_on = on

    data = {"evaluator": evaluator.strip(), "conclusion": conclusion.strip()}
    return engine.apply(
        EVALUATION_PROCEDURE, evaluation, "complete", user, data, effect=dated, request=request, on=on
    )
