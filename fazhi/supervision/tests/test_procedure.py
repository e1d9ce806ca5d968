"""督办: the whole procedure as the people involved live it, and the engine's guarantees."""

import datetime

import pytest

from fazhi.core import engine
from fazhi.core.models import AuditEvent, Clock, IssuedNumber
from fazhi.supervision import services
from fazhi.supervision.models import SupervisionItem
from fazhi.supervision.procedure import PROCEDURE, State

D = datetime.date
ON = D(2026, 11, 2)


@pytest.fixture
def drafted(people, tree):
    return services.draft(
        people["supervisor"],
        tree["own"],
        title="整改执法案卷问题",
        requirement="一个月内整改",
        source="inspection",
    )


def test_an_item_goes_from_assignment_to_closure(people, drafted):
    sup, clerk, head = people["supervisor"], people["clerk"], people["head"]
    item = services.assign(drafted, sup, due_on=D(2026, 11, 30), on=ON)
    assert item.state == State.ASSIGNED and item.number == "示府督〔2026〕1号"
    item = services.accept(item, clerk, on=ON)
    item = services.report(item, head, feedback="已整改完毕", on=D(2026, 11, 20))
    item = services.close(item, sup, opinion="同意办结", on=D(2026, 11, 21))
    assert item.state == State.CLOSED and item.feedback == "已整改完毕"
    clock = Clock.objects.get(subject_id=item.pk)
    assert (clock.state, clock.due_on, clock.stopped_on) == ("stopped", D(2026, 11, 30), D(2026, 11, 20))
    steps = AuditEvent.objects.filter(subject_id=item.pk, kind="transition").order_by("seq")
    assert [e.data["transition"] for e in steps] == ["assign", "accept", "report", "close"]


def test_returning_an_item_starts_a_new_deadline(people, drafted):
    item = services.assign(drafted, people["supervisor"], due_on=D(2026, 11, 30), on=ON)
    services.accept(item, people["clerk"], on=ON)
    services.report(item, people["head"], feedback="初步整改", on=D(2026, 11, 10))
    item = services.return_for_rework(
        item, people["supervisor"], reason="整改不彻底", due_on=D(2026, 12, 15), on=D(2026, 11, 11)
    )
    assert item.state == State.HANDLING
    assert Clock.objects.get(subject_id=item.pk, state="running").due_on == D(2026, 12, 15)


def test_it_refuses_a_clerk_closing_an_item_and_says_who_may(people, drafted):
    item = services.assign(drafted, people["supervisor"], due_on=D(2026, 11, 30), on=ON)
    with pytest.raises(engine.Refused) as refused:
        services.close(item, people["clerk"], opinion="自己办结")
    assert "当前为「已交办」" in refused.value.message


def test_it_refuses_a_step_by_the_wrong_role_naming_the_role(people, drafted):
    item = services.assign(drafted, people["supervisor"], due_on=D(2026, 11, 30), on=ON)
    services.accept(item, people["clerk"], on=ON)
    with pytest.raises(engine.Refused) as refused:
        services.report(item, people["clerk"], feedback="经办人直接反馈")
    assert "只能由负责人办理" in refused.value.message


def test_a_sibling_unit_cannot_act_on_another_units_item(people, drafted):
    item = services.assign(drafted, people["supervisor"], due_on=D(2026, 11, 30), on=ON)
    with pytest.raises(engine.Refused):
        services.accept(item, people["sibling"], on=ON)


def test_a_refused_step_leaves_one_audit_line_and_nothing_else(people, drafted):
    before = (
        SupervisionItem.objects.get(pk=drafted.pk).state,
        Clock.objects.count(),
        IssuedNumber.objects.count(),
    )
    with pytest.raises(engine.Refused) as refused:
        services.assign(drafted, people["supervisor"], due_on=D(2026, 10, 1), on=ON)
    assert refused.value.message == "办理期限不能早于今天。"
    assert str(refused.value.cite) == "《法治政府建设与责任落实督察工作规定》"
    after = (
        SupervisionItem.objects.get(pk=drafted.pk).state,
        Clock.objects.count(),
        IssuedNumber.objects.count(),
    )
    assert before == after
    assert AuditEvent.objects.filter(subject_id=drafted.pk, kind="refused").count() == 1


def test_a_transition_that_fails_halfway_is_undone_whole(people, drafted, monkeypatch):
    def broken_clock(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("fazhi.core.clocks.start", broken_clock)
    with pytest.raises(RuntimeError):
        services.assign(drafted, people["supervisor"], due_on=D(2026, 11, 30), on=ON)
    drafted.refresh_from_db()
    assert drafted.state == State.DRAFT and drafted.number == ""
    assert not IssuedNumber.objects.exists()
    assert not AuditEvent.objects.filter(kind="transition").exists()


def test_a_missing_field_is_named(people, drafted):
    item = services.assign(drafted, people["supervisor"], due_on=D(2026, 11, 30), on=ON)
    services.accept(item, people["clerk"], on=ON)
    with pytest.raises(engine.Refused) as refused:
        services.report(item, people["head"], feedback="")
    assert refused.value.message == "「反馈」须填写：办理情况。"


def test_only_a_supervisor_above_the_unit_may_draft(people, tree):
    with pytest.raises(services.NotAllowed):
        services.draft(people["head"], tree["own"], title="x", requirement="y", source="other")


def test_the_todo_list_follows_the_procedure(people, drafted):
    item = services.assign(drafted, people["supervisor"], due_on=D(2026, 11, 30), on=ON)

    def todos(user):
        return set(
            SupervisionItem.objects.filter(engine.todo_filter(PROCEDURE, user)).values_list("pk", flat=True)
        )

    assert todos(people["clerk"]) == {item.pk}
    assert todos(people["supervisor"]) == set()  # 延期 is possible but not awaited
    assert todos(people["sibling"]) == set()


def test_every_transition_names_existing_states_and_roles():
    from fazhi.core.models import Role

    for t in PROCEDURE.transitions:
        assert set(t.source) <= set(State.values) and t.target in State.values
        assert set(t.roles) <= set(Role.values)


def test_a_step_the_procedure_does_not_have_is_refused_with_one_audit_line(people, drafted):
    with pytest.raises(engine.Refused) as refused:
        services.step_with_date(drafted, people["supervisor"], "delete", None, "")
    assert refused.value.message == "没有“delete”这个办理环节。"
    assert AuditEvent.objects.filter(subject_id=drafted.pk, kind="refused").count() == 1
