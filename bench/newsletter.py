"""``make bench-newsletter``: one edition to 100,000 recipients through a local SMTP server.

Builds a paper in a database of its own (SQLite, the embedded default; or
PostgreSQL with ``--postgres`` when ``DATABASE_URL`` is set), signs up
``--recipients`` addresses to the morning letter (one in ten a subscriber),
starts an SMTP server (aiosmtpd, in a process of its own, counting and
discarding what it is given) and runs ``masthead newsletter send morning``,
exactly as an operator would. Prints messages a second and the sender's
peak memory, beside the targets (350 a second, 500 MB). Everything it
starts, it stops; its folder under ``var/`` is removed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from masthead.core.tests.live_site import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
WORK = ROOT / "var" / "bench-newsletter"
TARGET_RATE = 350
TARGET_MB = 500

SINKS = 4
# A mail server that counts and discards, in several processes sharing one port
# (SO_REUSEPORT), so that the server is not what is measured.
SINK = """
import signal, sys, threading
from aiosmtpd.controller import Controller

class Sink:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        return "250 OK"

class SharedPort(Controller):
    def _create_server(self):
        return self.loop.create_server(
            self._factory_invoker, host=self.hostname, port=self.port, reuse_port=True
        )

controller = SharedPort(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]), ready_timeout=60)
controller.start()
done = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: done.set())
print("ready", flush=True)
done.wait()
controller.stop()
print(Sink.count, flush=True)
"""

SEED = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from masthead.news.tests.factories import make_article, make_section
from masthead.newsletters.models import Newsletter, Signup
from masthead.subscriptions.models import Subscription

section = make_section("Britain")
for n in range(6):
    make_article(section, f"The morning's story number {{n}}")
morning = Newsletter.objects.create(slug="morning", name="The Morning Lantern")
users = get_user_model().objects.bulk_create(
    get_user_model()(email=f"subscriber{{n}}@example.org", password="!")
    for n in range({subscribers})
)
Subscription.objects.bulk_create(
    Subscription(user=u, status="active", plan_name="Digital",
                 current_period_end=timezone.now() + timedelta(days=20)) for u in users
)
now = timezone.now()
Signup.objects.bulk_create(
    (Signup(newsletter=morning, email=f"subscriber{{n}}@example.org", user=users[n],
            status="confirmed", consent_at=now, consent_source="bench", consent_method="bench")
     for n in range({subscribers})), batch_size=5000)
Signup.objects.bulk_create(
    (Signup(newsletter=morning, email=f"reader{{n}}@example.org", status="confirmed",
            consent_at=now, consent_source="bench", consent_method="bench")
     for n in range({readers})), batch_size=5000)
"""


def log(message: str) -> None:
    print(f"bench-newsletter: {message}", flush=True)


def peak_memory_mb(pid: int, stop: threading.Event, found: list) -> None:
    """The process's high-water mark (VmHWM), read until it exits."""
    while not stop.is_set():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            found.append(int(match.group(1)) / 1024)
        time.sleep(0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true", help="on DATABASE_URL's server")
    args = parser.parse_args()

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MASTHEAD_", "DJANGO_"))}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        MASTHEAD_SECRET_KEY=uuid.uuid4().hex * 2,
        MASTHEAD_HTTPS="0",
        MASTHEAD_ALLOW_DEMO_PAYMENTS="1",
        MASTHEAD_VAR_DIR=str(WORK),
        MASTHEAD_LOG_LEVEL="WARNING",
        MASTHEAD_EMAIL_HOST="127.0.0.1",
        MASTHEAD_EMAIL_PORT=str(port),
    )
    database = None
    if args.postgres and os.environ.get("DATABASE_URL"):
        from urllib.parse import urlsplit, urlunsplit

        from masthead.core.tests.live_site import _postgres_admin

        database = f"masthead_bench_newsletter_{uuid.uuid4().hex[:8]}"
        with _postgres_admin(os.environ["DATABASE_URL"]) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = urlunsplit(
            urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{database}")
        )
    else:
        env.pop("DATABASE_URL", None)

    def masthead(*command: str) -> str:
        result = subprocess.run(
            [str(BIN / "masthead"), *command], env=env, capture_output=True, text=True, check=False
        )
        if result.returncode:
            raise SystemExit(f"masthead {command[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    sinks = [
        subprocess.Popen(
            [str(BIN / "python"), "-c", SINK, str(port)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(SINKS)
    ]
    try:
        for sink in sinks:
            sink.stdout.readline()
        log(f"building the paper and {args.recipients:,} sign-ups")
        masthead("migrate", "--no-input", "-v0")
        masthead("collectstatic", "--no-input", "-v0")  # the letters' logo, as `make serve` has it
        subscribers = args.recipients // 10
        masthead(
            "shell",
            "-v0",
            "-c",
            SEED.format(subscribers=subscribers, readers=args.recipients - subscribers),
        )
        log("sending")
        started = time.monotonic()
        sender = subprocess.Popen(
            [str(BIN / "masthead"), "newsletter", "send", "morning"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        stop, peaks = threading.Event(), []
        watcher = threading.Thread(target=peak_memory_mb, args=(sender.pid, stop, peaks))
        watcher.start()
        out, err = sender.communicate()
        seconds = time.monotonic() - started
        stop.set()
        watcher.join()
        if sender.returncode:
            raise SystemExit(f"newsletter send failed:\n{out}\n{err}")
    finally:
        received = 0
        for sink in sinks:
            sink.send_signal(signal.SIGTERM)
            received += int(sink.communicate(timeout=60)[0].strip() or 0)
        if database:
            with _postgres_admin(os.environ["DATABASE_URL"]) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(WORK, ignore_errors=True)
    rate = received / seconds
    peak = max(peaks, default=0.0)
    store = "PostgreSQL" if database else "SQLite"
    print(out.strip())
    print(
        f"{'newsletter edition':<28}{'recipients':>12}{'messages/s':>12}{'peak MB':>10}  database"
    )
    print(f"{'over SMTP, one process':<28}{received:>12,}{rate:>12.0f}{peak:>10.0f}  {store}")
    ok = received == args.recipients and rate >= TARGET_RATE and peak < TARGET_MB
    print(
        f"targets: every recipient once ({received:,}/{args.recipients:,}), "
        f">= {TARGET_RATE}/s, < {TARGET_MB} MB: {'met' if ok else 'NOT MET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
