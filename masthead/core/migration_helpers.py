"""Helpers for data migrations that hand permissions to the newsroom's groups."""

from django.contrib.auth.management import create_permissions


def create_all_permissions(apps) -> None:
    """Django adds model permissions after the last migration; data migrations need them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def group_permissions(apps, app_label: str, codenames: list[str]):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def grant_to_group(apps, group_name: str, app_label: str, codenames: list[str]) -> None:
    create_all_permissions(apps)
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name=group_name):
        group.permissions.add(*group_permissions(apps, app_label, codenames))


def revoke_from_group(apps, group_name: str, app_label: str, codenames: list[str]) -> None:
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name=group_name):
        group.permissions.remove(*group_permissions(apps, app_label, codenames))
