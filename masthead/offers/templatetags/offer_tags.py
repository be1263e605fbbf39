from django import template

register = template.Library()


@register.inclusion_tag("offers/plan_price.html")
def plan_price(plan, plan_prices):
    """The plan's price line: the full price, struck through when an offer lowers it."""
    return {"plan": plan, "price": (plan_prices or {}).get(plan.pk)}
