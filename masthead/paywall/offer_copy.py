"""The wall's subscription offer: a piece filled into every kept page as it is sent.

Kept pages hold a placeholder where the offer's words and button go, so a
test of the offer (``extensions.offer_copies``) gives each reader their
variant's words from the same kept page, and a change of the paper's own
offer changes no kept page. The piece carries the ask and nothing else: the
paywall's decision, and so the text a reader may read, is made before and
apart from it. Each copy is rendered once and kept.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.template.loader import render_to_string

from masthead.core.pieces import Piece, answering
from masthead.paywall.extensions import OfferCopy, offer_differs, offer_for
from masthead.paywall.policy import Outcome

# Where the wall offers a subscription (a registered reader's allowance is used).
WALL_OFFER = Piece(
    "wall-offer",
    shown=lambda view: view.outcome is Outcome.TEASER_SUBSCRIBE,
    varies=offer_differs,  # a test of its words is running
)

_rendered: dict[OfferCopy, str] = {}
_lock = threading.Lock()


def offer_html(copy: OfferCopy) -> str:
    """The offer's words, its button to ``/subscribe/`` (plan first) and any suggested gift."""
    html = _rendered.get(copy)
    if html is None:
        context = {
            "copy": copy,
            "publication_name": settings.MASTHEAD_PUBLICATION_NAME,
            "suggested_pounds": _pounds(copy.suggested_pence),
        }
        html = render_to_string("paywall/offer_words.html", context)
        with _lock:
            if len(_rendered) > 32:
                _rendered.clear()
            _rendered[copy] = html
    return html


def _pounds(pence: int | None) -> str:
    if not pence:
        return ""
    return f"£{pence // 100:,}" if pence % 100 == 0 else f"£{pence / 100:,.2f}"


def offer_values(present: frozenset[str], access) -> dict[str, str]:
    """Registered with ``masthead.core.pieces``: the offer's copy for the reader being answered."""
    if WALL_OFFER.name not in present or access is None:
        return {}
    return {WALL_OFFER.name: offer_html(offer_for(answering(), access))}


def forget_offers() -> None:
    _rendered.clear()
