"""``masthead resume_tasks BACKEND``: queue again what a killed worker was running.

django-tasks' database worker does not restart a task that was running when
its process died: the task stays "running" for ever. Run this before starting
a queue's worker (``make demo`` and ``make serve`` do) so that those tasks run
again. Only for queues whose tasks are safe to run twice, as the background
queue's are (a similar-stories refresh, renditions); newsletters have their own
``masthead newsletter resume``, which knows what was already sent.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Queue again the tasks of a database task backend left running by a killed worker."

    def add_arguments(self, parser):
        parser.add_argument("backend", help='the alias in settings.TASKS, e.g. "background"')

    def handle(self, *args, backend, **options):
        from django_tasks_db.compat import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        resumed = (
            DBTaskResult.objects.running()
            .filter(backend_name=backend)
            .update(status=TaskResultStatus.READY, started_at=None)
        )
        self.stdout.write(f"{resumed} interrupted {backend} tasks queued again.")
