"""``masthead scheduler``: scheduled publishing without cron.

Every ``--interval`` seconds (30) it publishes what is due
(``news.scheduling.publish_due``) and logs each story that went live, and
starts the day's edition of each newsletter whose daily time has come
(``newsletters.schedule.start_due_editions``; the newsletter worker sends it), and
forgets the background queue's finished tasks once past their keeping time
(``core.task_results``). It stops
cleanly on SIGTERM or SIGINT, between ticks, so ``make demo`` and ``make serve``
can start it beside the web server and stop it with them.
"""

from __future__ import annotations

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from masthead.core.task_results import prune_finished
from masthead.news.scheduling import publish_due
from masthead.newsletters.schedule import start_due_editions

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Publish scheduled stories as their time comes, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between ticks.")
        parser.add_argument("--once", action="store_true", help="Run one tick and stop.")

    def handle(self, *args, interval: float, once: bool, **options):
        stop = threading.Event()
        previous = {
            signum: signal.signal(signum, lambda *_: stop.set())
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        self.stdout.write(f"Scheduler: publishing scheduled stories every {interval:g} s.")
        try:
            while True:
                self.tick()
                if once:
                    break
                close_old_connections()  # a long-lived process holds no connection between ticks
                if stop.wait(interval):
                    break
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("Scheduler: stopped.")

    def tick(self) -> None:
        try:
            for title in publish_due():
                self.stdout.write(f"Published on schedule: {title}")
        except Exception:  # a failed tick (database away, say) is logged; the next tries again
            logger.exception("Scheduled publishing failed; trying again at the next tick")
        try:
            for slug in start_due_editions():
                self.stdout.write(f"Newsletter edition started: {slug}")
        except Exception:
            logger.exception("Starting the day's newsletters failed; trying again at the next tick")
        try:
            prune_finished("background", now=timezone.now())
        except Exception:
            logger.exception("Pruning finished background tasks failed; trying again next tick")
