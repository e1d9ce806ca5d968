"""The report's life: drafted, edited, approved by the head, submitted (a clock), returned
once by the superior with comments, resubmitted, accepted and published (a clock)."""

import datetime

import pytest

from fazhi.core import audit
from fazhi.core.engine import Refused
from fazhi.core.models import AuditEvent, Clock, ClockState, EventKind
from fazhi.reports import services
from fazhi.reports.models import LawReport, ReportDates
from fazhi.reports.procedure import PUBLICATION, SUBMISSION, State
from fazhi.reports.queries import dates_for, with_lights

D = datetime.date
TEXT = {
    "measures": "全面推进依法行政。",
    "shortcomings": "基层执法力量不足。",
    "first_responsible": "主要负责人带头学法。",
    "next_year_plan": "继续深化政务公开。",
    "other": "无。",
}


@pytest.fixture
def report(tree, people):
    return services.open_report(tree["own"], 2025, people["clerk"], on=D(2026, 1, 5))


def clock(report, rule):
    return Clock.objects.filter(subject_id=report.pk, rule_key=rule.key).order_by("-pk").first()


def approved(report, people):
    services.edit(report, people["clerk"], TEXT)
    services.propose(report, people["clerk"], on=D(2026, 1, 20))
    return services.approve(report, people["head"], on=D(2026, 1, 21))


def test_opening_draws_version_one_and_starts_both_clocks(report):
    assert report.state == State.DRAFT and report.current.number == 1 and report.superior.code == "SL"
    assert clock(report, SUBMISSION).due_on == D(2026, 2, 28)  # 3月1日之前
    assert clock(report, PUBLICATION).due_on == D(2026, 3, 31)  # 4月1日之前


def test_in_a_leap_year_the_last_day_before_1_march_is_29_february(tree, people):
    report = services.open_report(tree["own"], 2023, people["clerk"], on=D(2024, 1, 5))
    assert clock(report, SUBMISSION).due_on == D(2024, 2, 29)


def test_a_jurisdiction_may_set_earlier_dates(tree, people):
    ReportDates.objects.create(
        org=tree["city"], since_year=2025, submit_month=2, submit_day=15, publish_month=3, publish_day=20,
        basis="示例市法治政府建设年度报告工作指引",
    )  # fmt: skip
    dates = dates_for(tree["child"], 2025)
    assert (dates.submit_by, dates.publish_by) == (D(2026, 2, 15), D(2026, 3, 20))
    assert "工作指引" in dates.basis
    assert dates_for(tree["child"], 2024).submit_by == D(2025, 2, 28)  # not before its year


def test_opening_twice_gives_the_same_report(report, tree, people):
    again = services.open_report(tree["own"], 2025, people["head"], on=D(2026, 1, 6))
    assert again.pk == report.pk and LawReport.objects.count() == 1


def test_only_the_unit_itself_drafts_its_report(tree, people):
    for who in ("sibling", "supervisor", "reviewer"):
        with pytest.raises(services.NotAllowed):
            services.open_report(tree["own"], 2025, people[who])
    with pytest.raises(services.NotAllowed, match="报告年度"):
        services.open_report(tree["own"], 2031, people["clerk"])


def test_the_whole_life_with_one_return(report, people):
    approved(report, people)
    submitted = services.submit(report, people["clerk"], on=D(2026, 2, 10))
    assert submitted.state == State.SUBMITTED and clock(report, SUBMISSION).state == ClockState.STOPPED
    first = submitted.current.number

    returned = services.return_to_unit(
        report, people["supervisor"], reason="请补充复议数据", on=D(2026, 2, 12)
    )
    assert returned.state == State.DRAFT and returned.return_comments == "请补充复议数据"
    assert clock(report, SUBMISSION).state == ClockState.RUNNING
    assert clock(report, SUBMISSION).due_on == D(2026, 2, 28)  # the same date runs again

    edited = services.edit(returned, people["clerk"], TEXT | {"measures": "全面推进依法行政，复议纠错2件。"})
    assert edited.number == first + 1  # the submitted text stays as it was
    old = returned.versions.get(number=first)
    assert old.narrative("measures") == "全面推进依法行政。" and old.locked

    services.propose(returned, people["clerk"], on=D(2026, 2, 13))
    services.approve(returned, people["head"], on=D(2026, 2, 14))
    services.submit(returned, people["clerk"], on=D(2026, 2, 15))
    accepted = services.accept(returned, people["supervisor"], on=D(2026, 2, 16))
    assert accepted.state == State.ACCEPTED
    published = services.publish(accepted, people["clerk"], published_on=D(2026, 3, 20), on=D(2026, 3, 20))
    assert published.state == State.PUBLISHED and published.published_on == D(2026, 3, 20)
    assert published.approved_version == edited.number
    assert clock(report, PUBLICATION).state == ClockState.STOPPED
    events = AuditEvent.objects.filter(subject_type="reports.lawreport", subject_id=report.pk)
    steps = events.filter(kind=EventKind.TRANSITION).order_by("pk").values_list("summary", flat=True)
    assert [s.split("：")[0] for s in steps] == [
        "提请审定", "审定", "报送", "退回", "提请审定", "审定", "报送", "接收", "公开",
    ]  # fmt: skip
    assert audit.verify().intact


