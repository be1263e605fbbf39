"""Reads for the reader's pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from masthead.core.verified_address import verified_address
from masthead.newsletters.models import Edition, Newsletter, Signup


@dataclass(frozen=True)
class AccountNewsletter:
    newsletter: Newsletter
    receiving: bool


def account_signups(user) -> QuerySet[Signup]:
    """The sign-ups an account may see and change: those of its verified address, or none."""
    address = verified_address(user)
    return Signup.objects.filter(email__iexact=address) if address else Signup.objects.none()


def letters_received(user) -> set[int]:
    """Ids of the newsletters the account's verified address receives."""
    confirmed = account_signups(user).filter(status=Signup.Status.CONFIRMED)
    return set(confirmed.values_list("newsletter_id", flat=True))


def account_newsletters(user) -> list[AccountNewsletter]:
    receiving = letters_received(user)
    return [
        AccountNewsletter(newsletter=letter, receiving=letter.pk in receiving)
        for letter in Newsletter.objects.filter(active=True)
    ]


def web_copies(newsletter: Newsletter) -> QuerySet[Edition]:
    """The editions with a public web copy: those sent, newest first.

    The web copy view serves only what is here, and the archive lists exactly
    this, so the list never links to a copy that is refused.
    """
    return Edition.objects.filter(newsletter=newsletter, status=Edition.Status.SENT).order_by(
        "-date"
    )
