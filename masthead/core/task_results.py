"""Finished background tasks are forgotten after a while.

django-tasks-db keeps a row per task run, finished or not. The background
queue runs a similar-stories refresh per publish and renditions per
picture, so its table would grow for ever. The scheduler prunes it at each
tick: a success once it is a day old, a failure after two weeks (long enough
to be looked into). Newsletter runs are left alone; their editions keep
their own record.
"""

from __future__ import annotations

from datetime import datetime, timedelta

SUCCESS_KEPT = timedelta(days=1)
FAILURE_KEPT = timedelta(days=14)


def prune_finished(backend: str, *, now: datetime) -> int:
    """Delete ``backend``'s finished task rows past their keeping time; return how many."""
    from django.db.models import Q
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    expired = Q(status=TaskResultStatus.SUCCESSFUL, finished_at__lte=now - SUCCESS_KEPT) | Q(
        status=TaskResultStatus.FAILED, finished_at__lte=now - FAILURE_KEPT
    )
    deleted, _ = DBTaskResult.objects.finished().filter(expired, backend_name=backend).delete()
    return deleted
