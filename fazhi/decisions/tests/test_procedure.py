"""重大行政决策 as named legal situations: each gate of 提请集体讨论 refuses, citing its
article of the 《重大行政决策程序暂行条例》, until its process record is made."""

import datetime

import pytest

from fazhi.core import consultation as consultations
from fazhi.core.engine import Refused
from fazhi.core.models import AuditEvent, Consultation
from fazhi.decisions import services
from fazhi.decisions.models import Decision
from fazhi.decisions.procedure import Kind

from .conftest import DAY, consulted, days, experts, legality, no_risk


def refusal(call, *args, **kwargs) -> Refused:
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    return caught.value


def table(decision, user, on=DAY):
    return services.table(Decision.objects.get(pk=decision.pk), user, on=on)


def test_a_draft_with_nothing_recorded_is_refused_collective_discussion_citing_article_14(decision, people):
    refused = refusal(table, decision, people["clerk"])
    assert "公众参与尚未完成" in refused.message and str(refused.cite).endswith("第十四条")
    assert Decision.objects.get(pk=decision.pk).state == "drafting"
    assert AuditEvent.objects.filter(subject_id=decision.pk, kind="refused").count() == 1


def test_a_consultation_shorter_than_30_days_needs_its_reason_article_15(decision, people):
    refused = refusal(
        services.open_consultation, decision, people["clerk"], title="稿", text="正文",
        opens_on=DAY, closes_on=DAY + datetime.timedelta(days=29), on=DAY,
    )  # fmt: skip
    assert "不少于30日（现为29日）" in refused.message and str(refused.cite).endswith("第十五条")
    opened = services.open_consultation(
        decision, people["clerk"], title="稿", text="正文", opens_on=DAY,
        closes_on=DAY + datetime.timedelta(days=10), shortened_reason="汛期前须出台", on=DAY,
    )  # fmt: skip
    assert opened.text.startswith("【说明】本次征求意见期限为10日，少于30日，理由：汛期前须出台")


def test_a_local_rule_changes_the_minimum_consultation_period(decision, people, tree):
    from fazhi.core import jurisdiction

    jurisdiction.set_local_rule(
        people["admin"], org=tree["city"], rule_key="decisions.consultation", amount=20,
        basis="《示例省重大行政决策程序规定》第十条", since=datetime.date(2026, 1, 1),
    )  # fmt: skip
    opened = services.open_consultation(
        decision, people["clerk"], title="稿", text="正文", opens_on=DAY,
        closes_on=DAY + datetime.timedelta(days=20), on=DAY,
    )  # fmt: skip
    assert opened.days == 20 and not opened.text.startswith("【说明】")


def test_the_consultation_cannot_end_before_its_period_has_run(decision, people):
    services.open_consultation(
        decision, people["clerk"], title="稿", text="正文", opens_on=DAY,
        closes_on=DAY + datetime.timedelta(days=30), on=DAY,
    )  # fmt: skip
    refused = refusal(
        services.close_consultation,
        decision,
        people["clerk"],
        feedback="采纳情况",
        on=DAY + datetime.timedelta(30),
    )
    assert "届满后方可结束" in refused.message and str(refused.cite).endswith("第十五条")


def test_an_open_consultation_keeps_the_gate_shut(decision, people):
    services.open_consultation(
        decision, people["clerk"], title="稿", text="正文", opens_on=days(40), closes_on=days(5), on=days(40)
    )
    assert "公众参与尚未完成" in refusal(table, decision, people["clerk"]).message


def test_after_the_feedback_is_published_the_next_gate_is_expert_argument_article_19(decision, people):
    record = consulted(decision, people["clerk"])
    assert record.kind == Kind.PARTICIPATION and "收到意见1条" in record.summary
    assert Consultation.objects.get().feedback == "收到意见1条，采纳1条。"
    refused = refusal(table, decision, people["clerk"])
    assert "专家论证尚未记录" in refused.message and str(refused.cite).endswith("第十九条")


def test_public_participation_may_be_waived_only_for_a_decision_not_to_be_made_public(decision, people):
    clerk = people["clerk"]
    unknown = refusal(
        services.waive, decision, clerk, kind=Kind.PARTICIPATION, ground="no_risk", reason="理由"
    )
    assert "条例规定的情形" in unknown.message
    empty = refusal(services.waive, decision, clerk, kind=Kind.PARTICIPATION, ground="not_public", reason=" ")
    assert "须说明理由" in empty.message and str(empty.cite).endswith("第十四条")
    services.waive(decision, clerk, kind=Kind.PARTICIPATION, ground="not_public", reason="涉及国家秘密。")
    assert "专家论证尚未记录" in refusal(table, decision, clerk).message


