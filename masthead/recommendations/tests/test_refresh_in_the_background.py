"""A publish leaves the similar-stories refresh to the background queue's worker.

The web worker that served the editor's publish only writes a row in the
database queue (the production setting, ``TASKS["background"]``); the worker
beside the server (``masthead db_worker --backend background``) loads the
engine, refreshes the lists, and the story's page then shows its coverage.
"""

import json
import os
import signal
from unittest import mock

import pytest
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from masthead.core.tests.live_site import build_live_site, destroy_live_site
from masthead.news.tests.factories import make_article
from masthead.recommendations.services import index_path
from masthead.recommendations.tasks import refresh_similar_task

HEAVY = ("numpy", "scipy", "sklearn")
STRIKE = [
    "Dockers at the harbour stayed on strike over pay on Tuesday.",
    "The union said the operator's pay offer was a cut in real terms.",
    "Hauliers warned of queues on the approach roads to the port.",
]


@pytest.fixture
def database_queue(settings, tmp_path):
    """The production setting: background tasks wait in the database for their worker."""
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["background"]},
    }
    settings.MASTHEAD_SIMILAR_INDEX_PATH = tmp_path / "similar-index.pickle"


def run_background_worker(*, captured) -> None:
    """What `make serve`'s worker does, once over what is queued.

    Inside the test's transaction: the worker must not close the connection it
    runs in, as it does between tasks to drop stale ones.
    """
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with (
            mock.patch.object(db_worker, "close_old_connections", lambda: None),
            captured(execute=True),
        ):
            call_command(
                "db_worker",
                *("--backend", "background", "--queue-name", "background"),
                *("--batch", "--no-startup-delay", "--no-reload"),
                verbosity=0,
            )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def queued_refreshes(article) -> int:
    return (
        DBTaskResult.objects.ready()
        .filter(task_path=refresh_similar_task.module_path, args_kwargs__args__0=article.pk)
        .count()
    )


def publish_walkout(paper):
    """A story that follows the demo paper's dockers' vote."""
    return make_article(
        paper["sections"]["britain"],
        "Dockers stay on strike over pay",
        paragraphs=STRIKE,
        free_to_read=True,
    )


def similar_stories_on(client, article) -> str:
    page = client.get(article.url).content.decode()
    start = page.find('class="similar-stories"')
    return page[start : page.find("</aside>", start)] if start >= 0 else ""


@pytest.mark.django_db
def test_a_publish_queues_the_refresh_and_the_worker_then_shows_the_story_s_coverage(
    paper, database_queue, django_capture_on_commit_callbacks, client
):
    vote = paper["articles"]["vote"]
    with django_capture_on_commit_callbacks(execute=True):
        walkout = publish_walkout(paper)

    assert queued_refreshes(walkout) == 1
    assert not index_path().exists(), "the publish built the similar-stories index itself"
    assert similar_stories_on(client, walkout) == ""

    run_background_worker(captured=django_capture_on_commit_callbacks)

    assert queued_refreshes(walkout) == 0
    assert vote.title in similar_stories_on(client, walkout)


@pytest.mark.django_db
def test_publishing_again_while_a_refresh_waits_queues_no_second_one(
    paper, database_queue, django_capture_on_commit_callbacks
):
    vote = paper["articles"]["vote"]
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            vote.save_revision().publish()
    assert queued_refreshes(vote) == 1


@pytest.mark.django_db
def test_a_refresh_whose_worker_was_killed_runs_once_the_queue_is_resumed(
    paper, database_queue, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        walkout = publish_walkout(paper)
    refresh = DBTaskResult.objects.get(task_path=refresh_similar_task.module_path)
    refresh.claim("a-worker-killed-mid-refresh")
    run_background_worker(captured=django_capture_on_commit_callbacks)
    assert similar_stories_on(client, walkout) == ""

    call_command("resume_tasks", "background", stdout=open(os.devnull, "w"))  # noqa: SIM115
    run_background_worker(captured=django_capture_on_commit_callbacks)
    assert paper["articles"]["vote"].title in similar_stories_on(client, walkout)


PUBLISH = """
import json, sys
from masthead.news.tests.factories import make_article, make_section
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
section = make_section("Britain")
for headline in ("Dockers vote to strike over pay", "Dockers stay on strike over pay"):
    article = make_article(section, headline, paragraphs={strike!r})
article.save_revision().publish()
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))
from masthead.recommendations.services import index_path  # (loads the engine's stack)
print(json.dumps({{
    "heavy": heavy,
    "index": index_path().exists(),
    "queued": DBTaskResult.objects.ready().filter(task_path={task!r}).count(),
}}))
"""


@pytest.mark.live
def test_a_publish_under_the_production_settings_loads_no_engine_into_its_process(tmp_path):
    site = build_live_site(tmp_path, demo=False)
    site.env.pop("MASTHEAD_BACKGROUND_TASK_BACKEND")  # the production default: the database
    try:
        out = site.masthead(
            "shell",
            "-v0",
            "-c",
            PUBLISH.format(strike=STRIKE, heavy=HEAVY, task=refresh_similar_task.module_path),
        )
        publisher = json.loads(out.strip().splitlines()[-1])
        # numpy, scipy, scikit-learn and the index are some 180 MB and seconds of work:
        # the background worker's, never the publishing web worker's.
        # One refresh queued for each story; publishing the second again added none.
        assert publisher == {"heavy": [], "index": False, "queued": 2}
    finally:
        destroy_live_site(site)
