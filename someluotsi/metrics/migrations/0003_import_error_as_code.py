"""The rejection reason is kept once, as a code and its parameters (worded when shown)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("metrics", "0002_import_error_detail"),
    ]

    operations = [
        migrations.RemoveField(model_name="metricimport", name="error"),
        migrations.RenameField(model_name="metricimport", old_name="error_detail", new_name="error"),
        migrations.AlterField(
            model_name="metricimport",
            name="error",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="why the file was rejected"
            ),
        ),
    ]
