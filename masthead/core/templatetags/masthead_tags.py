from django import template

register = template.Library()


@register.inclusion_tag("components/section_nav.html", takes_context=True)
def section_nav(context):
    from masthead.news.selectors import live_sections

    request = context.get("request")
    current = context.get("page")
    current_path = getattr(current, "path", "")
    return {
        "sections": [
            (section, bool(current_path) and current_path.startswith(section.path))
            for section in live_sections()
        ],
        "request": request,
    }


@register.filter
def pounds(pence) -> str:
    """900 → "£9", 1050 → "£10.50"."""
    try:
        pence = int(pence)
    except (TypeError, ValueError):
        return ""
    whole, part = divmod(pence, 100)
    return f"£{whole:,}" if part == 0 else f"£{whole:,}.{part:02d}"
