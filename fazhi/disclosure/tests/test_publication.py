"""主动公开: the confidentiality review (先审查、后公开、一事一审) and the 20-working-day clock,
as the people involved live them.

Besides the personas of fazhi/conftest.py, the review needs the city's posts:

    persona         role        org                reads (items of 甲局)            decides
    city_head       负责人      SL 示例市人民政府   those whose review names it      stage 2 (分管领导)
    city_reviewer   审核人      SL 示例市人民政府   those whose review names it      stage 3 (保密审查委员会)
    head            负责人      SL-A 甲局           all of its org's                 stage 1 (经办单位负责人)
"""

import datetime

import pytest

from fazhi.conftest import make_user
from fazhi.core import audit, engine
from fazhi.core.models import AuditEvent, CalendarDay, Clock, Role
from fazhi.core.rules import RULES
from fazhi.disclosure.models import PublicationItem, PublicationReview, ReviewConfig
from fazhi.disclosure.procedure import (
    DEFAULT_REVIEW,
    PUBLICATION,
    PUBLICATION_PROCEDURE,
    PublicationState,
    ReviewState,
    Toward,
)
from fazhi.disclosure.services import publication as services

D = datetime.date
FORMED = D(2026, 11, 2)  # a Monday
REVIEWED_ON = D(2026, 11, 5)


@pytest.fixture
def city_posts(tree):
    return {
        "city_head": make_user("city_head", tree["city"], "head", first_name="孙副市长"),
        "city_reviewer": make_user("city_reviewer", tree["city"], "reviewer", first_name="钱保密"),
    }


@pytest.fixture
def everyone(people, city_posts):
    return people | city_posts


def draft(org, user, formed_on=FORMED, title="2026年部门预算"):
    return services.create_draft(
        org,
        user,
        title=title,
        category="finance",
        document_number="示甲财〔2026〕3号",
        body="现将本局2026年部门预算予以公开。",
        formed_on=formed_on,
    )


@pytest.fixture
def item(tree, people, city_posts):
    return draft(tree["own"], people["clerk"])


def reviewed(item, everyone, on=REVIEWED_ON):
    item = services.submit(item, everyone["clerk"], on=on)
    item = services.approve(item, everyone["head"], stage=1, on=on)
    item = services.approve(item, everyone["city_head"], stage=2, on=on)
    return services.approve(item, everyone["city_reviewer"], stage=3, on=on)


# --- the whole review ------------------------------------------------------------------------


def test_an_item_passes_every_stage_and_is_then_published(item, everyone):
    item = reviewed(item, everyone)
    assert item.state == PublicationState.REVIEWED and item.review_stage == 3
    item = services.publish(item, everyone["clerk"], on=D(2026, 11, 6))
    assert item.state == PublicationState.PUBLISHED and item.published_on == D(2026, 11, 6)
    assert list(PublicationItem.objects.published()) == [item]
    clock = Clock.objects.get(subject_type="disclosure.publicationitem", subject_id=item.pk)
    assert (clock.state, clock.stopped_on) == ("stopped", D(2026, 11, 6))


def test_the_default_review_is_unit_head_then_leader_then_secrecy_committee(item, everyone, tree):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    stages = list(item.current_reviews().values_list("stage", "name", "role", "org__code", "state"))
    assert stages == [
        (1, "经办单位负责人", "head", "SL-A", "pending"),
        (2, "分管领导", "head", "SL", "queued"),
        (3, "保密审查委员会", "reviewer", "SL", "queued"),
    ]
    assert item.review_scheme == "平台默认配置「默认三审」：经办单位负责人 → 分管领导 → 保密审查委员会"


@pytest.mark.parametrize("passed", [0, 1, 2])
def test_nothing_is_published_before_every_stage_has_passed(item, everyone, passed):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    deciders = ("head", "city_head", "city_reviewer")
    for stage in range(1, passed + 1):
        item = services.approve(item, everyone[deciders[stage - 1]], stage=stage, on=FORMED)
    with pytest.raises(engine.Refused) as refused:
        services.publish(item, everyone["clerk"])
    assert "当前为「保密审查中」，不能「发布」" in refused.value.message
    assert not PublicationItem.objects.published().exists()


def test_a_draft_cannot_be_published(item, everyone):
    with pytest.raises(engine.Refused):
        services.publish(item, everyone["head"])
    assert not PublicationItem.objects.published().exists()


