"""Offers in the admin: the Business group makes and ends them under "Offers".

Saving an offer sends it to Stripe when Stripe is in use; when Stripe refuses
or cannot be reached the offer is kept and the editor is told it is not yet
at Stripe (it is tried again on the next save, or by ``masthead offers_to_stripe``).
"""

from django.contrib import messages
from django.db.models import Count
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.offers.models import Offer
from masthead.offers.rules import pounds


def _summary(offer: Offer) -> str:
    if offer.percent_off is not None:
        off = f"{offer.percent_off.normalize():f}% off"
    else:
        off = f"{pounds(offer.amount_off_pence or 0)} off"
    if offer.duration == "repeating":
        return f"{off} for {offer.duration_in_months} months"
    return f"{off} {'once' if offer.duration == 'once' else 'for ever'}"


def _at_stripe(offer: Offer) -> str:
    from masthead.offers.stripe_sync import stripe_in_use

    return offer.stripe_status if stripe_in_use() else "Stripe not in use"


class OfferViewSet(SnippetViewSet):
    model = Offer
    icon = "tag"
    menu_label = "Offers"
    menu_name = "offers"
    add_to_admin_menu = True
    menu_order = 305
    search_fields = ["name", "code"]
    list_display = [
        "name",
        "code",
        Column("off", label="Off", accessor=_summary),
        "ends_at",
        Column("taken", label="Taken up", accessor="taken"),
        "active",
        Column("stripe", label="Stripe", accessor=_at_stripe),
    ]

    def get_queryset(self, request):
        return Offer.objects.annotate(taken=Count("redemptions"))


register_snippet(OfferViewSet)


def _send_to_stripe(request, instance):
    if not isinstance(instance, Offer):
        return
    from masthead.offers.stripe_sync import offer_to_stripe, stripe_in_use

    if stripe_in_use() and not offer_to_stripe(instance):
        messages.warning(
            request,
            f"“{instance.name}” is saved, but not yet at Stripe ({instance.stripe_error}). "
            "Readers cannot use it until it is: save it again later, or run "
            "“masthead offers_to_stripe”.",
        )


hooks.register("after_create_snippet", _send_to_stripe)
hooks.register("after_edit_snippet", _send_to_stripe)
