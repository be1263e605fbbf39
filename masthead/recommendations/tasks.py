"""Background work: keeping similar-story lists current (Django's tasks framework).

A refresh runs on the background queue (``TASKS["background"]``), in its worker,
never in the web worker that served the publish: it needs numpy, scipy,
scikit-learn and the archive's index, which a web worker does not load. So this
module imports the service only when the task runs.
"""

from __future__ import annotations

from django_tasks import task


@task(backend="background", queue_name="background")
def refresh_similar_task(article_id: int) -> None:
    from masthead.recommendations.services import update_for_article

    update_for_article(article_id=article_id)


def queue_similar_refresh_for(article_id: int) -> None:
    """Queue a refresh, unless one for this article is queued and not yet started.

    A waiting refresh reads the archive when it starts, so it will see this
    change too: ten quick edits to one story make one refresh, not ten.
    """
    from django_tasks_db.models import DBTaskResult

    backend = refresh_similar_task.get_backend()
    waiting = DBTaskResult.objects.ready().filter(
        backend_name=backend.alias,
        queue_name=refresh_similar_task.queue_name,
        task_path=refresh_similar_task.module_path,
        args_kwargs__args__0=article_id,
    )
    if not waiting.exists():
        refresh_similar_task.enqueue(article_id)
