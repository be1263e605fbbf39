"""The Editors and Business groups see the reader analytics."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

CODENAMES = ["view_analytics"]


def grant(apps, schema_editor):
    for group in ("Editors", "Business"):
        grant_to_group(apps, group, "analytics", CODENAMES)


def revoke(apps, schema_editor):
    for group in ("Editors", "Business"):
        revoke_from_group(apps, group, "analytics", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
