"""Letters from the paper: every email a reader or journalist gets, in the paper's own dress.

Each letter is a pair of templates, ``<name>.txt`` and ``<name>.html``, the
HTML one extending ``email/base.html`` (the masthead, the logo, the paper's
postal address). Links are made on the site's configured address
(``MASTHEAD_BASE_URL``), never on whatever host a request came in on, so an
email sent by a worker or the command line points at the same place.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import linebreaks, urlize


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    """``path`` on the site's configured address; an absolute URL is left alone."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + "/" + path.lstrip("/")


def paper_context() -> dict:
    """What every letter's templates may use of the paper itself."""
    return {
        "publication_name": settings.MASTHEAD_PUBLICATION_NAME,
        "publication_tagline": settings.MASTHEAD_PUBLICATION_TAGLINE,
        "publication_address": settings.MASTHEAD_PUBLICATION_ADDRESS,
        "site_url": site_url(),
        "logo_url": absolute(static("masthead/logo.png")),
        "account_url": absolute("/account/"),
    }


def compose(*, to: Iterable[str], subject: str, template: str, context: dict | None = None):
    """The letter as a multipart message (plain text first, HTML beside it), not yet sent."""
    values = {**paper_context(), "subject": subject, **(context or {})}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", values),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
    )
    message.attach_alternative(render_to_string(f"{template}.html", values), "text/html")
    return message


def send_letter(*, to: Iterable[str], subject: str, template: str, context: dict | None = None):
    compose(to=to, subject=subject, template=template, context=context).send()


def html_from_text(text: str, *, subject: str) -> str:
    """A plain-text letter in the paper's HTML dress: for letters written only as text."""
    return render_to_string(
        "email/from_text.html",
        {**paper_context(), "subject": subject, "body": urlize(linebreaks(text, autoescape=True))},
    )
