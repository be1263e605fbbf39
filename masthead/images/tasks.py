"""Background work: the renditions readers' pages use (Django's tasks framework).

They are made on the background queue (``TASKS["background"]``), in its worker,
not in the web worker that served the upload or the publish.
"""

from django_tasks import task

from masthead.images.renditions import make_renditions_for


@task(backend="background", queue_name="background")
def make_renditions_task(image_ids: list[int]) -> None:
    make_renditions_for(image_ids)
