"""The Business group creates and edits appeals (not deletes: an appeal with donations stays)."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

CODENAMES = ["add_campaign", "change_campaign", "view_campaign"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Business", "appeals", CODENAMES)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Business", "appeals", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
