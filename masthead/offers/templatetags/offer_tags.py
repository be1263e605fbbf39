from django import template

register = template.Library()


@register.inclusion_tag("offers/plan_price.html")
def plan_price(plan, plan_prices):
    """The plan's price line: the full price, struck through when an offer lowers it."""
    return {"plan": plan, "price": (plan_prices or {}).get(plan.pk)}


@register.inclusion_tag("offers/offer_input.html")
def offer_input(plan, plan_prices, offer_key):
    """The offer travels into the checkout of a plan it lowers, and of no other."""
    price = (plan_prices or {}).get(plan.pk)
    return {"offer_key": offer_key if price is not None and price.offered else ""}
