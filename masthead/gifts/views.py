"""Thin views: make a gift link (``/gifts/new/<article>/``) and withdraw one.

Both are the giver's own pages, sent ``private, no-store`` and never kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from masthead.core.limits import limit_posts
from masthead.edge.delivery import PRIVATE
from masthead.gifts.links import gift_url
from masthead.gifts.selectors import gift_rules, links_made
from masthead.gifts.services import GiftRefused, gift_create, gift_revoke
from masthead.gifts.verdict import links_left
from masthead.paywall.accounts import account_for
from masthead.paywall.periods import current_period
from masthead.paywall.policy import ReaderKind, Via

# A subscription of one's own, or a seat in a group's: an institution's readers do not give.
GIVERS = frozenset({Via.SUBSCRIPTION, Via.SEAT})


def may_give(request) -> bool:
    account = account_for(request)
    return bool(account and account.kind is ReaderKind.SUBSCRIBER and account.via in GIVERS)


def _private(response):
    response["Cache-Control"] = PRIVATE
    return response


def _article(article_id: int):
    from masthead.news.models import ArticlePage

    article = ArticlePage.objects.live().filter(pk=article_id).specific().first()
    if article is None or article.get_view_restrictions():
        raise Http404("No such story")
    return article


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("gift_link")
def gift_new(request, article_id: int):
    article = _article(article_id)
    rules = gift_rules()
    context = {"article": article, "rules": rules}
    if not may_give(request):
        context["refusal"] = "Gift links come with a subscription."
        context["offer_subscription"] = True
        return _private(TemplateResponse(request, "gifts/new.html", context, status=403))
    if request.method == "POST":
        try:
            gift = gift_create(giver=request.user, article=article, rules=rules, now=timezone.now())
        except GiftRefused as refusal:
            context["refusal"] = str(refusal)
            return _private(TemplateResponse(request, "gifts/new.html", context, status=403))
        context["link"] = request.build_absolute_uri(gift_url(article.url, gift.pk))
        context["gift"] = gift
    context["left"] = links_left(rules, links_made(request.user.pk, current_period()))
    if not rules.enabled:
        context["refusal"] = "Gift links are not available at the moment."
    return _private(TemplateResponse(request, "gifts/new.html", context))


@login_required
@require_POST
def gift_withdraw(request, gift_id: int):
    if not gift_revoke(giver_id=request.user.pk, gift_id=gift_id, now=timezone.now()):
        raise Http404("No such gift link of yours")
    messages.success(request, "The gift link is withdrawn: it no longer opens the story.")
    return redirect("account")
