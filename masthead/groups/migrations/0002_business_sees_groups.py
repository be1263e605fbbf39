"""The Business group sees group subscriptions and may rename them; buyers manage the seats."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

CODENAMES = ["view_group", "change_group"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Business", "reader_groups", CODENAMES)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Business", "reader_groups", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("reader_groups", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
