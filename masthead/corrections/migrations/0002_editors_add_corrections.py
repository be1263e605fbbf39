"""Editors add and read corrections; no group may change or delete one."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

EDITORS = ["add_correction", "view_correction"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Editors", "corrections", EDITORS)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Editors", "corrections", EDITORS)


class Migration(migrations.Migration):
    dependencies = [
        ("corrections", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