def test_the_publish_gate_holds_even_if_the_state_was_forced(item, everyone):
    services.submit(item, everyone["clerk"], on=FORMED)
    PublicationItem.objects.filter(pk=item.pk).update(state=PublicationState.REVIEWED)
    with pytest.raises(engine.Refused) as refused:
        services.publish(item, everyone["clerk"])
    assert refused.value.message == "保密审查尚未全部通过，不能发布：先审查、后公开，一事一审。"
    assert str(refused.value.cite) == "《中华人民共和国政府信息公开条例》第十七条"
    assert not PublicationItem.objects.published().exists()


# --- one review per item -----------------------------------------------------------------------


def test_a_stage_cannot_be_approved_twice(item, everyone):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    item = services.approve(item, everyone["head"], stage=1, on=FORMED)
    with pytest.raises(engine.Refused) as refused:
        services.approve(item, everyone["head"], stage=1, on=FORMED)
    assert "当前为「审查通过」" in refused.value.message
    assert PublicationReview.objects.filter(item=item, stage=1).count() == 1


def test_a_stage_cannot_be_approved_before_the_one_before_it(item, everyone):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    with pytest.raises(engine.Refused) as refused:
        services.approve(item, everyone["city_reviewer"], stage=3, on=FORMED)
    assert refused.value.message == "事项当前为「等待前一审」，不能「第三审（保密审查委员会）审查通过」。"
    assert item.current_reviews().get(stage=3).state == ReviewState.QUEUED


@pytest.mark.parametrize(
    ("passed", "stage", "who", "message"),
    [
        (0, 1, "sibling", "只能由负责人办理，您在甲局没有该岗位"),
        (0, 1, "clerk", "只能由负责人办理，您在甲局没有该岗位"),
        (0, 1, "city_head", "只能由负责人办理，您在甲局没有该岗位"),
        (1, 2, "head", "只能由负责人办理，您在示例市人民政府没有该岗位"),
        (1, 2, "supervisor", "只能由负责人办理，您在示例市人民政府没有该岗位"),
        (2, 3, "reviewer", "只能由审核人办理，您在示例市人民政府没有该岗位"),
        (2, 3, "city_head", "只能由审核人办理，您在示例市人民政府没有该岗位"),
    ],
)
def test_a_stage_is_decided_only_by_its_post_in_its_org(item, everyone, passed, stage, who, message):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    for n, decider in enumerate(("head", "city_head")[:passed], start=1):
        item = services.approve(item, everyone[decider], stage=n, on=FORMED)
    with pytest.raises(engine.Refused) as refused:
        services.approve(item, everyone[who], stage=stage, on=FORMED)
    assert message in refused.value.message
    assert item.current_reviews().get(stage=stage).state == ReviewState.PENDING


def test_a_stage_that_the_round_does_not_have_is_refused_and_recorded(item, everyone):
    with pytest.raises(engine.Refused) as refused:
        services.approve(item, everyone["head"], stage=1)
    assert refused.value.message == "该信息当前为「草稿」，没有待审的第1审。"
    assert AuditEvent.objects.filter(subject_id=item.pk, kind="refused").count() == 1


def test_each_stage_records_who_passed_it_and_when(item, everyone):
    item = reviewed(item, everyone, on=D(2026, 11, 5))
    decided = item.current_reviews().values_list("stage", "decided_by__username", "decided_on", "state")
    assert list(decided) == [
        (1, "head", D(2026, 11, 5), "approved"),
        (2, "city_head", D(2026, 11, 5), "approved"),
        (3, "city_reviewer", D(2026, 11, 5), "approved"),
    ]


def test_each_decision_enters_the_audit_chain_of_the_org_where_the_reviewer_sits(item, everyone, tree):
    item = reviewed(item, everyone)
    reviews = {r.stage: r.pk for r in item.current_reviews()}
    chains = dict(
        AuditEvent.objects.filter(subject_type="disclosure.publicationreview", kind="transition").values_list(
            "subject_id", "chain"
        )
    )
    assert chains == {reviews[1]: tree["own"].pk, reviews[2]: tree["city"].pk, reviews[3]: tree["city"].pk}
    assert audit.verify().intact


# --- sending back -------------------------------------------------------------------------------


