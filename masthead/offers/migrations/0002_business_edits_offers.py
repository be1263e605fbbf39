"""The Business group makes, edits and ends offers (not deletes: an offer taken up stays)."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

CODENAMES = ["add_offer", "change_offer", "view_offer"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Business", "offers", CODENAMES)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Business", "offers", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
