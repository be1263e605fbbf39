"""The confirmation letter of a double opt-in, in the paper's dress (``core.letters``)."""

from __future__ import annotations

from masthead.core.letters import absolute, send_letter
from masthead.newsletters.models import Signup
from masthead.newsletters.tokens import confirm_token


def confirmation_url(signup: Signup) -> str:
    return absolute(f"/newsletters/confirm/{confirm_token(signup.pk)}/")


def send_confirmation(signup: Signup) -> None:
    send_letter(
        to=[signup.email],
        subject=f"Confirm your sign-up to {signup.newsletter.name}",
        template="newsletters/email/confirm",
        context={
            "signup": signup,
            "newsletter": signup.newsletter,
            "confirm_url": confirmation_url(signup),
        },
    )
