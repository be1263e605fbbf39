"""The paper's metering rules start at the defaults, and the Business group edits them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_rules(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    MeterSettings = apps.get_model("paywall.MeterSettings")
    if not MeterSettings.objects.exists():
        MeterSettings.objects.create(anonymous_limit=5, registered_limit=10, teaser_paragraphs=2)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    change = Permission.objects.filter(
        content_type__app_label="paywall", codename__in=["change_metersettings", "view_metersettings"]
    )
    for group in Group.objects.filter(name__in=["Business"]):
        group.permissions.add(*change)


class Migration(migrations.Migration):
    dependencies = [
        ("paywall", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(create_rules, migrations.RunPython.noop)]
