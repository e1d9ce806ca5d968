"""The audit trail: append-only, hash-chained; `fazhi audit verify` finds any change or deletion."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from fazhi.core import audit
from fazhi.core.models import AuditEvent, AuditHead, EventKind


def three_events(org_id=7):
    for n in range(3):
        audit.record(EventKind.EDITED, f"第{n + 1}次修改", chain=org_id, data={"n": n})


def without_guard(sql, params=()):
    """What a database administrator with full rights could do behind the application."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")
            cursor.execute(sql, params)


def verify_exit(capsys):
    with pytest.raises(SystemExit) as stopped:
        call_command("audit", "verify")
    return stopped.value.code, capsys.readouterr().err


def test_an_intact_trail_verifies_and_says_how_many_events(db, capsys):
    three_events()
    call_command("audit", "verify")
    assert "共校验 3 条记录" in capsys.readouterr().out


def test_events_chain_to_the_one_before(db):
    three_events()
    first, second, _ = AuditEvent.objects.filter(chain=7).order_by("seq")
    assert second.prev_hash == first.hash and first.prev_hash == audit.GENESIS
    assert AuditHead.objects.get(chain=7).count == 3


def test_the_application_cannot_change_or_delete_an_event(db):
    three_events()
    event = AuditEvent.objects.first()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_the_database_refuses_an_update_behind_the_application(db):
    three_events()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(summary="改过")


def test_a_changed_event_is_named(db, capsys):
    three_events()
    without_guard("UPDATE core_auditevent SET summary = %s WHERE seq = 2", ["悄悄改过"])
    code, err = verify_exit(capsys)
    assert code == 1 and "第 2 条事件" in err and "被改动" in err


def test_a_deleted_event_in_the_middle_is_named(db, capsys):
    three_events()
    without_guard("DELETE FROM core_auditevent WHERE seq = 2")
    code, err = verify_exit(capsys)
    assert code == 1 and "缺少第 2 条事件" in err


def test_deleting_the_newest_events_is_seen_through_the_head(db, capsys):
    three_events()
    without_guard("DELETE FROM core_auditevent WHERE seq = 3")
    code, err = verify_exit(capsys)
    assert code == 1 and "末尾的事件被删除" in err


def test_each_org_has_its_own_chain(db):
    three_events(org_id=1)
    three_events(org_id=2)
    assert audit.verify().checked == 6
    assert set(AuditHead.objects.values_list("chain", "count")) == {(1, 3), (2, 3)}


@pytest.mark.django_db(transaction=True)
def test_flush_keeps_the_guard_and_the_calendar(db):
    from django.core.management import call_command

    from fazhi.core.models import CalendarDay

    three_events()
    call_command("flush", "--noinput", verbosity=0)
    assert not AuditEvent.objects.exists() and CalendarDay.objects.filter(date="2026-10-01").exists()
    three_events()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(summary="改过")
