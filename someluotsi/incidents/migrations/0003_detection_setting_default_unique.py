"""One default detection setting (no channel) on SQLite too.

0001 declared the rule with `nulls_distinct=False`, which only PostgreSQL honours: SQLite
skipped the constraint (the W047 warning of `migrate` and `tools/run`), so two default rows
could be stored and `update_or_create(channel=None)` then failed. The rule is now a unique
index over COALESCE(channel_id, 0), which both databases build. Before it is added, any
extra default rows an SQLite database gathered are removed, the latest one kept."""

from django.db import migrations, models
from django.db.models.functions import Coalesce


def keep_one_default(apps, schema_editor):  # noqa: ANN001, ANN201 - a migration's signature
    setting = apps.get_model("incidents", "DetectionSetting")
    defaults = setting.objects.filter(channel__isnull=True).order_by("-updated_at", "-id")
    latest = defaults.first()
    if latest is not None:
        defaults.exclude(pk=latest.pk).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0002_entry_step_state"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="detectionsetting",
            name="one_detection_setting_per_channel",
        ),
        migrations.RunPython(keep_one_default, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="detectionsetting",
            constraint=models.UniqueConstraint(
                Coalesce("channel", models.Value(0), output_field=models.BigIntegerField()),
                name="one_detection_setting_per_channel",
            ),
        ),
    ]
