"""The gift links' parts of other pages: the article's button and note, the account's list.

``gift_button`` sits in a page the shared cache keeps for every subscriber,
so it depends on the reader's kind only: a plain link to the page that makes
the gift. Anything about one giver (their allowance, their links) is on
pages of their own, never in a kept article.

``gift_note`` is one reader's: it speaks only on a request whose address
carries a gift link, and such a page is never kept nor shared (the gifts app
registers ``gift`` as a personal parameter, and the delivery decision keeps
no ``FULL_GIFT`` page), so the story's kept page for everyone else never
holds it. It needs no piece of its own for that: there is no shared copy to
fill it into.
"""

from django import template
from django.utils import timezone

from masthead.gifts.links import gift_url
from masthead.gifts.selectors import gift_rules, gifts_of
from masthead.paywall.policy import Outcome, ReaderKind

register = template.Library()


@register.inclusion_tag("gifts/button.html")
def gift_button(page, access):
    reader = access.reader if access is not None else None
    show = bool(
        reader is not None
        and reader.account
        and reader.kind is ReaderKind.SUBSCRIBER
        and gift_rules().enabled
    )
    return {"show": show, "page": page}


@register.inclusion_tag("gifts/note.html", takes_context=True)
def gift_note(context):
    """That a subscriber shared the story, when their link opened it; if not, why not."""
    request = context.get("request")
    answer = getattr(request, "masthead_gift", None)
    access = context.get("access")
    # The access decision's own answer: the story is open to this reader by the link.
    shared = access is not None and access.outcome is Outcome.FULL_GIFT
    return {
        "shared": shared,
        "note": answer.note if answer is not None and not answer.good and not shared else "",
    }


@register.inclusion_tag("gifts/account_links.html", takes_context=True)
def gift_links(context, user):
    return {
        "gifts": gifts_of(user.pk, now=timezone.now()),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.inclusion_tag("gifts/copy_link.html", takes_context=True)
def gift_link_copy(context, gift):
    """The box one of the giver's links is copied from, on their own (private) account page."""
    path = gift_url(gift.article_url, gift.gift_id)
    request = context.get("request")
    return {
        "field_id": f"gift-link-{gift.gift_id}",
        "link": request.build_absolute_uri(path) if request is not None else path,
        "label": f"Gift link for “{gift.article_title}”",
        "hide_label": True,
        "button_suffix": f"for “{gift.article_title}”",
    }
