"""Writers upload pictures; the moderation workflow has one name.

Wagtail checks image permissions on its own ``wagtailimages.Image`` model,
whatever the image model is, per collection (``GroupCollectionPermission``):
the ``images.mastheadimage`` permissions that 0003 handed out opened nothing.
Writers get add and choose (Wagtail lets whoever uploaded a picture edit it),
Editors add, change and choose, all on the root collection.

Wagtail's default workflow was created as "Moderators approval" before 0003
renamed the group and the task; the workflow is renamed too, so the button,
the emails and the admin all say "Editors' approval".
"""

from django.db import migrations

from masthead.core.migration_helpers import create_all_permissions

WORKFLOW_NAME = "Editors' approval"
OLD_WORKFLOW_NAME = "Moderators approval"
IMAGE_PERMISSIONS = {
    "Writers": ["add_image", "choose_image"],
    "Editors": ["add_image", "change_image", "choose_image"],
}


def _image_permissions(apps, codenames):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.filter(
        content_type__app_label="wagtailimages", content_type__model="image", codename__in=codenames
    )


def grant_image_permissions(apps, schema_editor):
    create_all_permissions(apps)
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for group in Group.objects.filter(name__in=IMAGE_PERMISSIONS):
        for permission in _image_permissions(apps, IMAGE_PERMISSIONS[group.name]):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def revoke_image_permissions(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    for group_name, codenames in IMAGE_PERMISSIONS.items():
        GroupCollectionPermission.objects.filter(
            group__name=group_name, permission__in=_image_permissions(apps, codenames)
        ).delete()


def one_workflow_name(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")
    Workflow.objects.filter(name=OLD_WORKFLOW_NAME).update(name=WORKFLOW_NAME)
    Task.objects.filter(name=OLD_WORKFLOW_NAME).update(name=WORKFLOW_NAME)


def old_workflow_name(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore.Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).update(name=OLD_WORKFLOW_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_story_forms"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(grant_image_permissions, revoke_image_permissions),
        migrations.RunPython(one_workflow_name, old_workflow_name),
    ]
