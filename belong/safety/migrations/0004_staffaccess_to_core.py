# The staff-access log now belongs to core (core 0001 takes over the model with its table);
# here the safety app lets go of it without touching the table or its rows.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0003_moderation"),
        ("core", "0001_staffaccess"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="StaffAccess")],
            database_operations=[],
        ),
    ]