def test_sending_back_ends_the_round_and_the_next_submission_starts_at_stage_one(item, everyone):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    item = services.approve(item, everyone["head"], stage=1, on=FORMED)
    item = services.approve(item, everyone["city_head"], stage=2, on=FORMED)
    item = services.send_back(item, everyone["city_reviewer"], stage=3, reason="附件含安防点位图", on=FORMED)
    assert (item.state, item.review_stage) == (PublicationState.DRAFT, 0)
    item = services.submit(item, everyone["clerk"], on=D(2026, 11, 3))
    assert item.review_round == 2
    assert list(item.current_reviews().values_list("state", flat=True)) == ["pending", "queued", "queued"]
    old = PublicationReview.objects.filter(item=item, round=1).order_by("stage")
    assert list(old.values_list("state", "opinion")) == [
        ("approved", ""),
        ("approved", ""),
        ("returned", "附件含安防点位图"),
    ]


def test_sending_back_at_stage_one_cancels_the_stages_not_yet_reached(item, everyone):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    services.send_back(item, everyone["head"], stage=1, reason="文号有误", on=FORMED)
    states = PublicationReview.objects.filter(item=item).order_by("stage").values_list("state", flat=True)
    assert list(states) == ["returned", "cancelled", "cancelled"]


def test_sending_back_needs_a_reason(item, everyone):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    with pytest.raises(engine.Refused) as refused:
        services.send_back(item, everyone["head"], stage=1, reason="")
    assert refused.value.message == "「第一审（经办单位负责人）退回修改」须填写：退回理由。"
    assert PublicationItem.objects.get(pk=item.pk).state == PublicationState.IN_REVIEW


def test_a_stage_of_a_returned_round_can_no_longer_be_passed(item, everyone):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    item = services.send_back(item, everyone["head"], stage=1, reason="文号有误", on=FORMED)
    with pytest.raises(engine.Refused) as refused:
        services.approve(item, everyone["city_head"], stage=2, on=FORMED)
    assert "当前为「草稿」" in refused.value.message


# --- the 20 working days (第二十六条) ---------------------------------------------------------

DUE = [
    # legal situation, formed on, the 20th working day after it (that day not counted)
    ("formed on an ordinary Monday", D(2026, 11, 2), D(2026, 11, 30)),
    (
        "formed on 中秋 (a Friday): 国庆 7 days off, 10月10日 a 调休 Saturday counted",
        D(2026, 9, 25),
        D(2026, 10, 29),
    ),
    ("formed on the 调休 Saturday 10月10日", D(2026, 10, 10), D(2026, 11, 6)),
    ("formed the Friday before 春节: 2月14日 and 2月28日 are 调休 Saturdays", D(2026, 2, 13), D(2026, 3, 19)),
    ("formed on a Sunday", D(2026, 11, 1), D(2026, 11, 27)),
]


@pytest.mark.parametrize(("situation", "formed", "due"), DUE, ids=[row[0] for row in DUE])
def test_the_publication_clock_is_due_20_working_days_after_the_information_was_formed(
    tree, people, situation, formed, due
):
    item = draft(tree["own"], people["clerk"], formed_on=formed)
    clock = Clock.objects.get(subject_type="disclosure.publicationitem", subject_id=item.pk)
    assert (clock.rule_key, clock.started_on, clock.due_on) == (PUBLICATION.key, formed, due)


def test_a_corrected_formed_date_counts_the_20_working_days_again(item, everyone):
    fields = {name: getattr(item, name) for name in services.EDITABLE} | {"formed_on": D(2026, 9, 25)}
    services.edit_draft(item, everyone["clerk"], **fields)
    clocks = Clock.objects.filter(subject_id=item.pk, rule_key=PUBLICATION.key).order_by("pk")
    assert [(c.state, c.due_on) for c in clocks] == [
        ("stopped", D(2026, 11, 30)),
        ("running", D(2026, 10, 29)),
    ]


def test_publishing_after_the_due_date_is_kept_as_late(tree, everyone):
    item = reviewed(
        draft(tree["own"], everyone["clerk"], formed_on=D(2026, 9, 25)), everyone, on=D(2026, 10, 28)
    )
    item = services.publish(item, everyone["clerk"], on=D(2026, 11, 2))
    late = services.with_light(PublicationItem.objects.filter(pk=item.pk), D(2026, 11, 29)).get()
    assert (late.due_on, late.published_on, late.light) == (D(2026, 10, 29), D(2026, 11, 2), "done")


