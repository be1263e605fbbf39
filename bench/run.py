"""``make bench``: the metered article page under load, against nginx, in one run.

Builds a fresh archive in a database of its own (the demo paper plus
``masthead seed``: 5,000 articles over 12 sections, with pictures and
similar-stories lists), starts ``make serve`` on PostgreSQL and Redis, and runs
wrk against nginx serving a saved copy of the article (the ceiling), the
fronts, and the metered article as new readers, 2,000 counted readers, a
reader past the limit and a subscriber, and once more through nginx
configured by ``deploy/nginx.conf``; the live blog's update address polled
by 1,000 readers, against nginx serving its answer as a file (``--only live``
runs that row alone, on the demo paper). Then real traffic: paths drawn from a
Zipf(1.0) law over every article and front, as new readers after a long
warm-up, the same while a story is published every 5 s, and logged-in
subscribers spread over the archive; and the embedded default (``make serve``
on SQLite with the database meter store), a new reader per request. Each
``make serve`` runs as shipped, its access log included (into a file). It
prints one table with each row's ratio to nginx in this run, the queries and
Redis calls per view and each worker's peak memory. Loopback only; everything
it starts, it stops and removes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from masthead.core.tests.live_site import delete_redis_keys, free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
LUA = Path(__file__).resolve().parent / "lua"
WORK = ROOT / "var" / "bench"
DATABASE = "masthead_bench"
READERS = 2000
LIVE_READERS = 1000


@dataclass
class Row:
    name: str
    url: str
    script: str
    env: dict
    view: str | None = None  # which per-view counts apply
    result: dict | None = None
    of: str = "nginx"  # the row it is measured against
    connections: int | None = None  # wrk's connections, if not the run's


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


def fetch(url: str, cookie: str | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url: str, process: subprocess.Popen | None = None, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"bench: the server stopped before answering {url}")
        try:
            if fetch(url)[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"bench: nothing answered at {url} within {timeout:.0f} s")


def fresh_database(server_url: str) -> str:
    import psycopg

    base = server_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    return f"{base}/{DATABASE}"


def drop_database(server_url: str) -> None:
    import psycopg

    base = server_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


# The archive is built as a paper that has been running a while: its renditions and
# similar stories made (inside the building command) before the first reader comes,
# not left to the background worker while the first rows are measured.
BUILT_AT_ONCE = {
    "MASTHEAD_BACKGROUND_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
}


def masthead(*args: str) -> None:
    env = {**os.environ, **BUILT_AT_ONCE}
    subprocess.run([str(BIN / "masthead"), *args], check=True, cwd=ROOT, env=env)


def start_nginx(config: str, name: str) -> Path:
    folder = WORK / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "nginx.conf"
    path.write_text(
        f"worker_processes auto;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "events { worker_connections 4096; }\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  sendfile on;\n"
        f"  client_body_temp_path {folder}; proxy_temp_path {folder};\n"
        f"  fastcgi_temp_path {folder}; uwsgi_temp_path {folder}; scgi_temp_path {folder};\n"
        f"{config}\n}}\n"
    )
    subprocess.run(["nginx", "-c", str(path), "-p", str(folder)], check=True)
    return folder


def stop_nginx(folder: Path) -> None:
    subprocess.run(["nginx", "-c", str(folder / "nginx.conf"), "-p", str(folder), "-s", "stop"])


def front_config(app_port: int, port: int, var: Path) -> str:
    """deploy/nginx.conf as documented, pointed at this run's ports and folders."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    text = text.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{port};")
    text = text.replace("server_name news.example;", "server_name _;")
    return text.replace("/srv/masthead/var/", f"{var}/")


def run_wrk(row: Row, args, seconds: int) -> dict:
    env = {**os.environ, "BENCH_LUA_DIR": str(LUA), **row.env}
    connections = row.connections or args.connections
    command = ["wrk", f"-t{args.threads}", f"-c{connections}", f"-d{seconds}s"]
    command += ["--timeout", "5s", "-s", str(LUA / row.script), row.url]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return json.loads(line[len("BENCH ") :])


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        children = Path(f"/proc/{parent}/task/{parent}/children")
        try:
            kids = [int(p) for p in children.read_text().split()]
        except OSError:
            kids = []
        found += kids
        queue += kids
    return found


def web_server_processes(processes: list[int]) -> list[int]:
    """Granian's main process and its workers among ``processes``.

    ``make serve`` also starts the scheduler and the task workers (similar
    stories, renditions, newsletters): they serve no reader and are reported
    on their own line, not in the web workers' memory verdict.
    """
    main = [pid for pid in processes if any(Path(a).name == "granian" for a in _argv(pid)[:2])]
    return sorted({*main, *(child for pid in main for child in descendants(pid))})


def task_worker_processes(processes: list[int]) -> list[int]:
    return [pid for pid in processes if "db_worker" in _argv(pid)]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class RoundTrips:
    """Count this process's commands sent to Redis (a pipeline or a script is one)."""

    def __enter__(self):
        from redis.connection import AbstractConnection

        self.count = 0
        self.original = AbstractConnection.send_packed_command

        def counted(connection, command, check_health=True):
            self.count += 1
            return self.original(connection, command, check_health)

        AbstractConnection.send_packed_command = counted
        return self

    def __exit__(self, *exc):
        from redis.connection import AbstractConnection

        AbstractConnection.send_packed_command = self.original


