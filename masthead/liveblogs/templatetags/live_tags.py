"""A live blog's times: written in full on the server, shortened in the reader's browser.

An entry from today says "14:05"; an older one says its day too ("Sat 5 Dec,
14:05", with the year when it is not this one), in the paper's time zone.

Which entries are today's changes at midnight, and nothing else does: the
blog's page is kept and shared between readers until the blog is next
published (a closed blog, for good), each entry's HTML is kept for the
update address (``kept``), downstream caches keep the page a few seconds
more, and an open page keeps polling past midnight. So the server never
decides "today": every time is written in full, "Sat 5 Dec 2026, 14:05",
which is true whenever and by whomever it is read, and ``live.js`` hides the
day of today's entries and the year of this year's, from the ``datetime``
attribute (written in the paper's zone) and today in the paper's zone by the
reader's clock, again whenever that day changes. Putting the day in what
ends a kept page instead would need every copy of the page and of each entry
to end on the stroke of midnight, and would still leave an open page saying
"14:05" for yesterday's entries. Readers without JavaScript get the full
date on every entry: longer, never wrong.
"""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def live_time(moment):
    """``moment`` as a ``<time>`` whose day and year ``live.js`` may hide."""
    local = timezone.localtime(moment)
    return format_html(
        '<time class="live-time" datetime="{}"><span class="live-time__day">{}'
        '<span class="live-time__year"> {}</span>, </span>{}</time>',
        local.isoformat(),
        formats.date_format(local, "D j M"),
        local.year,
        formats.date_format(local, "H:i"),
    )


@register.simple_tag
def paper_time_zone() -> str:
    """The zone the times are written in, for ``live.js`` to tell today by."""
    return timezone.get_current_timezone_name()
