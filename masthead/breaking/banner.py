"""The breaking-news banner as it stands this moment: a piece filled into every page as it is sent.

Kept pages hold a placeholder at the top, so switching a banner on or off
changes no kept page: the switched-on banners are rendered once per version
of the ``breaking`` tag, and which one shows is judged against the clock as
each page is sent, so an expiry takes effect without any save. Beside the
paywall's offer it is one line; elsewhere it is the box, and the appeal gives
way to it (``rules.boxes``).
"""

from __future__ import annotations

from django.template.loader import render_to_string

from masthead.appeals.banner import APPEAL_BANNER, banner_html
from masthead.appeals.extensions import copy_for
from masthead.breaking.current import banner_showing
from masthead.breaking.rules import Form, boxes
from masthead.core.kept import kept_until_changed
from masthead.core.pieces import Piece, answering

# At the top of every page sent through the delivery decision, whatever is switched on.
BREAKING_NEWS = Piece("breaking-news")


@kept_until_changed("breaking", "site")
def rendered_banners() -> dict[int, dict[Form, str]]:
    """Every switched-on banner as a box and as a line, by id: rendered once per change."""
    from masthead.breaking.models import BreakingBanner

    rendered = {}
    for banner in BreakingBanner.objects.filter(live=True).select_related("link_page"):
        context = {"banner": banner, "href": banner.href}
        rendered[banner.pk] = {
            form: render_to_string(f"breaking/banner_{form.value}.html", context) for form in Form
        }
    return rendered


def banner_forms() -> dict[Form, str]:
    """The banner showing this moment, as a box and as a line; empty when none shows."""
    showing = banner_showing()
    return rendered_banners().get(showing.pk, {}) if showing is not None else {}


def top_of_page(*, offer: bool) -> str:
    """The banner for a page rendered outside the delivery decision, in the form the rules give."""
    forms = banner_forms()
    form, _ = boxes(banner=bool(forms), appeal=False, offer=offer)
    return forms[form] if form else ""


def piece_values(present: frozenset[str], access) -> dict[str, str]:
    """The breaking banner and the appeal for a page's pieces: one box at a time.

    Registered with ``masthead.core.pieces``: beside the paywall's offer (a
    story not given in full) the banner is one line and the appeal is left out.
    """
    values: dict[str, str] = {}
    if BREAKING_NEWS.name not in present and APPEAL_BANNER.name not in present:
        return values
    offer = access is not None and not access.outcome.is_full
    forms = banner_forms()
    form, appeal = boxes(banner=bool(forms), appeal=APPEAL_BANNER.name in present, offer=offer)
    if BREAKING_NEWS.name in present:
        values[BREAKING_NEWS.name] = forms[form] if form else ""
    if appeal:
        values[APPEAL_BANNER.name] = banner_html(copy_for(answering(), access))
    return values
