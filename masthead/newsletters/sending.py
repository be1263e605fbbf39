"""Sending an edition: one Delivery row per address, claimed in batches, each marked once.

``edition_send`` is what the command, the task worker and the admin's "Send"
all run, and it can be run again at any time: addresses already sent are
skipped, a batch claimed by a sender that died is taken over once its claim
has run out (``MASTHEAD_NEWSLETTER_CLAIM_SECONDS``), and it returns only
when every address has been handed to the mail server.

The message for each kind of recipient is built once by Django's email
framework (``EmailMultiAlternatives.message()``) with holes in it; each
recipient's copy is those bytes with the holes filled. Over SMTP each copy
goes through :mod:`masthead.newsletters.smtp`: never twice, and marked
confirmed when the server says it has it. Any other
backend (django-anymail's providers, the test outbox) gets
``connection.send_messages`` and the rows are marked after it returns: at
least once, as a provider's API allows no better.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from masthead.core.letters import absolute, site_url
from masthead.newsletters.models import Delivery, Edition
from masthead.newsletters.recipients import recipients
from masthead.newsletters.rendering import UNSUBSCRIBE, link_placeholder, render_edition
from masthead.newsletters.smtp import Refused, SmtpSession, dot_quoted
from masthead.newsletters.tokens import continue_token, unsubscribe_token

log = logging.getLogger(__name__)

TO_HOLE = "recipient@newsletter.invalid"
MESSAGE_ID_HOLE = "%%MESSAGEID%%"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def unsubscribe_url(signup_id: int, edition_id: int) -> str:
    return absolute(f"/newsletters/unsubscribe/{unsubscribe_token(signup_id, edition_id)}/")


def continue_url(edition_id: int, delivery_id: int, article_id: int) -> str:
    return absolute(f"/newsletters/read/{continue_token(edition_id, delivery_id, article_id)}/")


def headers_for(edition: Edition) -> dict[str, str]:
    """RFC 8058: one-click unsubscribe by https and by mail; RFC 2919: the list's id."""
    _, sender_address = parseaddr(edition.newsletter.from_email)
    host = sender_address.rpartition("@")[2] or "localhost"
    return {
        "List-Unsubscribe": f"<{UNSUBSCRIBE}>, <mailto:{sender_address}?subject=unsubscribe>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{edition.newsletter.name} <{edition.newsletter.slug}.{host}>",
        "Message-ID": f"<{MESSAGE_ID_HOLE}@{host}>",
    }


def edition_message(
    edition: Edition, *, subscriber: bool, to: str = TO_HOLE
) -> EmailMultiAlternatives:
    rendered = render_edition(edition, subscriber=subscriber)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=edition.newsletter.from_email,
        to=[to],
        headers=headers_for(edition),
    )
    message.attach_alternative(rendered.html, "text/html")
    message.article_ids = rendered.article_ids
    return message


@dataclass
class Holes:
    """A kind of recipient's message as bytes, and how to fill it for one delivery."""

    message: bytes
    article_ids: tuple[int, ...]

    def fill(self, delivery: Delivery) -> bytes:
        data = self.message.replace(TO_HOLE.encode(), delivery.email.encode())
        data = data.replace(
            MESSAGE_ID_HOLE.encode(), f"{delivery.edition_id}.{delivery.pk}.newsletter".encode()
        )
        data = data.replace(
            UNSUBSCRIBE.encode(),
            unsubscribe_url(delivery.signup_id or 0, delivery.edition_id).encode(),
        )
        for article_id in self.article_ids:
            data = data.replace(
                link_placeholder(article_id).encode(),
                continue_url(delivery.edition_id, delivery.pk, article_id).encode(),
            )
        return data


def holes_for(edition: Edition, *, subscriber: bool) -> Holes:
    """Built and dot-quoted for SMTP once: what is filled in never starts a line."""
    message = edition_message(edition, subscriber=subscriber)
    data = dot_quoted(message.message().as_bytes(linesep="\r\n"))
    for hole in (TO_HOLE, MESSAGE_ID_HOLE, UNSUBSCRIBE):
        if hole.encode() not in data:
            raise ValueError(f"The message lost its {hole} hole (encoded?)")
    return Holes(message=data, article_ids=message.article_ids)


