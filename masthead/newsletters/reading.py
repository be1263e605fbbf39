"""Reading measured without a pixel: a signed link counts the click, then opens the article.

The click is counted for its edition and its delivery (the recipient, for
attribution). The read is metered here, with the reader's own identity, as
the article page would: a free read counted now is a reread there (the
article page counts an article once a month), so the click's ``full_read``
says what the reader got. The redirect adds ``?from=email&edition=N``, which
takes the article off the shared cache's path (the response is private and
never kept) and tells the reader analytics which edition brought the reader.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect

from masthead.news.models import ArticlePage
from masthead.newsletters.models import Click, Delivery
from masthead.newsletters.tokens import from_continue_token
from masthead.paywall.access import decide_access
from masthead.paywall.identity import identify, set_reader_cookie
from masthead.paywall.periods import current_period
from masthead.paywall.selectors import current_rules
from masthead.paywall.services import article_facts


def click_record(request, token: str) -> HttpResponseRedirect | None:
    found = from_continue_token(token)
    if found is None:
        return None
    edition_id, delivery_id, article_id = found
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if article is None:
        return None
    reader = identify(request)
    access = decide_access(
        reader=reader,
        facts=article_facts(article),
        rules=current_rules(),
        counts=request.method == "GET",
        period=current_period(),
    )
    user = request.user if request.user.is_authenticated else None
    if user is None:
        delivery = Delivery.objects.select_related("signup").filter(pk=delivery_id).first()
        user_id = delivery.signup.user_id if delivery and delivery.signup else None
    else:
        user_id = user.pk
    Click.objects.create(
        edition_id=edition_id,
        delivery_id=delivery_id if Delivery.objects.filter(pk=delivery_id).exists() else None,
        article=article,
        user_id=user_id,
        full_read=access.outcome.is_full,
    )
    response = HttpResponseRedirect(f"{article.url}?from=email&edition={edition_id}")
    if access.new_reader_cookie:
        set_reader_cookie(response, access.new_reader_cookie)
    return response