def test_an_item_whose_clock_runs_into_an_unknown_year_waits_for_its_due_date(tree, people):
    from fazhi.core.clocks import clocks_of

    CalendarDay.objects.filter(date__gte=D(2026, 11, 20)).delete()
    item = draft(tree["own"], people["clerk"], formed_on=D(2026, 11, 2))
    clock = clocks_of(item).get(rule_key="disclosure.publication")
    assert clock.due_on is None and "放假安排导入后计算" in clock.note


def test_a_formed_date_in_the_future_is_refused(tree, people):
    from django.utils import timezone

    with pytest.raises(engine.Refused):
        draft(tree["own"], people["clerk"], formed_on=timezone.localdate() + datetime.timedelta(days=1))
    assert not PublicationItem.objects.exists()


# --- withdrawal -----------------------------------------------------------------------------------


def test_withdrawal_keeps_the_reason_in_the_trail_and_takes_the_item_off_the_portal(item, everyone):
    item = services.publish(reviewed(item, everyone), everyone["clerk"], on=D(2026, 11, 6))
    item = services.withdraw(item, everyone["head"], reason="含个人信息", on=D(2026, 11, 20))
    assert (item.state, item.withdrawn_on, item.withdrawn_reason) == (
        "withdrawn",
        D(2026, 11, 20),
        "含个人信息",
    )
    assert not PublicationItem.objects.published().exists()
    event = AuditEvent.objects.filter(subject_id=item.pk, kind="transition").latest("seq")
    assert event.summary == "撤回：已发布 → 已撤回"
    assert event.data["fields"] == {"reason": "含个人信息"}


def test_withdrawal_without_a_reason_is_refused(item, everyone):
    item = services.publish(reviewed(item, everyone), everyone["clerk"], on=D(2026, 11, 6))
    with pytest.raises(engine.Refused) as refused:
        services.withdraw(item, everyone["head"], reason="")
    assert refused.value.message == "「撤回」须填写：撤回理由。"
    assert PublicationItem.objects.published().count() == 1


# --- drafts ---------------------------------------------------------------------------------------


def test_a_draft_is_edited_and_the_trail_keeps_before_and_after(item, everyone):
    fields = {name: getattr(item, name) for name in services.EDITABLE} | {"title": "2026年部门预算（修订）"}
    services.edit_draft(item, everyone["head"], **fields)
    edit = AuditEvent.objects.get(subject_id=item.pk, kind="edited")
    assert edit.data["changes"] == {"title": ["2026年部门预算", "2026年部门预算（修订）"]}


def test_an_item_in_review_cannot_be_edited(item, everyone):
    services.submit(item, everyone["clerk"], on=FORMED)
    fields = {name: getattr(item, name) for name in services.EDITABLE} | {"title": "偷偷改"}
    with pytest.raises(engine.Refused):
        services.edit_draft(item, everyone["clerk"], **fields)
    assert PublicationItem.objects.get(pk=item.pk).title == "2026年部门预算"


def test_only_the_units_clerk_or_head_enters_items(tree, everyone):
    for who in ("reviewer", "supervisor", "sibling", "city_head"):
        with pytest.raises(engine.Refused):
            draft(tree["own"], everyone[who])
    assert not PublicationItem.objects.exists()


# --- who reads what -------------------------------------------------------------------------------


def test_a_reviewer_above_reads_the_items_whose_review_names_its_post_and_no_others(tree, everyone):
    submitted = services.submit(draft(tree["own"], everyone["clerk"], title="已提交"), everyone["clerk"])
    draft(tree["own"], everyone["clerk"], title="草稿")
    draft(tree["sibling"], make_user("sibling_head", tree["sibling"], "head"), title="乙局草稿")
    readable = lambda who: set(services.readable_items(everyone[who]).values_list("title", flat=True))  # noqa: E731
    assert readable("city_head") == readable("city_reviewer") == {"已提交"}
    assert readable("clerk") == {"已提交", "草稿"}
    assert readable("supervisor") == {"已提交", "草稿", "乙局草稿"}
    assert readable("sibling") == {"乙局草稿"}
    assert submitted.pk in set(services.readable_items(everyone["city_head"]).values_list("pk", flat=True))


