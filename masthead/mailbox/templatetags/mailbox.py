"""``{% demo_mailbox_note %}``: on a "we have sent you an email" page, where the demo keeps it.

Renders nothing unless the site's mail goes to the mailbox. In a plain-text
template (allauth's messages) ``{% demo_mailbox_note "text" %}`` gives the
sentence alone.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from masthead.mailbox import store

register = template.Library()

SENTENCE = "This is the demo, so no email leaves the site: it is in the newsroom mailbox at {}"


@register.simple_tag
def demo_mailbox_note(form: str = "html") -> str:
    if not store.in_use():
        return ""
    address = reverse("mailbox_index")
    if form == "text":
        return SENTENCE.format(address) + " (staff only)."
    link = format_html('<a href="{}">{}</a>', address, address)
    return format_html(
        '<p class="demo-notice" role="note"><strong>Demo mail:</strong> {} (staff only).</p>',
        format_html(SENTENCE, link),
    )
