# A system's reminder (e.g. 规范性文件有效期将届满) is told once per record and per date.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_consultation"),
    ]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="due_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="notice",
            name="kind",
            field=models.CharField(
                choices=[
                    ("step", "办理环节"),
                    ("due_soon", "即将到期"),
                    ("overdue", "已超期"),
                    ("escalated", "下级超期"),
                    ("reminder", "到期提示"),
                ],
                max_length=12,
            ),
        ),
        migrations.AddConstraint(
            model_name="notice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("clock__isnull", True), ("due_on__isnull", False)),
                fields=("subject_type", "subject_id", "due_on", "kind", "org"),
                name="notice_once_per_date",
            ),
        ),
    ]
