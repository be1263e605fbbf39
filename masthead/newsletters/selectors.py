"""Reads for the reader's pages."""

from __future__ import annotations

from dataclasses import dataclass

from masthead.newsletters.models import Newsletter, Signup


@dataclass(frozen=True)
class AccountNewsletter:
    newsletter: Newsletter
    receiving: bool


def account_newsletters(user) -> list[AccountNewsletter]:
    receiving = set(
        Signup.objects.filter(email__iexact=user.email, status=Signup.Status.CONFIRMED).values_list(
            "newsletter_id", flat=True
        )
    )
    return [
        AccountNewsletter(newsletter=letter, receiving=letter.pk in receiving)
        for letter in Newsletter.objects.filter(active=True)
    ]