def test_legality_review_can_never_be_waived_article_25(decision, people):
    refused = refusal(services.waive, decision, people["clerk"], kind=Kind.LEGALITY, ground="x", reason="急")
    assert "合法性审查不能免除" in refused.message and str(refused.cite).endswith("第二十五条")


def test_unsigned_expert_opinions_are_refused_articles_19_and_20(decision, people):
    consulted(decision, people["clerk"])
    experts(decision, people["clerk"], signed=False)
    refused = refusal(table, decision, people["clerk"])
    assert "签字或者单位盖章" in refused.message and str(refused.cite).endswith("第十九条、第二十条")


def test_an_uncontrollable_risk_is_refused_article_24(decision, people):
    clerk = people["clerk"]
    consulted(decision, clerk)
    experts(decision, clerk)
    services.record_risk(
        decision, clerk, assessor="评估中心", risk_level="high", controllable=False, summary="高"
    )
    refused = refusal(table, decision, clerk)
    assert "风险不可控" in refused.message and str(refused.cite).endswith("第二十四条")


def gates_but_legality(decision, clerk):
    consulted(decision, clerk)
    experts(decision, clerk)
    no_risk(decision, clerk)


def test_without_legality_review_the_draft_cannot_be_tabled_article_25(decision, people):
    gates_but_legality(decision, people["clerk"])
    refused = refusal(table, decision, people["clerk"])
    assert "未经合法性审查或者经审查不合法" in refused.message and str(refused.cite).endswith("第二十五条")


def test_an_unlawful_finding_keeps_the_draft_off_the_table_article_25(decision, people):
    gates_but_legality(decision, people["clerk"])
    legality(decision, people["clerk"], conclusion="unlawful")
    assert str(refusal(table, decision, people["clerk"]).cite).endswith("第二十五条")


def test_a_review_shorter_than_7_working_days_needs_its_reason_article_26(decision, people):
    gates_but_legality(decision, people["clerk"])
    legality(decision, people["clerk"], sent_on=days(5), concluded_on=days(1))  # Wed → Sun: 2 working days
    refused = refusal(table, decision, people["clerk"])
    assert "不少于7个工作日" in refused.message and str(refused.cite).endswith("第二十六条")
    legality(
        decision, people["clerk"], sent_on=days(5), concluded_on=days(1), shortened_reason="上级限期出台"
    )
    assert table(decision, people["clerk"]).state == "tabled"


def test_review_dates_must_be_in_order_and_not_in_the_future(decision, people):
    refused = refusal(legality, decision, people["clerk"], sent_on=days(1), concluded_on=days(3))
    assert "依次填写" in refused.message


def test_with_every_gate_passed_the_draft_is_tabled_and_decided_by_the_head(ready, people):
    tabled = table(ready, people["clerk"])
    assert tabled.state == "tabled"
    meeting = {"meeting_kind": "executive", "minutes": "无不同意见。"}
    clerk = refusal(services.decide, tabled, people["clerk"], meeting_on=DAY, on=DAY, **meeting)
    assert "只能由负责人办理" in clerk.message
    future = refusal(services.decide, tabled, people["head"], meeting_on=days(-1), on=DAY, **meeting)
    assert "不能晚于今天" in future.message and str(future.cite).endswith("第三十条")
    decided = services.decide(tabled, people["head"], meeting_on=DAY, on=DAY, **meeting)
    assert (decided.state, decided.decided_on, decided.meeting_kind) == ("decided", DAY, "executive")


def test_records_are_made_only_while_the_draft_is_prepared(ready, people):
    table(ready, people["clerk"])
    refused = refusal(no_risk, Decision.objects.get(pk=ready.pk), people["clerk"])
    assert "拟订草案阶段" in refused.message


def test_publication_needs_the_party_report_and_the_explanation_articles_31_and_32(ready, people):
    tabled = table(ready, people["clerk"])
    decided = services.decide(
        tabled, people["head"], meeting_on=DAY, meeting_kind="plenary", minutes="通过", on=DAY
    )
    refused = refusal(services.publish, decided, people["clerk"], party_report="", explanation="", on=DAY)
    assert "向同级党委请示报告情况" in refused.message and str(refused.cite).endswith("第三十二条")
    published = services.publish(
        decided, people["clerk"], party_report="已报告。", explanation="采纳1条。", on=DAY
    )
    assert (published.state, published.published_on) == ("published", DAY)
    archived = services.archive(published, people["clerk"], archive_number="A-1", on=DAY)
    assert (archived.state, archived.archive_number) == ("archived", "A-1")


