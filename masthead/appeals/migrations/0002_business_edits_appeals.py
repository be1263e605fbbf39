"""The Business group creates and edits appeals (not deletes: an appeal with donations stays)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_campaign", "change_campaign", "view_campaign"]


def grant(apps, schema_editor):
    # Django adds model permissions after the last migration; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="appeals", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name="Business"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="appeals", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name="Business"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0001_initial"),
        ("news", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
