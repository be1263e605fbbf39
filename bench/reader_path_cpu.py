"""CPU per request on the reader's path: kept pages through the full middleware stack.

Builds its own paper in a temporary folder (SQLite, the page versions and
pages in files, the local-memory cache: the embedded default, no Redis),
with the production settings ``make serve`` uses: migrate, ``load_demo``,
``seed --articles N --no-similar``, ``collectstatic``. Then, in this one
process, Django's test ``Client`` asks for a Zipf(1.0) sequence of article
addresses (most-read first, as bench/run.py draws them) as

- ``new``: a new reader each request (no cookies at all);
- ``returning``: one reader who keeps the meter cookie the first page set;
- ``subscriber``: the demo subscriber, logged in (subscriber@example.com).

Each reader reads the whole sequence once to warm the caches, then again
while CPU time (``time.process_time``) is counted; the figure is CPU ms per
request, the test client's own work included (the same before and after a
change). The process is set up as a server's worker is, through
``masthead.wsgi``, which freezes what start-up loaded out of the garbage
collector's sight. ``--profile`` adds a cProfile top 20 per reader.

``--miss`` measures the other path: a story no one has read yet, as its first
reader pays for it. Every measured request asks a different article, one this
process has never rendered, with nothing of it kept (the page store is emptied
first, and each answer is checked to be a miss): the shared cache stays on, so
the request goes through the whole stack, the paywall's decision, the render
and the keeping of its copy. What does not depend on the article (the rules,
the sections, the site's address) is warm, as in a server that has been up a
while: a few articles of their own are read first. ``--requests`` is then the
number of articles per round; warm-up and rounds together need as many
articles as the paper has.

    .venv/bin/python bench/reader_path_cpu.py [--articles 300] [--requests 3000]
        [--rounds 3] [--profile] [--folder /tmp/rp] [--only new,subscriber]
    .venv/bin/python bench/reader_path_cpu.py --miss --articles 10000 --folder /tmp/rp10k
        --requests 500 --only new

``--folder`` keeps the built paper there and reuses it on the next run.
``--redis redis://127.0.0.1:6379/0`` measures with Redis as the production
rows of bench/run.py have it (page versions, kept pages, sessions and the meter
in Redis; the database stays SQLite), under a prefix of its own whose keys
are deleted at the end.
Not a test and not the bench: it measures one thing, on a quiet machine or not.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBSCRIBER = "subscriber@example.com"
HOST = "127.0.0.1"


def environment(folder: Path) -> dict[str, str]:
    """What ``make serve`` sets on the embedded default, pointed at ``folder``."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        MASTHEAD_SECRET_KEY="reader-path-cpu-only",
        MASTHEAD_HTTPS="0",
        MASTHEAD_ALLOW_DEMO_PAYMENTS="1",
        MASTHEAD_VAR_DIR=str(folder / "var"),
        MASTHEAD_STATIC_ROOT=str(folder / "static"),
        MASTHEAD_MEDIA_ROOT=str(folder / "media"),
        MASTHEAD_BASE_URL=f"http://{HOST}",
        PYTHONPATH=str(ROOT),
    )
    return env


def build(folder: Path, articles: int) -> None:
    if (folder / "built").exists():
        return
    env = environment(folder)
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["load_demo", "--if-empty", "-v0"],
        ["seed", "--articles", str(articles), "--no-similar"],
        ["collectstatic", "--no-input", "-v0"],
    ):
        subprocess.run([sys.executable, "-m", "masthead", *command], check=True, cwd=ROOT, env=env)
    (folder / "built").write_text("")


def article_paths() -> list[str]:
    """Every live, public article's address, most recent first."""
    from masthead.news.models import ArticlePage

    articles = ArticlePage.objects.live().public().order_by("-first_published_at", "-pk")
    return [a.url for a in articles.only("url_path", "path", "depth", "first_published_at")]


def zipf_paths(count: int, seed: int = 7) -> list[str]:
    urls = article_paths()
    weights = [1.0 / rank for rank in range(1, len(urls) + 1)]
    return random.Random(seed).choices(urls, weights=weights, k=count)


def read(client, paths: list[str], fresh: bool, miss: bool = False) -> None:
    for path in paths:
        if fresh:
            client.cookies.clear()
        response = client.get(path, HTTP_HOST=HOST)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
        if miss and response.get("X-Masthead-Cache") == "hit":
            raise SystemExit(f"{path}: answered from the page cache, not a miss")