def filled_message(
    edition: Edition, delivery: Delivery, subscriber: bool
) -> EmailMultiAlternatives:
    """One recipient's copy as a Django message (for backends other than SMTP, and tests to me)."""
    message = edition_message(edition, subscriber=subscriber, to=delivery.email)
    article_ids = message.article_ids
    plain_links = {} if delivery.pk else {a.pk: absolute(a.url) for a in edition.articles()}

    def fill(text: str) -> str:
        text = text.replace(UNSUBSCRIBE, unsubscribe_url(delivery.signup_id or 0, edition.pk))
        for article_id in article_ids:
            url = (
                continue_url(edition.pk, delivery.pk, article_id)
                if delivery.pk
                else plain_links.get(article_id, site_url())
            )
            text = text.replace(link_placeholder(article_id), url)
        return text

    message.body = fill(message.body)
    alternatives, message.alternatives = message.alternatives, []
    for content, kind in alternatives:
        message.attach_alternative(fill(content), kind)
    message.extra_headers = {
        name: fill(value).replace(
            MESSAGE_ID_HOLE, f"{edition.pk}.{delivery.pk or 'test'}.newsletter"
        )
        for name, value in message.extra_headers.items()
    }
    return message


@transaction.atomic
def deliveries_create(edition: Edition) -> int:
    """A waiting row for each recipient not yet given one (a second call adds only newcomers)."""
    rows = [
        Delivery(edition=edition, email=signup.email, signup=signup, subscriber=subscriber)
        for signup, subscriber in recipients(edition.newsletter)
    ]
    Delivery.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


def claim_batch(edition: Edition, worker: str, size: int) -> list[Delivery]:
    """Waiting deliveries nobody else holds a live claim on, now ours for a while."""
    now = timezone.now()
    until = now + timedelta(seconds=settings.MASTHEAD_NEWSLETTER_CLAIM_SECONDS)
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now) | Q(claimed_by=worker)
    with transaction.atomic():
        waiting = Delivery.objects.filter(edition=edition, status=Delivery.Status.PENDING).filter(
            free
        )
        if db_connection.features.has_select_for_update_skip_locked:
            waiting = waiting.select_for_update(skip_locked=True)
        ids = list(waiting.order_by("pk").values_list("pk", flat=True)[:size])
        Delivery.objects.filter(pk__in=ids).update(claimed_by=worker, claimed_until=until)
    return list(Delivery.objects.filter(pk__in=ids, claimed_by=worker).order_by("pk"))


MARK_SQL = (
    f"UPDATE {Delivery._meta.db_table} SET status = %s, sent_at = %s"
    " WHERE id = %s AND claimed_by = %s AND status = %s"
)


def confirm(delivery_ids: list[int]) -> None:
    """The mail server said it has these: they are no longer in doubt (see ``smtp``)."""
    Delivery.objects.filter(pk__in=delivery_ids).update(confirmed_at=timezone.now())


def mark(delivery: Delivery, worker: str, status: str) -> bool:
    """Mark a claimed delivery, committed at once; False if the claim was lost meanwhile.

    One plain statement (this runs once a message, between its body and its final dot).
    """
    with transaction.atomic(), db_connection.cursor() as cursor:
        cursor.execute(
            MARK_SQL, [status, timezone.now(), delivery.pk, worker, Delivery.Status.PENDING]
        )
        return cursor.rowcount == 1


@dataclass
class SendReport:
    edition: Edition
    recipients: int = 0
    sent: int = 0
    refused: int = 0
    seconds: float = 0.0
    kinds: dict = field(default_factory=dict)
    nobody: bool = False  # no recipient at all: nothing sent, the edition left a draft

    @property
    def rate(self) -> float:
        return self.sent / self.seconds if self.seconds else 0.0


def uses_smtp() -> bool:
    return settings.EMAIL_BACKEND == SMTP_BACKEND


def send_batch_smtp(session, batch, holes, worker, report) -> None:
    sender = parseaddr(report.edition.newsletter.from_email)[1]
    for delivery in batch:
        try:
            accepted = session.send(
                sender=sender,
                recipient=delivery.email,
                message=holes[delivery.subscriber].fill(delivery),
                commit=lambda d=delivery: mark(d, worker, Delivery.Status.SENT),
            )
        except Refused as error:
            log.warning("Newsletter to %s refused: %s", delivery.email, error)
            mark(delivery, worker, Delivery.Status.FAILED)
            report.refused += 1
            continue
        if accepted:
            confirm([delivery.pk])
            report.sent += 1
        else:
            Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENT).update(
                status=Delivery.Status.FAILED
            )
            report.refused += 1


