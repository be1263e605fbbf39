"""The gift links' parts of other pages: the article's button and note, the account's list.

``gift_button`` sits in a page the shared cache keeps for every subscriber,
so it depends on the reader's kind only: a plain link to the page that makes
the gift. Anything about one giver (their allowance, their links) is on
pages of their own, never in a kept article.
"""

from django import template
from django.utils import timezone

from masthead.gifts.selectors import gift_rules, gifts_of
from masthead.paywall.policy import ReaderKind

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
    """Why the gift link in the address did not open the story, if it did not."""
    request = context.get("request")
    answer = getattr(request, "masthead_gift", None)
    return {"note": answer.note if answer is not None and not answer.good else ""}


@register.inclusion_tag("gifts/account_links.html", takes_context=True)
def gift_links(context, user):
    return {
        "gifts": gifts_of(user.pk, now=timezone.now()),
        "csrf_token": context.get("csrf_token"),
    }
