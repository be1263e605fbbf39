"""The Business group adds and edits institutions and sees their reads per month."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

CODENAMES = [
    "add_institution",
    "change_institution",
    "delete_institution",
    "view_institution",
    "view_monthlyreads",
]


def grant(apps, schema_editor):
    grant_to_group(apps, "Business", "institutions", CODENAMES)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Business", "institutions", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("institutions", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
