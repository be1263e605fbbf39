"""The newsroom's three groups.

- Writers draft and submit for moderation (Wagtail's "Editors" group, renamed).
- Editors approve, publish and schedule (Wagtail's "Moderators", renamed, so the
  default moderation workflow's approval task stays with them).
- Business will hold the revenue rules, plans and appeals; for now it can open
  the admin and read the figures.
"""

from django.db import migrations

from masthead.core.migration_helpers import create_all_permissions

SNIPPET_PERMISSIONS = ["add_author", "change_author", "add_topic", "change_topic"]
PAGE_PERMISSIONS = {
    "Writers": ["add_page", "change_page"],
    "Editors": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def create_groups(apps, schema_editor):
    create_all_permissions(apps)

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    Group.objects.filter(name="Editors").update(name="Writers")
    Group.objects.filter(name="Moderators").update(name="Editors")
    Task = apps.get_model("wagtailcore.Task")
    Task.objects.filter(name="Moderators approval").update(name="Editors' approval")
    writers, _ = Group.objects.get_or_create(name="Writers")
    editors, _ = Group.objects.get_or_create(name="Editors")
    business, _ = Group.objects.get_or_create(name="Business")

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for group in (writers, editors, business):
        group.permissions.add(access_admin)

    root = Page.objects.get(depth=1)
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    for group in (writers, editors):
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in PAGE_PERMISSIONS[group.name]:
            permission = Permission.objects.get(content_type=page_type, codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)

    news_models = ContentType.objects.filter(app_label="news", model__in=["author", "topic"])
    snippet_permissions = Permission.objects.filter(
        content_type__in=news_models, codename__in=SNIPPET_PERMISSIONS
    )
    for group in (writers, editors):
        group.permissions.add(*snippet_permissions)

    root_collection = Collection.objects.get(depth=1)
    image_type = ContentType.objects.get(app_label="images", model="mastheadimage")
    for codename in ("add_mastheadimage", "change_mastheadimage", "choose_image"):
        permission = Permission.objects.get(content_type=image_type, codename=codename)
        for group in (writers, editors):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def rename_back(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name="Business").delete()
    Group.objects.filter(name="Editors").update(name="Moderators")
    Group.objects.filter(name="Writers").update(name="Editors")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_front_page"),
        ("images", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_groups, rename_back)]
