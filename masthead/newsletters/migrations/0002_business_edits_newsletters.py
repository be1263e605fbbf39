"""The Business group edits the newsletters; the Editors compose and send editions."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

BUSINESS = [
    "add_newsletter",
    "change_newsletter",
    "delete_newsletter",
    "view_newsletter",
    "view_signup",
    "change_signup",
    "view_suppression",
    "add_suppression",
    "view_edition",
]
EDITORS = ["add_edition", "change_edition", "view_edition", "view_newsletter"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Business", "newsletters", BUSINESS)
    grant_to_group(apps, "Editors", "newsletters", EDITORS)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Business", "newsletters", BUSINESS)
    revoke_from_group(apps, "Editors", "newsletters", EDITORS)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