def per_view_counts(host: str, views: dict[str, tuple[str, str | None]]) -> dict[str, tuple]:
    """SQL queries and Redis round trips of one view of each kind (its path and cookie),
    measured in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for view, (url, cookie) in views.items():
        browser = Client(HTTP_HOST=host)
        if cookie:
            name, value = cookie.split("=", 1)
            browser.cookies[name] = value
        for _ in range(3):  # fill the shared cache as the load run does
            browser.get(url)
        with CaptureQueriesContext(connection) as queries, RoundTrips() as trips:
            response = browser.get(url)
        assert response.status_code == 200, (view, response.status_code)
        counts[view] = (len(queries), trips.count)
    return counts


def reader_cookie(reader_id: str) -> str:
    """The ``Cookie`` header value of an anonymous reader known by ``reader_id``."""
    from django.http import HttpResponse

    from masthead.paywall.identity import READER_COOKIE, set_reader_cookie

    response = HttpResponse()
    set_reader_cookie(response, reader_id)
    return f"{READER_COOKIE}={response.cookies[READER_COOKIE].value}"


def prepare_live(app_url: str, static: Path) -> dict:
    """The demo's open live blog polled by 1,000 readers who each opened it (a counted read).

    Most readers have the newest entry; the others are one to three entries behind,
    as a page that polls every few seconds is. Its answer to the usual poll (after
    the newest entry) is saved for nginx as ``live-after.json``.
    """
    from concurrent.futures import ThreadPoolExecutor

    from masthead.liveblogs.models import LiveBlogPage

    blog = LiveBlogPage.objects.live().filter(coverage_end__isnull=True).first()
    assert blog is not None, "the demo's live blog must be loaded and open"
    ids = list(blog.entries.order_by("time", "pk").values_list("pk", flat=True))
    polls = [*[ids[-1]] * 7, ids[-2], ids[-3], ids[-4]]
    paths = [f"/live/{blog.pk}/after/{entry}/" for entry in polls]
    readers = [reader_cookie(f"bench-live-{n:05d}-x") for n in range(LIVE_READERS)]
    with ThreadPoolExecutor(max_workers=8) as pool:  # each opens the page: the read is counted
        opened = list(pool.map(lambda cookie: fetch(app_url + blog.url, cookie)[0], readers))
    assert all(status == 200 for status in opened), "a reader could not open the live blog"
    behind = fetch(app_url + paths[-1], readers[0])
    assert behind[0] == 200 and len(json.loads(behind[2])["entries"]) == 3, behind[:1]
    status, _, usual = fetch(app_url + paths[0], readers[0])
    assert status == 200 and json.loads(usual)["entries"] == []
    (static / "live-after.json").write_bytes(usual)
    (WORK / "live-readers.txt").write_text("\n".join(readers) + "\n")
    (WORK / "live-paths.txt").write_text("\n".join(paths) + "\n")
    return {"path": paths[0], "reader": readers[0]}


def live_rows(app_url: str, ceiling_url: str) -> dict[str, Row]:
    """The live blog's update address and its ceiling, each with 1,000 connections."""
    live = {
        "BENCH_COOKIES": str(WORK / "live-readers.txt"),
        "BENCH_PATHS": str(WORK / "live-paths.txt"),
    }
    return {
        "nginx_live": Row(
            "nginx, static copy of a live-blog update answer",
            f"{ceiling_url}/live-after.json",
            "plain.lua",
            {},
            of="nginx_live",
            connections=LIVE_READERS,
        ),
        "live": Row(
            f"Live-blog updates, {LIVE_READERS:,} readers polling",
            app_url,
            "live.lua",
            live,
            "live",
            of="nginx_live",
            connections=LIVE_READERS,
        ),
    }


def prepare(app_url: str, host: str) -> dict:
    """The article, its withheld text, readers' cookies and a subscriber's session."""
    from django.test import Client

    from masthead.news.models import ArticlePage
    from masthead.paywall.selectors import current_rules

    articles = list(
        ArticlePage.objects.live()
        .filter(free_to_read=False, slug__regex=r"-[0-9a-f]{8}$")
        .order_by("-first_published_at")[:6]
    )
    target, others = articles[0], articles[1:]
    paragraphs = [
        re.sub(r"<[^>]+>", "", block.value.source)
        for block in target.body
        if block.block_type == "paragraph"
    ]
    teaser = target.teaser_paragraphs or current_rules().teaser_paragraphs
    withheld = [p.strip()[:80] for p in paragraphs[teaser:] if p.strip()]
    assert withheld, "the bench article must have paragraphs past its teaser"

    readers = [reader_cookie(f"bench-reader-{n:06d}-x") for n in range(READERS)]
    past_limit = reader_cookie("bench-past-the-limit-x")
    for other in others[:5]:
        status, _, _ = fetch(app_url + other.url, past_limit)
        assert status == 200
    status, _, body = fetch(app_url + target.url, past_limit)
    assert status == 200 and b'class="offer"' in body, "the past-limit reader must get the offer"
    assert not any(text.encode() in body for text in withheld), "withheld text in the teaser"

    from django.contrib.auth import get_user_model

    subscriber = get_user_model().objects.get(email="subscriber@example.com")
    browser = Client(HTTP_HOST=host)
    browser.force_login(subscriber)
    session = f"sessionid={browser.cookies['sessionid'].value}"
    status, _, body = fetch(app_url + target.url, session)
    assert status == 200 and b'class="offer"' not in body, "the subscriber must read in full"
    return {
        "url": target.url,
        "withheld": withheld,
        "readers": readers,
        "past_limit": past_limit,
        "subscriber": session,
    }


