"""The Business group edits the plans readers can buy."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="subscriptions",
        codename__in=["add_plan", "change_plan", "delete_plan", "view_plan"],
    )
    for group in Group.objects.filter(name="Business"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0002_plan_subscription_cancel_at_period_end_and_more"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
