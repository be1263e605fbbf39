"""The Business group edits the gift link rules, as it edits the metering rules."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

CODENAMES = ["change_giftsettings", "view_giftsettings"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Business", "gifts", CODENAMES)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Business", "gifts", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("gifts", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
