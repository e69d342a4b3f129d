# The staff-access log moves from the safety app down to core. The table stays as it is
# (`safety_staffaccess`, with every row in it); only Django's record of which app owns the
# model changes.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("places", "0001_initial"),
        ("safety", "0003_moderation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StaffAccess",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("action", models.CharField(max_length=80, verbose_name="what")),
                        ("reason", models.CharField(max_length=300, verbose_name="why")),
                        (
                            "created_at",
                            models.DateTimeField(
                                db_index=True, default=django.utils.timezone.now, verbose_name="when"
                            ),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="places.municipality",
                                verbose_name="municipality",
                            ),
                        ),
                        (
                            "staff",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="staff_accesses_made",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="staff member",
                            ),
                        ),
                        (
                            "subject",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="staff_accesses_about",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="citizen",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "staff access",
                        "verbose_name_plural": "staff-access log",
                        "ordering": ["-created_at", "-pk"],
                        "db_table": "safety_staffaccess",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
