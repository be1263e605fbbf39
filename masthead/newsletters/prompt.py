"""The sign-up prompt at the end of stories: a piece filled into every kept page as it is sent.

Kept pages hold a placeholder after the story's text, so one kept page serves
every reader: the prompt for the first active newsletter open to everyone is
rendered once per version of the ``newsletters`` tag and per copy (the
newsletter's own words, or a test's variant), and the same HTML is filled in
until then. It posts to :func:`views.prompt_signup`: the same double opt-in
as ``/newsletters/``.

A browser that signed up (through the prompt, ``/newsletters/`` or one click)
carries a cookie naming the letters it asked for, and is not prompted for
them again. Knowing whether a logged-in
reader receives the letter would cost a query on every story they read, so
the cookie is all the prompt asks (pages already vary on ``Cookie``
downstream, so a cache there never shows one browser's choice to another).
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.template.loader import render_to_string

from masthead.core.kept import kept_until_changed
from masthead.core.pieces import Piece, answering
from masthead.core.versions import page_versions
from masthead.newsletters.extensions import PromptCopy, copy_for, prompt_differs

TAG = "newsletters"
SIGNED_UP_COOKIE = "mh_letters"
SIGNED_UP_DAYS = 365

# On stories read in full: never beside the paywall's offer, one ask at a time.
NEWSLETTER_PROMPT = Piece(
    "newsletter-prompt",
    shown=lambda view: view.outcome is not None and view.outcome.is_full,
    varies=prompt_differs,  # a test of its words is running
)

# Per copy (None: the newsletter's own words): (stamp, html).
_rendered: dict[object, tuple[tuple, str]] = {}
_lock = threading.Lock()


@kept_until_changed(TAG)
def prompted_newsletter():
    """The letter stories prompt for: the first active one anyone may join, or None."""
    from masthead.newsletters.models import Audience, Newsletter

    return Newsletter.objects.filter(active=True, audience=Audience.EVERYONE).first()


def prompt_html(copy: PromptCopy | None = None) -> str:
    """The prompt, or an empty string when no letter is open to all or for a test's holdout."""
    if copy is not None and copy.hidden:
        return ""
    stamp = page_versions().stamp((TAG,))
    kept = _rendered.get(copy)
    if kept is not None and stamp is not None and kept[0] == stamp:
        return kept[1]
    newsletter = prompted_newsletter()
    html = ""
    if newsletter is not None:
        html = render_to_string(
            "newsletters/prompt.html",
            {
                "newsletter": newsletter,
                "words": copy.text if copy and copy.text else newsletter.prompt_words,
                "button": copy.button if copy and copy.button else newsletter.prompt_button,
            },
        )
    if stamp is not None:
        with _lock:
            if len(_rendered) > 16:
                _rendered.clear()
            _rendered[copy] = (stamp, html)
    return html


def signed_up_to(request) -> frozenset[str]:
    """The letters this browser asked for through the prompt (its cookie)."""
    if request is None:
        return frozenset()
    return frozenset(request.COOKIES.get(SIGNED_UP_COOKIE, "").split(":")) - {""}


def remember_signup(request, response, slug: str) -> None:
    """Stories stop prompting this browser for ``slug``; the cookie is only ever a hint."""
    slugs = ":".join(sorted(signed_up_to(request) | {slug}))
    response.set_cookie(
        SIGNED_UP_COOKIE,
        slugs,
        max_age=SIGNED_UP_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def piece_values(present: frozenset[str], access) -> dict[str, str]:
    """The prompt for this reader (registered with ``masthead.core.pieces``)."""
    if NEWSLETTER_PROMPT.name not in present:
        return {}
    request = answering()
    newsletter = prompted_newsletter()
    if newsletter is None or newsletter.slug in signed_up_to(request):
        return {NEWSLETTER_PROMPT.name: ""}  # nothing to ask: no reader is counted as asked
    return {NEWSLETTER_PROMPT.name: prompt_html(copy_for(request, access))}


def forget_prompt() -> None:
    _rendered.clear()
