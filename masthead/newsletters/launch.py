"""An editor sends an edition: the number they confirm, and the checks before it is queued.

The number is ``recipients.headcount``: the sender's own choice of recipients,
counted, so "Send to N readers?" cannot disagree with whom it goes to. An
edition nobody would receive is refused and stays a draft; one sent, or on its
way, is not sent again (two editors pressing Send at once queue it once).
"""

from __future__ import annotations

from django.db.models import Count, Q

from masthead.newsletters.models import Delivery, Edition
from masthead.newsletters.recipients import Headcount, headcount


class SendRefused(Exception):
    """Why an edition cannot be sent now, in words for the editor."""


def send_refusal(edition: Edition, count: Headcount | None) -> str:
    """Why ``edition`` may not be sent now ("" when it may); ``count`` is needed for a draft."""
    if edition.status == Edition.Status.SENT:
        return "This edition has been sent already. An edition is sent once."
    if edition.status == Edition.Status.SENDING:
        return "This edition is being sent already."
    if count is None or count.readers == 0:
        return (
            f"No reader would receive this edition: {edition.newsletter} has no confirmed "
            "sign-up that may be sent it. Nothing was sent, and the edition is still a draft."
        )
    return ""


def edition_send_start(*, edition: Edition) -> Headcount:
    """Queue ``edition`` for the sending worker; the readers it goes to. Raises SendRefused."""
    from masthead.newsletters.tasks import send_edition_task

    edition.refresh_from_db(fields=["status"])
    count = headcount(edition.newsletter) if edition.status == Edition.Status.DRAFT else None
    refusal = send_refusal(edition, count)
    if refusal:
        raise SendRefused(refusal)
    # Only the request that moves it out of draft queues it.
    if not Edition.objects.filter(pk=edition.pk, status=Edition.Status.DRAFT).update(
        status=Edition.Status.SENDING
    ):
        raise SendRefused("This edition is being sent already.")
    send_edition_task.enqueue(edition_id=edition.pk)
    return count


def send_progress(edition: Edition) -> tuple[int, int]:
    """(handed to the mail server, all) of an edition's deliveries so far."""
    counts = Delivery.objects.filter(edition=edition).aggregate(
        handed=Count("pk", filter=Q(status=Delivery.Status.SENT)), total=Count("pk")
    )
    return counts["handed"], counts["total"]
