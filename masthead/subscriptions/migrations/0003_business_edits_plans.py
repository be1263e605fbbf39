"""The Business group edits the plans readers can buy."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

CODENAMES = ["add_plan", "change_plan", "delete_plan", "view_plan"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Business", "subscriptions", CODENAMES)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Business", "subscriptions", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0002_plan_subscription_cancel_at_period_end_and_more"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
