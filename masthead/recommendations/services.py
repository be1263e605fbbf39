"""Computing and storing similar-story lists.

``rebuild_similar`` recomputes every list from the published archive;
``update_for_article`` brings the lists up to date after one article is
published, changed or unpublished. A small archive is simply rebuilt (it
takes well under a second); a large one is updated in place from the index
kept by the last rebuild, so a newly published article costs one scoring
pass, not a rebuild.
"""

from __future__ import annotations

import logging
import pickle
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from masthead.core.versions import bump_now_and_on_commit
from masthead.news.models import ArticlePage
from masthead.recommendations.archive import published_article_records
from masthead.recommendations.engine import EngineSettings, SimilarityIndex
from masthead.recommendations.models import SimilarChoice, SimilarList
from masthead.recommendations.semantic import embeddings_available

logger = logging.getLogger(__name__)

# Lists keep more than the page shows, so an unpublished entry leaves enough behind.
STORED_PER_ARTICLE = 10
# Below this many articles a full rebuild is as fast as an update and never stale.
INCREMENTAL_FROM = 5_000

_lock = threading.Lock()
_loaded: dict[str, tuple[float, SimilarityIndex]] = {}


def index_path() -> Path:
    default = Path(settings.VAR_DIR) / "similar-index.pickle"
    return Path(getattr(settings, "MASTHEAD_SIMILAR_INDEX_PATH", default))


def _save_index(index: SimilarityIndex) -> None:
    path = index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as handle:
        pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
    _loaded[str(path)] = (path.stat().st_mtime, index)


def _load_index() -> SimilarityIndex | None:
    path = index_path()
    try:
        modified = path.stat().st_mtime
    except FileNotFoundError:
        return None
    cached = _loaded.get(str(path))
    if cached and cached[0] == modified:
        return cached[1]
    try:
        with path.open("rb") as handle:
            index = pickle.load(handle)  # our own file, written by _save_index
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as error:
        logger.warning("similar stories: index unreadable (%s); rebuilding", error)
        return None
    if not hasattr(index, "tightness"):
        logger.warning("similar stories: index kept by an older version; rebuilding")
        return None
    _loaded[str(path)] = (modified, index)
    return index


def kept_index_in_memory() -> SimilarityIndex | None:
    """The index of the last rebuild if this process holds it already, else None.

    Never read from disk for a page: at 100,000 articles that is seconds and
    a gigabyte; the reasons are worked out without it.
    """
    cached = _loaded.get(str(index_path()))
    return cached[1] if cached else None


def _store_lists(index: SimilarityIndex, article_ids: Iterable[int]) -> None:
    now = timezone.now()
    wanted = [
        article_id
        for article_id in article_ids
        if article_id in index.position and index.active[index.position[article_id]]
    ]
    choices = _choices_of(wanted)
    lists = [
        SimilarList(
            article_id=article_id,
            similar_ids=index.similar(article_id),
            computed_at=now,
            pinned_ids=choices.get(article_id, ([], []))[0],
            blocked_ids=choices.get(article_id, ([], []))[1],
        )
        for article_id in wanted
    ]
    SimilarList.objects.bulk_create(
        lists,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["similar_ids", "computed_at", "pinned_ids", "blocked_ids"],
    )
    # Bulk writes send no signals: the pages showing these lists change now, and may be
    # sent as they were for a few seconds while they are rendered again.
    bump_now_and_on_commit(*(f"page:{item.article_id}" for item in lists), stale_ok=True)


def _choices_of(article_ids: list[int]) -> dict[int, tuple[list[int], list[int]]]:
    """The editor's pins (in order) and blocks of each article, in one query."""
    choices: dict[int, tuple[list[int], list[int]]] = {}
    rows = SimilarChoice.objects.order_by("article_id", "sort_order", "pk")
    if len(article_ids) < 10_000:
        rows = rows.filter(article_id__in=article_ids)
    for article_id, story_id, action in rows.values_list("article_id", "story_id", "action"):
        pinned, blocked = choices.setdefault(article_id, ([], []))
        target = blocked if action == SimilarChoice.Action.BLOCK else pinned
        if story_id != article_id and story_id not in target:
            target.append(story_id)
    return choices


def apply_editor_choices(article_id: int) -> None:
    """Copy ``article_id``'s pins and blocks beside its list, and show them at once."""
    pinned, blocked = _choices_of([article_id]).get(article_id, ([], []))
    SimilarList.objects.update_or_create(
        article_id=article_id, defaults={"pinned_ids": pinned, "blocked_ids": blocked}
    )
    bump_now_and_on_commit(f"page:{article_id}")


def rebuild_similar(
    *, article_ids: Iterable[int] | None = None, progress: Callable[[str], None] | None = None
) -> int:
    """Recompute every list from the published archive; store those of ``article_ids``.

    With no ``article_ids`` every published article's list is stored and the
    lists of articles no longer published are deleted. Returns how many
    lists were stored. ``progress`` is told each step as it begins
    (``masthead rebuild_similar`` prints them).
    """
    with _lock:
        return _rebuild(article_ids, progress or (lambda step: None))


def engine_settings() -> EngineSettings:
    """The light engine, plus sentence vectors when the newsroom asked for them and has them."""
    wanted = settings.MASTHEAD_SIMILAR_EMBEDDINGS
    if wanted and not embeddings_available():
        logger.warning(
            "MASTHEAD_SIMILAR_EMBEDDINGS is on but the embeddings extra is not installed "
            "(pip install 'masthead[embeddings]'): using the light engine"
        )
    return EngineSettings(embeddings=wanted and embeddings_available())


def _rebuild(
    article_ids: Iterable[int] | None, progress: Callable[[str], None] = lambda step: None
) -> int:
    progress("reading the published archive")
    records = published_article_records()
    with transaction.atomic():
        if not records:
            SimilarList.objects.all().delete()
            return 0
        progress(f"comparing {len(records):,} published articles")
        index = SimilarityIndex.build(records, k=STORED_PER_ARTICLE, settings=engine_settings())
        wanted = list(index.position) if article_ids is None else list(article_ids)
        progress(f"storing {len(wanted):,} lists")
        if article_ids is None:
            SimilarList.objects.exclude(article_id__in=wanted).delete()
        _store_lists(index, wanted)
    if len(records) >= INCREMENTAL_FROM:
        progress("keeping the index for quick updates after each publish")
        _save_index(index)
    return len(wanted)


def update_for_article(*, article_id: int) -> None:
    """Bring the lists up to date after ``article_id`` was published, changed or unpublished.

    The article gets its own list and enters every list it now belongs in;
    unpublished, it leaves the lists that held it.
    """
    with _lock:
        index = _load_index()
        if index is None or ArticlePage.objects.live().public().count() < INCREMENTAL_FROM:
            _rebuild(None)
            return
        records = published_article_records([article_id])
        with transaction.atomic():
            if records:
                changed = index.add(records[0])
            else:
                changed = index.remove(article_id)
                SimilarList.objects.filter(article_id=article_id).delete()
            _store_lists(index, changed)
        _save_index(index)
