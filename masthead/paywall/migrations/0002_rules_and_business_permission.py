"""The paper's metering rules start at the defaults, and the Business group edits them."""

from django.db import migrations

from masthead.core.migration_helpers import grant_to_group, revoke_from_group

CODENAMES = ["change_metersettings", "view_metersettings"]


def create_rules(apps, schema_editor):
    MeterSettings = apps.get_model("paywall.MeterSettings")
    if not MeterSettings.objects.exists():
        MeterSettings.objects.create(anonymous_limit=5, registered_limit=10, teaser_paragraphs=2)
    grant_to_group(apps, "Business", "paywall", CODENAMES)


def revoke(apps, schema_editor):
    revoke_from_group(apps, "Business", "paywall", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("paywall", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(create_rules, revoke)]
