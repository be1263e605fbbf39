"""A gift link on a request: the token in ``?gift=``, read for the paywall's request adapter.

The access service asks :func:`gift_for` (registered with
``paywall.extensions.gifts``) only for a read that counts (a GET of the live
article, never a preview) and that is not already open by a public-interest
unlock. The verdict is left on the request, so
that the page can say in one line why a link did not open the story.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from masthead.gifts.links import GIFT_PARAMETER
from masthead.gifts.selectors import gift_rules
from masthead.gifts.services import gift_for_read
from masthead.paywall.identity import Reader
from masthead.paywall.policy import ArticleFacts, ReaderFacts, is_metered


def gift_for(request: HttpRequest, reader: Reader, facts: ArticleFacts) -> bool:
    """Whether the request's gift link opens this article for this reader."""
    # Most requests have no query string: no QueryDict is built for them.
    token = request.GET.get(GIFT_PARAMETER) if request.META.get("QUERY_STRING") else None
    if token is None or not is_metered(facts, ReaderFacts(kind=reader.kind)):
        return False  # no link, or nothing for a link to open
    answer = gift_for_read(
        token=token,
        reader_keys=(reader.meter_key, reader.browser_key or ""),
        article_id=facts.article_id,
        rules=gift_rules(),
        now=timezone.now(),
    )
    request.masthead_gift = answer
    return answer.good
