"""The Business group makes and ends the tests of the asks; Editors may look at them."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

BUSINESS = ["add_experiment", "change_experiment", "view_experiment"]
EDITORS = ["view_experiment"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Business", "experiments", BUSINESS)
    grant_to_group(apps, "Editors", "experiments", EDITORS)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Business", "experiments", BUSINESS)
    revoke_from_group(apps, "Editors", "experiments", EDITORS)


class Migration(migrations.Migration):
    dependencies = [
        ("experiments", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
