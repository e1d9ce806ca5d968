"""Seed the working-day calendar 2004–2026 and make the audit table append-only in the database."""

from django.db import migrations

GUARD = {
    "postgresql": (
        [
            "CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '审计记录只能追加，不能修改或删除'; END; $$ LANGUAGE plpgsql",
            "CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent "
            "FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()",
        ],
        [
            "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent",
            "DROP FUNCTION IF EXISTS core_auditevent_append_only()",
        ],
    ),
    "sqlite": (
        [
            "CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent "
            "BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END",
            "CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent "
            "BEGIN SELECT RAISE(ABORT, '审计记录不能删除'); END",
        ],
        [
            "DROP TRIGGER IF EXISTS core_auditevent_no_update",
            "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
        ],
    ),
}


def guard(apps, schema_editor):
    for statement in GUARD.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(statement)


def unguard(apps, schema_editor):
    for statement in GUARD.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(statement)


def seed_calendar(apps, schema_editor):
    from fazhi.core import holidays

    holidays.seed(apps.get_model("core", "CalendarDay"), apps.get_model("core", "CalendarYear"))


def unseed_calendar(apps, schema_editor):
    apps.get_model("core", "CalendarDay").objects.all().delete()
    apps.get_model("core", "CalendarYear").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [
        migrations.RunPython(seed_calendar, unseed_calendar),
        migrations.RunPython(guard, unguard),
    ]