def test_a_report_cannot_be_published_before_its_head_approved_it(report, people):
    services.edit(report, people["clerk"], TEXT)
    with pytest.raises(Refused, match="不能「公开」"):
        services.publish(report, people["clerk"])
    services.propose(report, people["clerk"])
    with pytest.raises(Refused):
        services.publish(report, people["head"])
    assert LawReport.objects.get(pk=report.pk).state == State.APPROVAL
    assert AuditEvent.objects.filter(subject_id=report.pk, kind=EventKind.REFUSED).count() == 2


def test_the_head_approves_and_nobody_else(report, people):
    services.edit(report, people["clerk"], TEXT)
    services.propose(report, people["clerk"])
    for who in ("clerk", "reviewer", "sibling"):
        with pytest.raises(Refused):
            services.approve(report, people[who])
    assert services.approve(report, people["head"]).approved_version == 1


def test_an_empty_part_keeps_the_draft_from_going_to_the_head(report, people):
    services.edit(report, people["clerk"], TEXT | {"first_responsible": "  "})
    with pytest.raises(Refused, match="五个部分均须有内容") as refused:
        services.propose(report, people["clerk"])
    assert "督察工作规定" in str(refused.value)


def test_only_the_superior_returns_or_accepts(report, people):
    approved(report, people)
    services.submit(report, people["clerk"])
    for who in ("clerk", "head", "sibling"):
        with pytest.raises(Refused):
            services.return_to_unit(report, people[who], reason="x")
    with pytest.raises(Refused, match="须填写：退回意见"):
        services.return_to_unit(report, people["supervisor"], reason="")


def test_a_submitted_report_is_not_edited_in_place(report, people):
    approved(report, people)
    services.submit(report, people["clerk"])
    with pytest.raises(services.NotAllowed, match="已报送"):
        services.edit(report, people["clerk"], TEXT | {"other": "改"})
    with pytest.raises(services.NotAllowed):
        services.redraw(report, people["clerk"])
    assert report.versions.count() == 1 and report.versions.get().narrative("other") == "无。"


def test_the_head_sends_it_back_and_the_next_edit_is_a_new_version(report, people):
    services.edit(report, people["clerk"], TEXT)
    services.propose(report, people["clerk"])
    services.revise(report, people["head"], reason="第三部分太简略")
    version = services.edit(
        report, people["clerk"], TEXT | {"first_responsible": "主要负责人专题研究法治工作4次。"}
    )
    assert (
        version.number == 2
        and report.versions.get(number=1).narrative("first_responsible") == "主要负责人带头学法。"
    )


def test_editing_a_draft_is_audited_with_before_and_after(report, people):
    services.edit(report, people["clerk"], TEXT)
    event = AuditEvent.objects.filter(subject_id=report.pk, kind=EventKind.EDITED).order_by("pk").last()
    assert event.data["changed"]["measures"] == {"before": "", "after": "全面推进依法行政。"}


def test_very_long_text_is_refused_whole(report, people):
    with pytest.raises(services.NotAllowed, match="不超过"):
        services.edit(report, people["clerk"], TEXT | {"other": "字" * 60_000})
    assert report.current.narrative("other") == ""


def test_lights_show_the_two_clocks(report, people):
    row = with_lights(LawReport.objects.filter(pk=report.pk), D(2026, 3, 5)).get()
    assert (row.submit_light, row.publish_light) == ("red", "green")
    approved(report, people)
    services.submit(report, people["clerk"], on=D(2026, 2, 10))
    row = with_lights(LawReport.objects.filter(pk=report.pk), D(2026, 3, 5)).get()
    assert row.submit_light == "done"


def test_each_january_every_unit_without_a_report_gets_its_draft_and_clocks(report, tree):
    from django.core.management import call_command

    from fazhi.core.models import Org

    call_command("annual-reports", "open", "--year", "2025")
    units = Org.objects.filter(is_active=True)
    opened = LawReport.objects.filter(year=2025)
    assert sorted(opened.values_list("org", flat=True)) == sorted(units.values_list("pk", flat=True))
    assert opened.get(org=tree["own"]) == report  # the unit's own draft left as it was
    sibling = opened.get(org=tree["sibling"])
    assert sibling.current.number == 1 and sibling.created_by is None
    assert clock(sibling, SUBMISSION).due_on == D(2026, 2, 28)
    created = AuditEvent.objects.get(kind=EventKind.CREATED, subject_id=sibling.pk, chain=tree["sibling"].pk)
    assert created.actor_name == audit.SYSTEM.name
    call_command("annual-reports", "open", "--year", "2025")  # again: nothing new
    assert LawReport.objects.filter(year=2025).count() == units.count()


def test_opening_a_future_year_for_every_unit_is_refused(tree):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="报告年度须为2000年至"):
        call_command("annual-reports", "open", "--year", "2999")
    assert not LawReport.objects.exists()