def send_batch_backend(connection, batch, edition, worker, report) -> None:
    messages = [filled_message(edition, delivery, delivery.subscriber) for delivery in batch]
    connection.send_messages(messages)
    marked = [delivery.pk for delivery in batch if mark(delivery, worker, Delivery.Status.SENT)]
    confirm(marked)
    report.sent += len(marked)


def send_loop(edition: Edition, *, worker: str, size: int, holes, report: SendReport) -> None:
    """Claim and send batches until no address is left waiting (one connection, one thread)."""
    smtp = holes is not None
    session = SmtpSession() if smtp else get_connection()
    try:
        while True:
            claimed = claim_batch(edition, worker, size)
            if not claimed:
                waiting = Delivery.objects.filter(edition=edition, status=Delivery.Status.PENDING)
                if not waiting.exists():
                    break
                time.sleep(0.5)  # another sender holds a claim: take it over when it runs out
                continue
            if smtp:
                send_batch_smtp(session, claimed, holes, worker, report)
            else:
                send_batch_backend(session, claimed, edition, worker, report)
    finally:
        session.close()


def _threaded_loop(edition: Edition, worker: str, size: int, holes, reports: list) -> None:
    from django.db import connections

    report = SendReport(edition=edition)
    try:
        send_loop(edition, worker=worker, size=size, holes=holes, report=report)
    finally:
        reports.append(report)
        connections.close_all()


def edition_send(
    edition: Edition, *, worker: str | None = None, batch: int | None = None
) -> SendReport:
    """Send the edition to every recipient who has not had it; returns when all have.

    An edition with no recipient at all is not sent, and stays a draft
    (``report.nobody``): it was never "sent" to no one.

    Over SMTP, ``MASTHEAD_NEWSLETTER_CONNECTIONS`` connections send side by side,
    each in a thread with its own claims: the time goes in waiting on the server.
    """
    worker = worker or uuid.uuid4().hex[:16]
    size = batch or settings.MASTHEAD_NEWSLETTER_BATCH
    started = time.monotonic()
    Edition.objects.filter(pk=edition.pk, status=Edition.Status.DRAFT).update(
        status=Edition.Status.SENDING
    )
    report = SendReport(edition=edition, recipients=deliveries_create(edition))
    if not Delivery.objects.filter(edition=edition).exists():
        # Nobody to send to: the edition stays a draft, never "sent" to no one.
        Edition.objects.filter(pk=edition.pk, status=Edition.Status.SENDING).update(
            status=Edition.Status.DRAFT
        )
        report.nobody = True
        return report
    smtp = uses_smtp()
    holes = {kind: holes_for(edition, subscriber=kind) for kind in (True, False)} if smtp else None
    connections = settings.MASTHEAD_NEWSLETTER_CONNECTIONS if smtp else 1
    if connections <= 1:
        send_loop(edition, worker=worker, size=size, holes=holes, report=report)
    else:
        reports: list[SendReport] = []
        threads = [
            threading.Thread(
                target=_threaded_loop, args=(edition, f"{worker}-{n}", size, holes, reports)
            )
            for n in range(connections)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        report.sent = sum(r.sent for r in reports)
        report.refused = sum(r.refused for r in reports)
        if (
            len(reports) < connections
            or Delivery.objects.filter(edition=edition, status=Delivery.Status.PENDING).exists()
        ):
            raise RuntimeError("A sending thread stopped early; run the send again to finish.")
    Edition.objects.filter(pk=edition.pk).exclude(status=Edition.Status.SENT).update(
        status=Edition.Status.SENT, sent_at=timezone.now()
    )
    report.seconds = time.monotonic() - started
    return report


def send_test(edition: Edition, *, to: str) -> None:
    """The edition as a non-subscriber gets it, to one address (the editor's), marked as a test."""
    message = filled_message(edition, Delivery(edition=edition, email=to), subscriber=False)
    message.subject = f"[Test] {message.subject}"
    message.send()