def zipf_paths(count: int = 200_000, seed: int = 7) -> list[str]:
    """Paths drawn from Zipf(1.0) over the front, the sections and every article, newest first."""
    import numpy

    from masthead.news.models import ArticlePage, HomePage, SectionPage

    pages = [*HomePage.objects.live(), *SectionPage.objects.live().order_by("path")]
    articles = ArticlePage.objects.live().public().order_by("-first_published_at", "-pk")
    urls = [page.url for page in pages] + [article.url for article in articles.only(
        "url_path", "path", "depth", "first_published_at")]  # fmt: skip
    weights = 1.0 / numpy.arange(1, len(urls) + 1)
    chosen = numpy.random.default_rng(seed).choice(len(urls), size=count, p=weights / weights.sum())
    return [urls[i] for i in chosen]


def crawl(app_url: str, paths: list[str], cookie: str | None = None) -> float:
    """Read every page once (warm caches, as a paper's are after a day of readers); seconds."""
    from concurrent.futures import ThreadPoolExecutor

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda path: fetch(app_url + path, cookie)[0], paths))
    assert all(status == 200 for status in statuses), "a page of the archive did not answer"
    return time.monotonic() - began


def subscriber_sessions(host: str, count: int) -> list[str]:
    """``count`` subscribers, each logged in: their session cookies."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from masthead.subscriptions.models import Subscription

    cookies = []
    for n in range(count):
        user = get_user_model().objects.create_user(email=f"bench-subscriber-{n}@example.org")
        Subscription.objects.create(
            user=user,
            status="active",
            plan_name="Digital",
            current_period_end=timezone.now() + timedelta(days=30),
        )
        browser = Client(HTTP_HOST=host)
        browser.force_login(user)
        cookies.append(f"sessionid={browser.cookies['sessionid'].value}")
    return cookies


class Publisher:
    """Publishes a new story every ``every`` seconds from a thread, as a newsroom does."""

    def __init__(self, every: float = 5.0):
        import threading

        self.every = every
        self.published = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        from django.db import connection

        from masthead.news.models import SectionPage
        from masthead.news.services import article_create, paragraph_html

        sections = list(SectionPage.objects.live())
        try:
            while not self._stop.wait(self.every):
                n = self.published
                article_create(
                    section=sections[n % len(sections)],
                    headline=f"Bench story {n} published while readers read",
                    standfirst="A story published during the benchmark.",
                    body=[
                        {"type": "paragraph", "value": paragraph_html(f"Paragraph {p}.")}
                        for p in range(8)
                    ],  # fmt: skip
                )
                self.published += 1
        finally:
            connection.close()


def start_embedded(port: int, folder: Path) -> subprocess.Popen:
    """``make serve`` on the embedded default: SQLite and the database meter store."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        MASTHEAD_VAR_DIR=str(folder),
        MASTHEAD_STATIC_ROOT=str(folder / "static"),
        MASTHEAD_MEDIA_ROOT=str(folder / "media"),
    )
    for command in (["migrate", "--no-input", "-v0"], ["load_demo", "--if-empty", "-v0"]):
        subprocess.run(
            [str(BIN / "masthead"), *command], check=True, cwd=ROOT, env={**env, **BUILT_AT_ONCE}
        )
    return subprocess.Popen(
        ["make", "-s", "serve", f"PORT={port}", "HOST=127.0.0.1"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=access_log(folder / "access.log"),
    )


def access_log(path: Path):
    """Where a served paper's standard output goes: its access log, as shipped, in a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("ab")


def metered_path(app_url: str) -> str:
    """A metered article of the served paper, found through its front page."""
    _, _, body = fetch(app_url + "/britain/")
    paths = re.findall(rb'<a href="(/britain/[^"/]+/)"', body)
    return next(p.decode() for p in paths if not p.endswith(b"/feed/"))


def start_serve(port: int, **env: str) -> subprocess.Popen:
    """`make serve` as shipped, on the bench's database; ``env`` adds settings (counting off)."""
    return subprocess.Popen(
        ["make", "-s", "serve", f"PORT={port}", "HOST=127.0.0.1"],
        cwd=ROOT,
        env={**os.environ, **env},
        start_new_session=True,
        stdout=access_log(WORK / f"access-{port}.log"),
    )


COUNTING_ROUNDS = 6
COUNTING_ROWS = ("front", "new_reader", "zipf")


def counting_on_and_off(args, port: int, rows: dict[str, Row]) -> dict[str, dict[str, list]]:
    """Kept pages with reader analytics counting and not: two `make serve` side by side.

    One counts, the other does not; each row is read from one then the other,
    round after round, the first of the pair alternating. Whatever else the
    machine does meanwhile (its neighbours, a checkpoint) falls on both alike,
    and each round gives one ratio of the two.
    """
    measured: dict[str, dict[str, list]] = {key: {"on": [], "off": []} for key in COUNTING_ROWS}
    ports = {"off": port, "on": free_port()}
    servers = {}
    try:
        for state, serving in ports.items():
            log(f"make serve with reader analytics counting {state}")
            # One address for both (the paper's, not the port's): they keep pages under the
            # same keys, so both read the one warm shared cache.
            servers[state] = start_serve(
                serving, MASTHEAD_ANALYTICS=state, MASTHEAD_BASE_URL=f"http://127.0.0.1:{port}"
            )
            wait_for(f"http://127.0.0.1:{serving}/healthz/", servers[state])
        for serving in ports.values():
            run_wrk(on_port(rows["zipf"], port, serving), args, args.zipf_warmup)
        for turn in range(COUNTING_ROUNDS):
            order = ("off", "on") if turn % 2 == 0 else ("on", "off")
            log(f"round {turn + 1} of {COUNTING_ROUNDS}: {' then '.join(order)}")
            for key in COUNTING_ROWS:
                for state in order:
                    row = on_port(rows[key], port, ports[state])
                    run_wrk(row, args, args.warmup)
                    result = run_wrk(row, args, args.seconds)
                    rate = result["requests"] / (result["duration_us"] / 1e6)
                    measured[key][state].append(rate)
                    log(f"  {key}, counting {state}: {rate:,.0f} requests/s")
    finally:
        for server in servers.values():
            stop_server(server)
    return measured


def on_port(row: Row, port: int, serving: int) -> Row:
    return replace(row, url=row.url.replace(f":{port}", f":{serving}"), result=None)


def counting_cost(states: dict[str, list]) -> float:
    """One less the median, over the rounds, of counting's throughput over no counting's."""
    return 1 - statistics.median(
        on / off for on, off in zip(states["on"], states["off"], strict=True)
    )


def counting_table(measured: dict[str, dict[str, list]]) -> str:
    lines = [
        "| Row | Counting off (mean) | Counting on (mean) | Cost of counting (median of "
        f"{COUNTING_ROUNDS} paired rounds) |",
        "|---|---:|---:|---:|",
    ]
    for key, states in measured.items():
        off, on = (statistics.fmean(states[s]) for s in ("off", "on"))
        lines.append(f"| {key} | {off:,.0f} | {on:,.0f} | {counting_cost(states):.1%} |")
    return "\n".join(lines)


def counting_verdicts(measured: dict[str, dict[str, list]]) -> list[str]:
    def cost(key: str) -> float:
        return counting_cost(measured[key])

    checks = [
        (f"counting costs at most 3 % of the kept front's throughput ({cost('front'):.1%})",
         cost("front") <= 0.03),
        (f"and of a new reader's metered article ({cost('new_reader'):.1%})",
         cost("new_reader") <= 0.03),
        (f"and of Zipf traffic's ({cost('zipf'):.1%})", cost("zipf") <= 0.03),
    ]  # fmt: skip
    return [f"  [{'met' if ok else 'MISSED'}] {text}" for text, ok in checks]


def stop_server(server: subprocess.Popen | None) -> None:
    if server is not None and server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def table(rows: list[Row], counts: dict, ceilings: dict[str, float]) -> str:
    head = (
        "| Row | Requests/s | p50 ms | p99 ms | Errors | Bytes/response | Of nginx "
        "| SQL/view | Redis/view |"
    )
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        r = row.result
        rps = r["requests"] / (r["duration_us"] / 1e6)
        errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
        sql, cache = counts.get(row.view, ("", ""))
        lines.append(
            f"| {row.name} | {rps:,.0f} | {r['p50_us'] / 1000:.2f} | {r['p99_us'] / 1000:.2f} "
            f"| {errors} | {r['bytes'] / max(r['requests'], 1):,.0f} "
            f"| {rps / ceilings[row.of]:.1%} "
            f"| {sql} | {cache} |"
        )
    return "\n".join(lines)


def rps(row: Row) -> float:
    return row.result["requests"] / (row.result["duration_us"] / 1e6)


def verdicts(rows: dict[str, Row], ceiling: float, rss: list[float]) -> list[str]:
    def errors(row: Row) -> int:
        r = row.result
        return r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]

    readers, past = rows["readers"], rows["past_limit"]
    checks = [
        ("metered article, 2,000 counted readers ≥ 5 % of nginx", rps(readers) / ceiling >= 0.05),
        ("its p99 under 50 ms", readers.result["p99_us"] < 50_000),
        ("no errors in any row", all(errors(r) == 0 for r in rows.values())),
        ("no withheld text in any teaser response", past.result["leaks"] == 0),
        ("front page ≥ 10 % of nginx", rps(rows["front"]) / ceiling >= 0.10),
        ("section front ≥ 10 % of nginx", rps(rows["section"]) / ceiling >= 0.10),
        ("every worker under 250 MB peak RSS", bool(rss) and max(rss) < 250),
        ("Zipf traffic, new readers ≥ 5 % of nginx", rps(rows["zipf"]) / ceiling >= 0.05),
        ("its p99 under 100 ms", rows["zipf"].result["p99_us"] < 100_000),
        (
            "while publishing every 5 s, ≥ 70 % of that",
            rps(rows["zipf_publishing"]) >= 0.7 * rps(rows["zipf"]),
        ),
        ("its p99 under 150 ms", rows["zipf_publishing"].result["p99_us"] < 150_000),
        ("subscribers spread over the archive ≥ 5 % of nginx",
         rps(rows["zipf_subscribers"]) / ceiling >= 0.05),
        ("embedded default ≥ 5 % of nginx", rps(rows["embedded"]) / ceiling >= 0.05),
        ("its p99 under 50 ms", rows["embedded"].result["p99_us"] < 50_000),
    ]  # fmt: skip
    return [f"  [{'met' if ok else 'MISSED'}] {text}" for text, ok in checks] + live_verdicts(rows)


