"""A running Masthead for browser and multi-process tests.

It is what `make serve` runs: granian with the production settings and
WhiteNoise, on a database of its own (a fresh PostgreSQL database when
``DATABASE_URL`` points at PostgreSQL, a SQLite file otherwise) filled with
the demo paper. Tests talk to it over HTTP only, as readers do.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BIN = Path(sys.executable).parent


def eventually(condition, timeout: float = 5.0, every: float = 0.01) -> bool:
    """Whether ``condition()`` comes true within ``timeout`` seconds, asked every ``every``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_admin(url: str):
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(admin, autocommit=True)


@dataclass
class LiveSite:
    workdir: Path
    env: dict = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None
    database_name: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / f"server-{self.port}.log"

    def another_server(self) -> LiveSite:
        """A second app server on the same database, Redis and media: stopped, on a new port."""
        return LiveSite(workdir=self.workdir, env=dict(self.env))

    def masthead(self, *args: str) -> str:
        result = subprocess.run(
            [str(BIN / "masthead"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise RuntimeError(
                f"masthead {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def start(self, *, workers: int = 2) -> LiveSite:
        self.port = self.port or free_port()
        log = open(self.log_path, "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(BIN / "granian"),
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
                "--workers-kill-timeout",
                "2",
                "masthead.wsgi:application",
            ],
            env=self.env,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"The live site did not start; see {log.name}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class OwnRedis:
    """A redis-server on a port of its own, stopped and started by the test."""

    def __init__(self):
        self.port = free_port()
        self.workdir = tempfile.mkdtemp(prefix="masthead-redis-")
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> OwnRedis:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is needed (Debian's redis-server package)"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.workdir],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        import redis

        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return self
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


class SmtpInbox:
    """An aiosmtpd server on a free port that keeps every message it is given."""

    def __init__(self):
        self.messages: list = []
        self.port = free_port()
        self._controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        import email
        from email import policy

        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def start(self) -> SmtpInbox:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller:
            self._controller.stop()

    def wait_for(self, to: str, timeout: float = 15) -> object:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages:
                if message["To"] == to:
                    return message
            time.sleep(0.1)
        raise AssertionError(f"No email to {to} arrived")


def _site_env(workdir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MASTHEAD_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        MASTHEAD_SECRET_KEY=uuid.uuid4().hex * 2,
        MASTHEAD_HTTPS="0",
        MASTHEAD_ALLOW_DEMO_PAYMENTS="1",
        MASTHEAD_VAR_DIR=str(workdir),
        MASTHEAD_LOG_LEVEL="WARNING",
        MASTHEAD_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        # No background worker runs beside a live site: what `make serve`'s would do
        # (similar stories, renditions) is done at once, as tests expect.
        MASTHEAD_BACKGROUND_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        # A change shows on the next request, as tests expect (no stale while revalidate;
        # that has tests of its own, masthead/edge/tests/test_stale_while_revalidate.py).
        MASTHEAD_STALE_SECONDS="0",
    )
    return env


def _own_database(env: dict, database_url: str) -> str:
    """Points ``env`` at a PostgreSQL database of its own; returns the name to create."""
    name = f"masthead_live_{uuid.uuid4().hex[:10]}"
    env["DATABASE_URL"] = urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
    return name


def _own_keys(env: dict) -> None:
    # Keys of this site's own: readers of an earlier run must not be met again.
    run = uuid.uuid4().hex[:8]
    env["MASTHEAD_CACHE_PREFIX"] = f"masthead-live-{run}"
    env["MASTHEAD_METER_PREFIX"] = f"masthead-live-{run}-meter"


@dataclass
class _Template:
    """A site built once per test run (migrated, static files collected, demo loaded)."""

    workdir: Path
    env: dict
    database_name: str = ""


_templates: dict[tuple, _Template] = {}


def _template(*, postgres_url: str, demo: bool) -> _Template:
    """Built without Redis: what it holds there (page versions, meters) no copy may share."""
    key = (postgres_url, demo)
    if key in _templates:
        return _templates[key]
    workdir = Path(tempfile.mkdtemp(prefix="masthead-live-template-"))
    env = _site_env(workdir)
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    template = _Template(workdir=workdir, env=env)
    if postgres_url:
        template.database_name = _own_database(env, postgres_url)
        with _postgres_admin(postgres_url) as conn:
            conn.execute(f'CREATE DATABASE "{template.database_name}"')
    builder = LiveSite(workdir=workdir, env=env)
    builder.masthead("migrate", "--no-input", "-v0")
    builder.masthead("collectstatic", "--no-input", "-v0")
    if demo:
        builder.masthead("load_demo")
    _templates[key] = template
    return template


@atexit.register
def _remove_templates() -> None:
    for template in _templates.values():
        if template.database_name:
            with _postgres_admin(template.env["DATABASE_URL"]) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{template.database_name}" WITH (FORCE)')
        shutil.rmtree(template.workdir, ignore_errors=True)
    _templates.clear()


def build_live_site(
    workdir: Path,
    *,
    demo: bool = True,
    embedded: bool = False,
    smtp_port: int | None = None,
    redis_url: str | None = None,
) -> LiveSite:
    """A site of its own: database, media, Redis keys, copied from a site built once a run.

    The first site of each kind is migrated, has its static files collected and
    the demo loaded; later ones copy its database (PostgreSQL's ``CREATE
    DATABASE … TEMPLATE``, or the SQLite file) and its media, then migrate,
    which points the site at its own address. ``embedded`` forces the embedded
    default (SQLite, database meter store) even when ``DATABASE_URL`` and
    ``REDIS_URL`` are set.
    """
    env = _site_env(workdir)
    if smtp_port:
        env.pop("MASTHEAD_EMAIL_BACKEND")
        env.update(MASTHEAD_EMAIL_HOST="127.0.0.1", MASTHEAD_EMAIL_PORT=str(smtp_port))
    site = LiveSite(workdir=workdir, env=env, port=free_port())
    # The paper's public address: every server of the site answers for it.
    env["MASTHEAD_BASE_URL"] = site.url
    database_url = "" if embedded else os.environ.get("DATABASE_URL", "")
    postgres_url = database_url if database_url.startswith(("postgres://", "postgresql://")) else ""
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if not embedded and (redis_url or os.environ.get("REDIS_URL")):
        env["REDIS_URL"] = redis_url or os.environ["REDIS_URL"]
        _own_keys(env)
    template = _template(postgres_url=postgres_url, demo=demo)
    if postgres_url:
        site.database_name = _own_database(env, postgres_url)
        with _postgres_admin(postgres_url) as conn:
            conn.execute(
                f'CREATE DATABASE "{site.database_name}" TEMPLATE "{template.database_name}"'
            )
    else:
        for copy in template.workdir.glob("masthead.sqlite3*"):
            shutil.copy2(copy, workdir / copy.name)
    if (template.workdir / "media").exists():
        shutil.copytree(template.workdir / "media", workdir / "media")
    env["MASTHEAD_STATIC_ROOT"] = str(template.workdir / "static")
    site.masthead("migrate", "--no-input", "-v0")
    return site


def destroy_live_site(site: LiveSite) -> None:
    site.stop()
    if site.env.get("REDIS_URL"):
        delete_redis_keys(
            site.env["REDIS_URL"],
            [site.env["MASTHEAD_CACHE_PREFIX"], site.env["MASTHEAD_METER_PREFIX"]],
        )
    if site.database_name:
        with _postgres_admin(os.environ["DATABASE_URL"]) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{site.database_name}" WITH (FORCE)')


def delete_redis_keys(url: str, prefixes: list[str]) -> None:
    """Remove the keys under ``prefixes`` from a Redis others use too (never FLUSHDB)."""
    import redis

    client = redis.Redis.from_url(url)
    for prefix in prefixes:
        for key in client.scan_iter(match=f"{prefix}*", count=1000):
            client.delete(key)


def fetch(url: str, cookie: str = "") -> tuple[str, str]:
    """GET a page as a reader with this cookie (or none); returns the HTML and any Set-Cookie."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode(), response.headers.get("Set-Cookie", "")


def metered_articles(site: LiveSite) -> list[str]:
    """The site's metered articles, each looked at by a fresh reader so no one's meter is touched."""
    import json
    import re

    from masthead.core.tests.sitemaps import sitemap_locations

    listed = sitemap_locations(lambda path: fetch(site.url + path)[0])
    urls = [u for u in listed if u.count("/") == 5]
    metered = []
    for url in urls:
        page, _ = fetch(url)
        data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page).group(1))
        if data["isAccessibleForFree"] is False:
            metered.append(url)
    return metered
