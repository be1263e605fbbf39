"""Editors switch breaking-news banners on and off, and read the record of unlocks."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

CODENAMES = [
    "add_breakingbanner",
    "change_breakingbanner",
    "delete_breakingbanner",
    "view_breakingbanner",
    "view_publicinterestunlock",
]


def grant(apps, schema_editor):
    grant_to_group(apps, "Editors", "breaking", CODENAMES)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Editors", "breaking", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("breaking", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
