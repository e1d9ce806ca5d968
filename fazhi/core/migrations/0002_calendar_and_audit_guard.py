"""Seed the working-day calendar 2004–2026 and make the audit table append-only in the database."""

from django.db import migrations


def guard(apps, schema_editor):
    from fazhi.core import dbguard

    dbguard.install(schema_editor.connection)


def unguard(apps, schema_editor):
    from fazhi.core import dbguard

    dbguard.remove(schema_editor.connection)


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
