"""Notices: the people concerned hear of each step, of a deadline near and of one missed."""

import datetime

from django.core.management import call_command

from fazhi.core import notices
from fazhi.core.models import Notice
from fazhi.supervision import services

D = datetime.date


ASSIGNED_ON = D(2026, 11, 2)


def assigned(people, tree, due, on=ASSIGNED_ON, title="按期整改"):
    item = services.draft(people["supervisor"], tree["own"], title=title, requirement="r", source="other")
    return services.assign(item, people["supervisor"], due_on=due, on=on)


def clock_counts(made: dict) -> dict:
    return {kind: made[kind] for kind in ("due_soon", "overdue", "escalated")}


def test_the_unit_is_told_when_an_item_is_assigned_to_it(people, tree):
    item = assigned(people, tree, D(2026, 12, 30))
    (notice,) = notices.unread_for(people["clerk"])
    assert notice.subject_id == item.pk and "已交办（王督察）" in notice.text
    assert not notices.unread_for(people["sibling"]).exists()


def test_the_supervisor_is_told_when_the_unit_reports(people, tree):
    item = assigned(people, tree, D(2026, 12, 30))
    services.accept(item, people["clerk"])
    services.report(item, people["head"], feedback="已整改")
    texts = [n.text for n in notices.unread_for(people["supervisor"])]
    assert any("已反馈（张局长）" in t for t in texts)


def test_remind_tells_the_unit_before_and_after_and_the_unit_above_after(people, tree):
    assigned(people, tree, D(2026, 11, 26), title="快到期")
    assigned(people, tree, D(2026, 11, 20), title="已超期")
    made = notices.remind(D(2026, 11, 24))
    assert clock_counts(made) == {"due_soon": 1, "overdue": 1, "escalated": 1}
    texts = {notices.text_of(n) for n in notices.unread_for(people["clerk"]) if n.clock_id}
    assert texts == {"督办事项办理期限将于2026-11-26到期", "督办事项办理期限已于2026-11-20到期，仍未办结"}
    (up,) = [n for n in notices.unread_for(people["supervisor"]) if n.kind == "escalated"]
    assert notices.text_of(up) == "下级单位甲局的督办事项办理期限已于2026-11-20到期，仍未办结"


def test_running_remind_twice_tells_nobody_twice(people, tree):
    assigned(people, tree, D(2026, 11, 20))
    notices.remind(D(2026, 11, 24))
    assert clock_counts(notices.remind(D(2026, 11, 24))) == {"due_soon": 0, "overdue": 0, "escalated": 0}


def test_the_remind_command_reports_what_it_made(people, tree, capsys):
    assigned(people, tree, D(2026, 11, 20))
    call_command("remind", "--date", "2026-11-24")
    assert "超期1条" in capsys.readouterr().out


def test_a_systems_registered_reminder_runs_with_remind_and_is_counted(db, monkeypatch, capsys):
    monkeypatch.setattr(notices, "REMINDERS", [])
    notices.register_reminder(notices.Reminder("test.lapsing", "示例提示{n}件", lambda today: today.day))
    notices.register_reminder(notices.Reminder("test.lapsing", "重复登记", lambda today: 0))
    assert notices.remind(D(2026, 11, 24))["test.lapsing"] == 24
    call_command("remind", "--date", "2026-11-03")
    assert capsys.readouterr().out.strip() == "新提醒：临期0条，超期0条，报上一级0条；示例提示3件。"


def test_marking_read_is_per_person(people, tree, login):
    assigned(people, tree, D(2026, 12, 30))
    client = login(people["clerk"])
    assert "提醒" in client.get("/home/").content.decode()
    client.post("/notices/read/")
    assert not notices.unread_for(people["clerk"]).exists()
    assert notices.unread_for(people["head"]).count() == 1
    assert Notice.objects.count() == 1