def test_waiting_for_me_lists_the_stage_each_reviewer_can_decide_now(item, everyone):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    waiting = lambda who: list(services.waiting_for(everyone[who]).values_list("stage", flat=True))  # noqa: E731
    assert (waiting("head"), waiting("city_head"), waiting("city_reviewer")) == ([1], [], [])
    services.approve(item, everyone["head"], stage=1, on=FORMED)
    assert (waiting("head"), waiting("city_head"), waiting("city_reviewer")) == ([], [2], [])


def test_the_home_page_rows_mark_the_stage_waiting_for_the_user(item, everyone):
    services.approve(
        services.submit(item, everyone["clerk"], on=FORMED), everyone["head"], stage=1, on=FORMED
    )
    rows = services.worklist_rows(everyone["city_head"], D(2026, 11, 10))
    assert [(r.title, r.todo, r.url) for r in rows] == [
        ("2026年部门预算", True, f"/disclosure/items/{item.pk}/")
    ]


# --- configuration per jurisdiction ---------------------------------------------------------------


def test_a_jurisdictions_own_stages_apply_to_the_orgs_below_it(tree, everyone):
    stages = [
        {"name": "科室负责人", "role": Role.HEAD, "toward": Toward.OWN},
        {"name": "市保密办", "role": Role.REVIEWER, "toward": Toward.PARENT},
    ]
    services.configure(
        tree["city"], everyone["admin"], name="示例市两审制", basis="示府办〔2026〕1号", stages=stages
    )
    child_clerk, _ = everyone["child_clerk"], make_user("child_head", tree["child"], "head")
    item = services.submit(draft(tree["child"], child_clerk), child_clerk)
    assert list(item.current_reviews().values_list("name", "org__code")) == [
        ("科室负责人", "SL-A1"),
        ("市保密办", "SL-A"),
    ]
    assert item.review_scheme == "示例市人民政府的配置「示例市两审制」：科室负责人 → 市保密办"


def test_an_item_in_review_keeps_the_stages_it_was_submitted_with(item, everyone, tree):
    item = services.submit(item, everyone["clerk"], on=FORMED)
    one = [{"name": "负责人", "role": "head", "toward": "own"}]
    services.configure(tree["city"], everyone["admin"], name="一审", basis="", stages=one)
    assert item.current_reviews().count() == 3
    assert services.scheme_for(tree["own"])[0].name == "一审"


def test_only_an_administrator_at_or_above_the_org_configures_it(tree, everyone):
    with pytest.raises(engine.Refused):
        services.configure(tree["city"], everyone["supervisor"], name="x", basis="", stages=[])
    assert not ReviewConfig.objects.exists()


def test_submission_is_refused_while_a_post_of_the_review_is_vacant(tree, people):
    item = draft(tree["own"], people["clerk"])  # nobody holds 负责人 or 审核人 in the city
    with pytest.raises(engine.Refused) as refused:
        services.submit(item, people["clerk"])
    assert "尚无人任职" in refused.value.message
    assert not PublicationReview.objects.exists()


def test_for_an_org_without_a_parent_its_own_posts_review_every_stage(tree, everyone):
    city_clerk = make_user("city_clerk", tree["city"], "clerk")
    item = services.submit(draft(tree["city"], city_clerk), city_clerk)
    assert set(item.current_reviews().values_list("org__code", flat=True)) == {"SL"}


# --- declarations -----------------------------------------------------------------------------------


def test_the_publication_deadline_is_20_working_days_under_article_26():
    rule = RULES.in_force(PUBLICATION.key, D(2026, 1, 1))
    assert (rule.amount, rule.unit, str(rule.cite)) == (
        20,
        "workdays",
        "《中华人民共和国政府信息公开条例》第二十六条",
    )


def test_every_default_stage_names_a_post_that_exists_and_a_known_org():
    for stage in DEFAULT_REVIEW.stages:
        assert stage.role in Role.values and stage.toward in Toward.values


def test_submitting_and_publishing_cite_the_regulation():
    cites = {t.key: str(t.cite) for t in PUBLICATION_PROCEDURE.transitions if t.cite}
    assert cites == {
        "submit": "《中华人民共和国政府信息公开条例》第十七条",
        "publish": "《中华人民共和国政府信息公开条例》第二十六条",
    }