def reader(name: str):
    from django.test import Client

    from masthead.accounts.models import User

    client = Client()
    if name == "subscriber":
        client.force_login(User.objects.get(email=SUBSCRIBER))
    return client


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds per reader")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--folder", type=Path, help="build (or reuse) the paper here")
    parser.add_argument("--only", default="new,returning,subscriber")
    parser.add_argument("--redis", help="a Redis URL: measure with Redis, as in production")
    parser.add_argument(
        "--miss", action="store_true", help="articles never read before, nothing of them kept"
    )
    parser.add_argument("--warm", type=int, default=100, help="--miss: articles read first")
    args = parser.parse_args(argv)

    folder = args.folder or Path(tempfile.mkdtemp(prefix="reader-path-"))
    folder.mkdir(parents=True, exist_ok=True)
    build(folder, args.articles)
    os.environ.update(environment(folder))
    prefix = f"reader-path-cpu-{os.getpid()}"
    if args.redis:
        os.environ.update(
            REDIS_URL=args.redis,
            MASTHEAD_CACHE_PREFIX=prefix,
            MASTHEAD_METER_PREFIX=f"{prefix}:meter",
        )
    sys.path.insert(0, str(ROOT))
    # Set up as a server's worker is (masthead/wsgi.py): what start-up loaded is frozen out
    # of the garbage collector's sight, so a full collection does not walk it.
    import masthead.wsgi  # noqa: F401

    try:
        (measure_misses if args.miss else measure)(args, folder)
    finally:
        if args.redis:
            import redis

            client = redis.Redis.from_url(args.redis)
            for key in client.scan_iter(match=f"*{prefix}*", count=1000):
                client.delete(key)


def measure(args, folder: Path) -> None:
    paths = zipf_paths(args.requests)
    hits = {}
    for name in args.only.split(","):
        client = reader(name)
        fresh = name == "new"
        read(client, paths, fresh)  # warm: every page kept, every memo filled
        probe = client.get(paths[0], HTTP_HOST=HOST)
        hits[name] = probe.get("X-Masthead-Cache", "-")
        best = []
        for _ in range(args.rounds):
            began = time.process_time()
            read(client, paths, fresh)
            best.append((time.process_time() - began) * 1000 / len(paths))
        print(
            f"{name:<11} CPU ms/request: min {min(best):.3f}  "
            f"all {' '.join(f'{b:.3f}' for b in best)}  (cache: {hits[name]})",
            flush=True,
        )
        if args.profile:
            profile(lambda: read(client, paths, fresh))  # noqa: B023
    print(f"paper in {folder}; {len(paths)} requests per round, {args.articles} seeded articles")


def measure_misses(args, folder: Path) -> None:
    """Each measured request: an article this process never rendered, nothing of it kept."""
    from masthead.edge.store import page_cache

    urls = article_paths()
    random.Random(7).shuffle(urls)
    readers = args.only.split(",")
    needed = len(readers) * (args.warm + args.rounds * args.requests)
    if needed > len(urls):
        raise SystemExit(f"--miss needs {needed} articles, the paper has {len(urls)}")
    page_cache().clear()  # a kept copy from an earlier run would be a hit
    for name in readers:
        client = reader(name)
        fresh = name == "new"
        warm, urls = urls[: args.warm], urls[args.warm :]
        read(client, warm, fresh, miss=True)
        best = []
        for _ in range(args.rounds):
            paths, urls = urls[: args.requests], urls[args.requests :]
            began = time.process_time()
            read(client, paths, fresh, miss=True)
            best.append((time.process_time() - began) * 1000 / len(paths))
        print(
            f"{name:<11} CPU ms/miss: min {min(best):.3f}  "
            f"all {' '.join(f'{b:.3f}' for b in best)}",
            flush=True,
        )
        if args.profile:
            paths, urls = urls[: args.requests], urls[args.requests :]
            profile(lambda: read(client, paths, fresh, miss=True))  # noqa: B023
    print(f"paper in {folder}; {args.requests} misses per round, {len(article_paths())} articles")


def profile(run) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    for order, count in (("tottime", 20), ("cumulative", 45)):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(count)
        print(out.getvalue())


if __name__ == "__main__":
    main()