def live_verdicts(rows: dict[str, Row]) -> list[str]:
    live = rows["live"]
    errors = sum(live.result[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    checks = [
        (
            f"live-blog updates, {LIVE_READERS:,} readers polling, ≥ 5 % of nginx "
            "serving the answer",
            rps(live) / rps(rows["nginx_live"]) >= 0.05,
        ),
        ("no errors polling", errors == 0),
    ]
    return [f"  [{'met' if ok else 'MISSED'}] {text}" for text, ok in checks]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--zipf-warmup", type=int, default=20, help="seconds of Zipf traffic first")
    parser.add_argument("--subscribers", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument(
        "--only",
        choices=["live", "counting", "zipf"],
        help="live: one row and its nginx ceiling, on the demo paper alone (no seeded "
        "archive); counting: reader analytics counting off and on, side by side; zipf: "
        "the Zipf rows, steady and while publishing, and the embedded default; each "
        "in a database and folder of its own",
    )
    args = parser.parse_args(argv)
    began = time.monotonic()
    global WORK, DATABASE
    if args.only:
        WORK, DATABASE = WORK.parent / f"bench-{args.only}", f"{DATABASE}_{args.only}"

    database_server = (
        os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    )
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    prefix = f"masthead-bench-{os.getpid()}"
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    var = WORK / "var"
    os.environ.update(
        DATABASE_URL=fresh_database(database_server),
        REDIS_URL=redis_url,
        MASTHEAD_CACHE_PREFIX=prefix,
        MASTHEAD_METER_PREFIX=f"{prefix}:meter",
        MASTHEAD_SECRET_KEY=f"bench-only-{os.getpid()}-{time.time()}",
        MASTHEAD_VAR_DIR=str(var),
        MASTHEAD_STATIC_ROOT=str(var / "static"),
        MASTHEAD_MEDIA_ROOT=str(var / "media"),
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        MASTHEAD_HTTPS="0",
        MASTHEAD_ALLOW_DEMO_PAYMENTS="1",
    )
    app_port, ceiling_port, front_port = free_port(), free_port(), free_port()
    embedded_port = free_port()
    app_url, host = f"http://127.0.0.1:{app_port}", f"127.0.0.1:{app_port}"
    server = nginx_ceiling = nginx_front = None
    try:
        if args.only == "live":
            log("building the demo paper")
        else:
            log(f"building the archive: demo paper plus {args.articles:,} seeded articles")
        masthead("migrate", "--no-input", "-v0")
        masthead("load_demo", "--if-empty", "-v0")
        if args.only != "live":
            masthead("seed", "--articles", str(args.articles))
        log("starting make serve on PostgreSQL and Redis")
        server = start_serve(app_port)
        wait_for(f"{app_url}/healthz/", server)

        import django

        django.setup()
        static = WORK / "static-copy"
        static.mkdir()
        ceiling_url = f"http://127.0.0.1:{ceiling_port}"
        nginx_ceiling = start_nginx(
            f"  server {{ listen 127.0.0.1:{ceiling_port}; root {static}; }}", "nginx-ceiling"
        )
        live = prepare_live(app_url, static)
        wait_for(f"{ceiling_url}/live-after.json")
        if args.only == "live":
            return only_live(args, app_url, host, ceiling_url, live, began)
        setup = prepare(app_url, host)
        article = app_url + setup["url"]
        if args.only == "zipf":
            (static / "article.html").write_bytes(fetch(article)[2])
            wait_for(f"{ceiling_url}/article.html")
            rows = zipf_steady_and_publishing(args, server, app_url, ceiling_url, embedded_port)
            server = None  # stopped for the embedded row
            return report_zipf(args, rows, began)
        if args.only == "counting":
            return only_counting(args, server, app_port, app_url, article, began)
        (WORK / "cookies.txt").write_text("\n".join(setup["readers"]) + "\n")
        (WORK / "past-limit.txt").write_text(setup["past_limit"] + "\n")
        (WORK / "withheld.txt").write_text("\n".join(setup["withheld"]) + "\n")
        (WORK / "subscriber.txt").write_text(setup["subscriber"] + "\n")
        setup_page = fetch(article)[2]
        (static / "article.html").write_bytes(fetch(article)[2])
        nginx_front = start_nginx(front_config(app_port, front_port, var), "nginx-front")
        wait_for(f"http://127.0.0.1:{ceiling_port}/article.html")
        wait_for(f"http://127.0.0.1:{front_port}/healthz/")

        readers = {"BENCH_COOKIES": str(WORK / "cookies.txt")}
        rows = {
            "nginx": Row(
                "nginx, static copy of the article",
                f"http://127.0.0.1:{ceiling_port}/article.html",
                "plain.lua",
                {},
            ),
            "front": Row("Front page, anonymous", f"{app_url}/", "plain.lua", {}),
            "section": Row("Section front, anonymous", f"{app_url}/britain/", "plain.lua", {}),
            "new_reader": Row(
                "Metered article, a new reader each request", article, "plain.lua", {}, "new"
            ),
            # A query string keeps a page out of the page cache: every request is a miss,
            # rendered as the first reader after a change renders it.
            "miss": Row(
                "Metered article not kept (every request rendered), new readers",
                article + "?utm_source=bench", "plain.lua", {},
            ),  # fmt: skip
            "readers": Row(
                f"Metered article, {READERS:,} readers with reads left",
                article,
                "readers.lua",
                readers,
                "reader",
            ),
            "past_limit": Row(
                "Metered article, past the limit",
                article,
                "past_limit.lua",
                {
                    "BENCH_COOKIES": str(WORK / "past-limit.txt"),
                    "BENCH_WITHHELD": str(WORK / "withheld.txt"),
                },
                "past_limit",
            ),
            "subscriber": Row(
                "Metered article, logged-in subscriber",
                article,
                "readers.lua",
                {"BENCH_COOKIES": str(WORK / "subscriber.txt")},
                "subscriber",
            ),
            "front_nginx": Row(
                f"Metered article, {READERS:,} readers, via deploy/nginx.conf",
                f"http://127.0.0.1:{front_port}{setup['url']}",
                "readers.lua",
                readers,
                "reader",
            ),
            **live_rows(app_url, ceiling_url),
        }
        for row in rows.values():
            log(f"{row.name}: {args.warmup} s warm-up, then {args.seconds} s")
            run_wrk(row, args, args.warmup)
            row.result = run_wrk(row, args, args.seconds)

        paths = zipf_paths()
        (WORK / "zipf.txt").write_text("\n".join(paths) + "\n")
        (WORK / "subscribers.txt").write_text(
            "\n".join(subscriber_sessions(host, args.subscribers)) + "\n"
        )
        distinct = sorted(set(paths))
        pages = len(distinct)
        log(f"warming the caches: every one of the {pages:,} pages once, as a new reader")
        crawled = crawl(app_url, distinct)
        log(f"and as a subscriber ({crawled:.0f} s as a new reader)")
        crawled_subscriber = crawl(app_url, distinct, setup["subscriber"])
        zipf = {"BENCH_PATHS": str(WORK / "zipf.txt")}
        rows["zipf"] = Row(
            f"Zipf(1.0) over {args.articles:,}+ articles and the fronts, new readers",
            app_url, "zipf.lua", zipf)  # fmt: skip
        log(f"{rows['zipf'].name}: {args.zipf_warmup} s warm-up, then {args.seconds} s")
        run_wrk(rows["zipf"], args, args.zipf_warmup)
        rows["zipf"].result = run_wrk(rows["zipf"], args, args.seconds)
        rows["zipf_publishing"] = Row(
            "The same, a story published every 5 s", app_url, "zipf.lua", zipf)  # fmt: skip
        log(f"{rows['zipf_publishing'].name}: {args.seconds} s")
        with Publisher(every=5.0) as publisher:
            rows["zipf_publishing"].result = run_wrk(rows["zipf_publishing"], args, args.seconds)
        rows["zipf_subscribers"] = Row(
            f"Zipf(1.0), {args.subscribers} logged-in subscribers", app_url, "zipf.lua",
            {**zipf, "BENCH_COOKIES": str(WORK / "subscribers.txt")}, "subscriber")  # fmt: skip
        log(f"{rows['zipf_subscribers'].name}: {args.warmup} s warm-up, then {args.seconds} s")
        run_wrk(rows["zipf_subscribers"], args, args.warmup)
        rows["zipf_subscribers"].result = run_wrk(rows["zipf_subscribers"], args, args.seconds)

        processes = descendants(server.pid)
        rss = [peak_rss_mb(pid) for pid in web_server_processes(processes)]
        background_rss = [peak_rss_mb(pid) for pid in task_worker_processes(processes)]
        stop_server(server)
        server = None
        counting = counting_on_and_off(args, app_port, rows)
        rows["embedded"] = embedded_row(args, embedded_port)  # the machine to itself

        counts = per_view_counts(
            host,
            {
                "new": (setup["url"], None),
                "reader": (setup["url"], setup["readers"][0]),
                "past_limit": (setup["url"], setup["past_limit"]),
                "subscriber": (setup["url"], setup["subscriber"]),
                "live": (live["path"], live["reader"]),
            },
        )

        ceiling = rps(rows["nginx"])
        report = [
            f"Masthead bench, {date.today():%d %B %Y}: {_machine()}; wrk {args.threads} threads, "
            f"{args.connections} connections, {args.seconds} s per row, loopback; "
            f"{args.articles:,} seeded articles plus the demo paper; PostgreSQL and Redis.",
            "",
            table(
                list(rows.values()),
                counts,
                {"nginx": ceiling, "nginx_live": rps(rows["nginx_live"])},
            ),
            "",
            "SQL/view and Redis/view: queries and Redis round trips of one view of that kind, "
            "measured after the cache is warm.",
            "",
            "Reader analytics, counting on and off: the same rows on `make serve` restarted "
            f"with MASTHEAD_ANALYTICS=off and on, alternately, {COUNTING_ROUNDS} times each "
            "(requests/s, the mean of the rounds):",
            "",
            counting_table(counting),
            "Peak RSS of the app server's processes, granian's main process and its workers (MB): "
            + ", ".join(f"{r:.0f}" for r in sorted(rss)),
            "Peak RSS of the task workers beside it (similar stories, renditions, newsletters; "
            "MB): " + ", ".join(f"{r:.0f}" for r in sorted(background_rss)),
            f"Zipf rows: {pages:,} distinct pages among {len(paths):,} drawn paths, each read "
            f"once first as a new reader ({crawled:.0f} s, 8 at a time) and as a subscriber "
            f"({crawled_subscriber:.0f} s); {publisher.published} stories published during "
            "the publishing row.",
            f"Page size: {len(setup_page):,} bytes. Whole bench: {time.monotonic() - began:.0f} s.",
            "",
            "Targets:",
            *verdicts(rows, ceiling, rss),
            *counting_verdicts(counting),
        ]
        text = "\n".join(report)
        print("\n" + text)
        (WORK.parent / "bench-results.md").write_text(text + "\n")
        return 0
    finally:
        for folder in (nginx_ceiling, nginx_front):
            if folder is not None:
                stop_nginx(folder)
        stop_server(server)
        delete_redis_keys(redis_url, [prefix])
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 - Django may never have been set up
            pass
        if not args.keep:
            drop_database(database_server)


def zipf_steady_and_publishing(
    args, server: subprocess.Popen, app_url: str, ceiling_url: str, embedded_port: int
) -> dict[str, Row]:
    """``--only zipf``: the nginx ceiling, Zipf traffic steady and while publishing, and the
    embedded default, on ``make serve`` as shipped (its access log included)."""
    paths = zipf_paths()
    (WORK / "zipf.txt").write_text("\n".join(paths) + "\n")
    log(f"warming the caches: every one of the {len(set(paths)):,} pages once, as a new reader")
    crawl(app_url, sorted(set(paths)))
    zipf = {"BENCH_PATHS": str(WORK / "zipf.txt")}
    rows = {
        "nginx": Row("nginx, static copy of the article", f"{ceiling_url}/article.html",
                     "plain.lua", {}),
        "zipf": Row(f"Zipf(1.0) over {args.articles:,}+ articles and the fronts, new readers",
                    app_url, "zipf.lua", zipf),
        "zipf_publishing": Row("The same, a story published every 5 s", app_url, "zipf.lua",
                               zipf),
    }  # fmt: skip
    log(f"nginx ceiling: {args.warmup} s warm-up, then {args.seconds} s")
    run_wrk(rows["nginx"], args, args.warmup)
    rows["nginx"].result = run_wrk(rows["nginx"], args, args.seconds)
    log(f"{rows['zipf'].name}: {args.zipf_warmup} s warm-up, then {args.seconds} s")
    run_wrk(rows["zipf"], args, args.zipf_warmup)
    rows["zipf"].result = run_wrk(rows["zipf"], args, args.seconds)
    log(f"{rows['zipf_publishing'].name}: {args.seconds} s")
    with Publisher(every=5.0) as publisher:
        rows["zipf_publishing"].result = run_wrk(rows["zipf_publishing"], args, args.seconds)
    log(f"{publisher.published} stories published meanwhile")
    stop_server(server)
    rows["embedded"] = embedded_row(args, embedded_port)
    return rows


def embedded_row(args, port: int) -> Row:
    """``make serve`` on the embedded default, measured with a new reader each request, stopped."""
    log("starting make serve on the embedded default (SQLite, database meter store)")
    embedded = start_embedded(port, WORK / "embedded-var")
    try:
        embedded_url = f"http://127.0.0.1:{port}"
        wait_for(f"{embedded_url}/healthz/", embedded)
        row = Row(
            "Embedded default (SQLite), metered article, a new reader each request",
            embedded_url + metered_path(embedded_url), "plain.lua", {})  # fmt: skip
        log(f"{row.name}: {args.warmup} s warm-up, then {args.seconds} s")
        run_wrk(row, args, args.warmup)
        row.result = run_wrk(row, args, args.seconds)
    finally:
        stop_server(embedded)
    return row


def report_zipf(args, rows: dict[str, Row], began: float) -> int:
    ceiling = rps(rows["nginx"])
    checks = [
        ("Zipf traffic, new readers ≥ 5 % of nginx", rps(rows["zipf"]) / ceiling >= 0.05),
        ("its p99 under 100 ms", rows["zipf"].result["p99_us"] < 100_000),
        ("while publishing ≥ 70 % of that",
         rps(rows["zipf_publishing"]) >= 0.7 * rps(rows["zipf"])),
        ("its p99 under 150 ms", rows["zipf_publishing"].result["p99_us"] < 150_000),
        ("embedded default ≥ 5 % of nginx", rps(rows["embedded"]) / ceiling >= 0.05),
        ("its p99 under 50 ms", rows["embedded"].result["p99_us"] < 50_000),
    ]  # fmt: skip
    text = "\n".join(
        [
            f"Masthead bench, {date.today():%d %B %Y}, --only zipf: {_machine()}; "
            f"wrk {args.threads} threads, {args.connections} connections, {args.seconds} s per "
            f"row after {args.zipf_warmup} s of the same Zipf traffic; {args.articles:,} "
            "seeded articles plus the demo paper; PostgreSQL and Redis; make serve as "
            "shipped, access log included.",
            "",
            table(list(rows.values()), {}, {"nginx": ceiling}),
            "",
            *(f"  [{'met' if ok else 'MISSED'}] {text}" for text, ok in checks),
            f"Whole bench: {time.monotonic() - began:.0f} s.",
        ]
    )
    print("\n" + text)
    (WORK.parent / "bench-zipf.md").write_text(text + "\n")
    return 0


def only_counting(
    args, server: subprocess.Popen, port: int, app_url: str, article: str, began: float
) -> int:
    """``--only counting``: the front, a metered article and Zipf traffic, counting off and on."""
    paths = zipf_paths()
    (WORK / "zipf.txt").write_text("\n".join(paths) + "\n")
    log("warming the caches: every page once, as a new reader")
    crawl(app_url, sorted(set(paths)))
    rows = {
        "front": Row("Front page, anonymous", f"{app_url}/", "plain.lua", {}),
        "new_reader": Row("Metered article, a new reader each request", article, "plain.lua", {}),
        "zipf": Row("Zipf(1.0), new readers", app_url, "zipf.lua",
                    {"BENCH_PATHS": str(WORK / "zipf.txt")}),
    }  # fmt: skip
    stop_server(server)  # two servers now, one counting and one not
    counting = counting_on_and_off(args, port, rows)
    text = "\n".join(
        [
            f"Masthead bench, {date.today():%d %B %Y}, --only counting: {_machine()}; "
            f"wrk {args.threads} threads, {args.connections} connections, {args.seconds} s per "
            f"row; {args.articles:,} seeded articles plus the demo paper; PostgreSQL and Redis.",
            "",
            counting_table(counting),
            "",
            *counting_verdicts(counting),
            f"Whole bench: {time.monotonic() - began:.0f} s.",
        ]
    )
    print("\n" + text)
    (WORK.parent / "bench-counting.md").write_text(text + "\n")
    return 0


def only_live(args, app_url: str, host: str, ceiling_url: str, live: dict, began: float) -> int:
    """``--only live``: the live blog's update row and its ceiling, and nothing else."""
    rows = live_rows(app_url, ceiling_url)
    for row in rows.values():
        log(f"{row.name}: {args.warmup} s warm-up, then {args.seconds} s")
        run_wrk(row, args, args.warmup)
        row.result = run_wrk(row, args, args.seconds)
    counts = per_view_counts(host, {"live": (live["path"], live["reader"])})
    report = [
        f"Masthead bench, live blog only, {date.today():%d %B %Y}: {_machine()}; wrk "
        f"{args.threads} threads, {LIVE_READERS:,} connections, {args.seconds} s per row, "
        "loopback; the demo paper; PostgreSQL and Redis.",
        "",
        table(list(rows.values()), counts, {"nginx_live": rps(rows["nginx_live"])}),
        "",
        f"Whole run: {time.monotonic() - began:.0f} s.",
        "",
        "Targets:",
        *live_verdicts(rows),
    ]
    text = "\n".join(report)
    print("\n" + text)
    (WORK.parent / f"bench-{args.only}-results.md").write_text(text + "\n")
    return 0


def _argv(pid: int) -> list[str]:
    """A process's arguments (a shell's whole script is one of them, not several)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return []


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB"


if __name__ == "__main__":
    sys.exit(main())
