"""The invitation letter: who invites, to which group, and the signed link to accept."""

from __future__ import annotations

from django.conf import settings

from masthead.core.letters import absolute, send_letter


def send_invitation(seat, path: str) -> None:
    buyer = seat.group.subscription.user
    send_letter(
        to=[seat.email],
        subject=f"{buyer} invites you to read {settings.MASTHEAD_PUBLICATION_NAME}",
        template="groups/email/invitation",
        context={
            "buyer": str(buyer),
            "group_name": seat.group.name,
            "email": seat.email,
            "accept_url": absolute(path),
        },
    )
