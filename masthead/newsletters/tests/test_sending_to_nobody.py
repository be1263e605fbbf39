"""An edition with nobody to send to is not sent, and never marked sent: it stays a draft."""

import pytest
from django.core.management import CommandError, call_command

from masthead.newsletters.assembly import edition_assemble
from masthead.newsletters.models import Edition
from masthead.newsletters.sending import edition_send
from masthead.newsletters.services import suppress
from masthead.newsletters.tests.factories import confirmed, make_newsletter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("queued", [False, True])
def test_the_sender_leaves_an_edition_nobody_receives_a_draft(paper, client, queued):
    world = make_newsletter("world", name="World Dispatch")
    confirmed(world, "gone@example.org")
    suppress(email="gone@example.org", reason="bounced")
    edition = edition_assemble(world)
    if queued:  # as the admin's Send leaves it for the worker
        Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING)
    report = edition_send(edition)
    assert report.nobody and report.sent == 0
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT and edition.sent_at is None
    assert client.get(edition.get_absolute_url()).status_code == 404  # no web copy


def test_the_send_command_says_nothing_was_sent(paper):
    make_newsletter("world", name="World Dispatch")
    with pytest.raises(CommandError, match="no reader would receive it. Nothing was sent"):
        call_command("newsletter", "send", "world")
    assert Edition.objects.get().status == Edition.Status.DRAFT
