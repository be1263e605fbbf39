from django import template

register = template.Library()


@register.filter
def pounds(pence) -> str:
    """900 → "£9", 1050 → "£10.50"."""
    try:
        pence = int(pence)
    except (TypeError, ValueError):
        return ""
    whole, part = divmod(pence, 100)
    return f"£{whole:,}" if part == 0 else f"£{whole:,}.{part:02d}"
