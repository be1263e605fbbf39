"""The scheduler forgets the background queue's finished tasks once past their keeping time."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

DONE, FAILED, WAITING = (
    TaskResultStatus.SUCCESSFUL,
    TaskResultStatus.FAILED,
    TaskResultStatus.READY,
)


def task_row(name: str, status, age: timedelta, backend: str = "background") -> None:
    """A task run of ``backend`` that finished (or was queued) ``age`` ago."""
    at = timezone.now() - age
    DBTaskResult.objects.create(
        status=status,
        started_at=None if status == WAITING else at,
        finished_at=None if status == WAITING else at,
        run_after=at,
        args_kwargs={"args": [name], "kwargs": {}},
        task_path="masthead.recommendations.tasks.refresh_similar_task",
        queue_name=backend,
        backend_name=backend,
        exception_class_path="",
        traceback="",
    )


def remaining() -> set[str]:
    return {row.args_kwargs["args"][0] for row in DBTaskResult.objects.all()}


def test_the_scheduler_forgets_old_successes_then_old_failures_and_nothing_else(capsys):
    task_row("refreshed two days ago", DONE, timedelta(days=2))
    task_row("refreshed an hour ago", DONE, timedelta(hours=1))
    task_row("failed two days ago", FAILED, timedelta(days=2))
    task_row("failed three weeks ago", FAILED, timedelta(days=21))
    task_row("waiting for a week", WAITING, timedelta(days=7))
    task_row("an edition sent last month", DONE, timedelta(days=30), backend="newsletters")

    call_command("scheduler", "--once")

    assert remaining() == {
        "refreshed an hour ago",
        "failed two days ago",  # kept two weeks, to be looked into
        "waiting for a week",  # never run yet: never forgotten
        "an edition sent last month",  # newsletters keep their own record
    }