def test_deferral_sends_the_draft_back_and_rejection_can_be_archived(ready, people):
    meeting = {"meeting_on": DAY, "meeting_kind": "executive", "minutes": "意见分歧较大。", "on": DAY}
    deferred = services.defer(table(ready, people["clerk"]), people["head"], **meeting)
    assert deferred.state == "drafting"
    rejected = services.reject(table(deferred, people["clerk"]), people["head"], **meeting)
    assert rejected.state == "rejected"
    assert services.archive(rejected, people["clerk"], archive_number="A-2", on=DAY).state == "archived"


def test_a_catalogue_is_published_by_the_head_after_the_party_committee_agreed_article_3(catalogue, people):
    empty = refusal(services.publish_catalogue, catalogue, people["head"], party_agreed_on=DAY, on=DAY)
    assert "尚无决策事项" in empty.message and str(empty.cite).endswith("第三条第三款")
    services.add_decision(catalogue, people["clerk"], title="事项", undertaker="科室")
    clerk = refusal(services.publish_catalogue, catalogue, people["clerk"], party_agreed_on=DAY, on=DAY)
    assert "只能由负责人办理" in clerk.message
    published = services.publish_catalogue(catalogue, people["head"], party_agreed_on=days(3), on=DAY)
    assert (published.state, published.published_on) == ("published", DAY)
    later = refusal(services.add_decision, published, people["clerk"], title="新事项", undertaker="科室")
    assert "调整目录须说明理由" in later.message
    added = services.add_decision(
        published, people["clerk"], title="新事项", undertaker="科室", reason="上级部署"
    )
    assert added.added_reason == "上级部署"


def test_one_catalogue_per_body_and_year(catalogue, people, tree):
    assert "已经存在" in refusal(services.new_catalogue, people["clerk"], tree["own"], 2026).message


def published_decision(ready, people):
    tabled = table(ready, people["clerk"])
    decided = services.decide(
        tabled, people["head"], meeting_on=DAY, meeting_kind="plenary", minutes="通过", on=DAY
    )
    return services.publish(decided, people["clerk"], party_report="已报告。", explanation="说明。", on=DAY)


def test_post_decision_evaluation_is_tracked_and_not_done_by_the_pre_decision_assessor_article_36(
    ready, people
):
    early = refusal(
        services.plan_evaluation, ready, people["clerk"], ground="necessary", due_on=days(-30), on=DAY
    )
    assert "公布实施后" in early.message and str(early.cite).endswith("第三十六条")
    decision = published_decision(ready, people)
    evaluation = services.plan_evaluation(
        decision, people["clerk"], ground="objections", due_on=days(-30), on=DAY
    )
    assert evaluation.state == "scheduled"
    same = refusal(
        services.complete_evaluation,
        evaluation,
        people["clerk"],
        evaluator="示例 大学",
        conclusion="好",
        on=DAY,
    )
    assert "不得作为决策后评估的评估主体" in same.message and str(same.cite).endswith("第三十六条")
    done = services.complete_evaluation(
        evaluation, people["clerk"], evaluator="第三方评估所", conclusion="好", on=DAY
    )
    assert (done.state, done.done_on) == ("done", DAY)


def test_comments_are_decided_only_by_the_drafting_unit_while_open(decision, people):
    services.open_consultation(
        decision, people["clerk"], title="稿", text="正文", opens_on=DAY,
        closes_on=DAY + datetime.timedelta(days=30), on=DAY,
    )  # fmt: skip
    made = consultations.comment(decision.consultation(), body="意见", on=DAY)
    refused = refusal(consultations.decide_as, people["sibling"], made, adopted=True, reply="")
    assert "只能由甲局" in refused.message and str(refused.cite).endswith("第十四条")
    assert consultations.decide_as(people["clerk"], made, adopted=True, reply="采纳").adopted is True


def test_a_local_rule_for_the_review_time_is_the_number_refused_and_shown(decision, people, tree, login):
    from fazhi.core import jurisdiction

    jurisdiction.set_local_rule(
        people["admin"], org=tree["city"], rule_key="decisions.legality_review", amount=10,
        basis="《示例省重大行政决策程序规定》第二十五条", since=datetime.date(2026, 1, 1),
    )  # fmt: skip
    gates_but_legality(decision, people["clerk"])
    legality(decision, people["clerk"], sent_on=days(13), concluded_on=days(1))  # 8 working days
    refused = refusal(table, decision, people["clerk"])
    assert "不少于10个工作日（现为8个工作日）" in refused.message and str(refused.cite).endswith("第二十六条")
    page = login(people["clerk"]).get(f"/decisions/{decision.pk}/").content.decode()
    assert "不少于10个工作日（现为8个工作日）" in page and "审查时间少于规定时间的理由" in page
