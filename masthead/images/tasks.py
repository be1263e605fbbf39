"""Background work: the renditions readers' pages use (Django's tasks framework)."""

from django_tasks import task

from masthead.images.renditions import make_renditions_for


@task()
def make_renditions_task(image_ids: list[int]) -> None:
    make_renditions_for(image_ids)
