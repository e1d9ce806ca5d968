# The days of 交办 and 办结 on each item, so the indicators count over indexed columns.
# Existing items are dated from what the records already say: 交办 on the day the first
# handling clock started, 办结 on the day the audit trail's close transition gives (the
# `on` of its data), or, failing that, on the day the item was last saved.

import datetime

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.utils import timezone

SUBJECT = "supervision.supervisionitem"
HANDLING = "supervision.handling"


def date_steps(apps, schema_editor):
    Item = apps.get_model("supervision", "SupervisionItem")
    Clock = apps.get_model("core", "Clock")
    AuditEvent = apps.get_model("core", "AuditEvent")
    first_clock = Clock.objects.filter(
        subject_type=SUBJECT, subject_id=OuterRef("pk"), rule_key=HANDLING
    ).order_by("started_on", "pk")
    Item.objects.filter(assigned_on__isnull=True).update(
        assigned_on=Subquery(first_clock.values("started_on")[:1])
    )
    closes = AuditEvent.objects.filter(subject_type=SUBJECT, kind="transition", data__transition="close")
    closed_on = {}
    for subject_id, data in closes.order_by("seq").values_list("subject_id", "data"):
        if isinstance(data, dict) and data.get("on"):
            closed_on[subject_id] = datetime.date.fromisoformat(str(data["on"])[:10])
    for item in Item.objects.filter(state="closed", closed_on__isnull=True).only("pk", "updated_at"):
        day = closed_on.get(item.pk) or timezone.localdate(item.updated_at)
        Item.objects.filter(pk=item.pk).update(closed_on=day)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_local_rules'),
        ('supervision', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='supervisionitem',
            name='assigned_on',
            field=models.DateField(blank=True, null=True, verbose_name='交办日期'),
        ),
        migrations.AddField(
            model_name='supervisionitem',
            name='closed_on',
            field=models.DateField(blank=True, null=True, verbose_name='办结日期'),
        ),
        migrations.AddIndex(
            model_name='supervisionitem',
            index=models.Index(fields=['org', 'assigned_on'], name='supervision_org_assigned'),
        ),
        migrations.RunPython(date_steps, migrations.RunPython.noop),
    ]
