"""Never two copies, even when the sending worker is killed mid-send and started again.

The worker is django-tasks' database worker in a process of its own, on a
database of its own, sending over SMTP to a real aiosmtpd server that takes
a few milliseconds a message; the test kills it with SIGKILL part-way,
queues the half-sent edition again and starts a new worker. A connection
killed between its commit and its final dot may lose its one message
(``masthead/newsletters/smtp.py``); the database must then say which.
"""

import asyncio
import os
import signal
import subprocess
import time
from collections import Counter

import pytest

from masthead.core.tests.live_site import BIN, SmtpInbox, build_live_site, destroy_live_site

RECIPIENTS = 300

SEED = f"""
from masthead.news.tests.factories import make_article, make_section
from masthead.newsletters.models import Newsletter, Signup
from masthead.newsletters.tasks import send_todays_edition_task
section = make_section("Britain")
for n in range(3):
    make_article(section, f"Story number {{n}} of the morning")
morning = Newsletter.objects.create(slug="morning", name="The Morning Lantern")
Signup.objects.bulk_create(
    Signup(newsletter=morning, email=f"reader{{n}}@example.org", status="confirmed",
           consent_source="tests", consent_method="tests")
    for n in range({RECIPIENTS})
)
send_todays_edition_task.enqueue("morning")
"""

COUNT_SENT = """
from masthead.newsletters.models import Delivery
print(Delivery.objects.filter(status="sent").count(), Delivery.objects.count())
"""

UNCONFIRMED = """
from masthead.newsletters.models import Delivery
print(*Delivery.objects.filter(status="sent", confirmed_at=None).values_list("email", flat=True))
"""
CONNECTIONS = 4


class SlowInbox(SmtpInbox):
    """Keeps each message as soon as its final dot arrives, as a mail server queues it, then
    takes a few milliseconds to say so (the worker is killed while sending, not idle)."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        reply = await super().handle_DATA(server, session, envelope)
        await asyncio.sleep(0.004)
        return reply


def start_worker(site):
    return subprocess.Popen(
        [
            str(BIN / "masthead"),
            *("db_worker", "--backend", "newsletters", "--queue-name", "newsletters"),
            *("--interval", "0.2", "--no-startup-delay"),
        ],
        env=site.env,
        cwd=site.workdir,
        stdout=subprocess.DEVNULL,
        stderr=open(site.workdir / "worker.log", "ab"),  # noqa: SIM115
    )


def sent_and_total(site) -> tuple[int, int]:
    sent, total = site.masthead("shell", "-v0", "-c", COUNT_SENT).split()
    return int(sent), int(total)


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"Timed out waiting for {what}")


@pytest.mark.live
def test_a_worker_killed_mid_send_and_restarted_sends_nobody_two_copies(tmp_path):
    inbox = SlowInbox().start()
    site = build_live_site(tmp_path, demo=False, smtp_port=inbox.port)
    site.env["MASTHEAD_NEWSLETTER_CLAIM_SECONDS"] = "2"
    site.env["MASTHEAD_NEWSLETTER_BATCH"] = "50"
    site.env["MASTHEAD_NEWSLETTER_CONNECTIONS"] = str(CONNECTIONS)
    worker = None
    try:
        site.masthead("shell", "-v0", "-c", SEED)
        worker = start_worker(site)
        wait_for(lambda: len(inbox.messages) >= 60, 60, "the first messages")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        received_before = len(inbox.messages)
        assert received_before < RECIPIENTS, "the worker was not killed mid-send"

        site.masthead("newsletter", "resume")
        time.sleep(2.1)  # the dead worker's claim runs out
        worker = start_worker(site)
        wait_for(lambda: len(inbox.messages) >= RECIPIENTS - CONNECTIONS, 60, "the rest")
        wait_for(lambda: sent_and_total(site) == (RECIPIENTS, RECIPIENTS), 30, "every delivery")
        time.sleep(0.5)  # anything extra would arrive now
        sent, total = sent_and_total(site)
        in_doubt = set(site.masthead("shell", "-v0", "-c", UNCONFIRMED).split())
    finally:
        if worker and worker.poll() is None:
            worker.terminate()
            worker.wait(10)
        inbox.stop()
        destroy_live_site(site)
    copies = Counter(message["To"] for message in inbox.messages)
    assert set(copies.values()) == {1}, [a for a, n in copies.items() if n > 1][:5]
    assert sent == total == RECIPIENTS
    everyone = {f"reader{n}@example.org" for n in range(RECIPIENTS)}
    missing = everyone - set(copies)
    # Only an address the database holds in doubt may be missing, one per killed connection.
    assert missing <= in_doubt, missing - in_doubt
    assert len(in_doubt) <= CONNECTIONS, in_doubt
