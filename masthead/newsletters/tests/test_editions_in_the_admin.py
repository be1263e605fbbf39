"""An editor previews an edition both ways, sends a test to themselves, then sends it.

Everything is on the edition's edit page; the send goes through a page that
asks "Send to N readers?" with the sender's own count, and nothing is sent
by opening a page.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from masthead.newsletters.models import Audience, Delivery, Edition, EditionStory, Signup
from masthead.newsletters.services import suppress
from masthead.newsletters.tests.factories import confirmed, make_newsletter
from masthead.paywall.tests.factories import make_reader

pytestmark = pytest.mark.django_db

WITHHELD = "zanzibarite result"


@pytest.fixture
def morning(paper):
    return make_newsletter("morning", name="The Morning Lantern")


def edition_of(letter, story) -> Edition:
    edition = Edition.objects.create(
        newsletter=letter, subject="The strike, and after", introduction="Good morning."
    )
    EditionStory.objects.create(edition=edition, article=story, sort_order=0)
    return edition


@pytest.fixture
def edition(morning, paper):
    edition = edition_of(morning, paper["articles"]["vote"])
    confirmed(morning, "one@example.org")
    confirmed(morning, "two@example.org")
    return edition


@pytest.fixture
def editor(client):
    user = make_reader("desk@example.org", staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def sending_at_once(settings):
    """The newsletter queue runs its task as it is queued, as a worker would."""
    settings.TASKS = {
        **settings.TASKS,
        "newsletters": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["newsletters"],
        },
    }


def urls(edition) -> dict[str, str]:
    base = f"/admin/newsletters/edition/{edition.pk}"
    return {
        "edit": f"/admin/snippets/newsletters/edition/edit/{edition.pk}/",
        "preview": f"{base}/preview/",
        "frame": f"{base}/preview/?frame=1",
        "test": f"{base}/test/",
        "send": f"{base}/send/",
    }


def asked_count(page: str) -> int:
    return int(re.search(r"Send to (\d+) readers?\?", page).group(1))


def test_the_preview_frame_alone_may_be_framed_and_only_by_the_admin(client, editor, edition):
    to = urls(edition)
    framed = client.get(to["frame"])
    assert framed.status_code == 200
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert "no-store" in framed["Cache-Control"]  # the subscriber's copy is kept by nobody
    assert "The strike, and after" in framed.content.decode()
    assert client.get(to["frame"] + "&as=subscriber")["X-Frame-Options"] == "SAMEORIGIN"
    # Every other page, the admin's and the readers', may not be framed at all.
    for other in (to["preview"], to["edit"], to["send"], "/admin/", "/newsletters/", "/"):
        response = client.get(other)
        assert response.status_code == 200, other
        assert response["X-Frame-Options"] == "DENY", other


def test_the_preview_shows_each_kind_of_reader_their_copy(client, editor, edition):
    to = urls(edition)
    page = client.get(to["preview"]).content.decode()
    assert 'src="?frame=1&amp;as=reader"' in page
    teaser = client.get(to["frame"]).content.decode()
    full = client.get(to["frame"] + "&as=subscriber").content.decode()
    assert "Good morning." in teaser and WITHHELD not in teaser and "Continue reading" in teaser
    assert WITHHELD in full
    assert (
        'src="?frame=1&amp;as=subscriber"'
        in client.get(to["preview"] + "?as=subscriber").content.decode()
    )


def test_the_edit_page_offers_preview_a_test_and_send(client, editor, edition):
    to = urls(edition)
    page = client.get(to["edit"]).content.decode()
    assert f'href="{to["preview"]}"' in page
    assert f'data-w-action-url-value="{to["test"]}"' in page  # a POST from the button itself
    assert "Send a test to me" in page
    assert f'href="{to["send"]}"' in page and "Send…" in page

    edition.status = Edition.Status.SENT
    edition.save()
    page = client.get(to["edit"]).content.decode()
    assert f'href="{to["send"]}"' not in page
    assert f'href="{edition.get_absolute_url()}"' in page  # its web copy instead


def test_a_test_goes_to_the_editor_alone_and_back_to_where_they_were(client, editor, edition):
    to = urls(edition)
    assert client.get(to["test"]).status_code == 405 and mail.outbox == []
    response = client.post(to["test"], {"next": to["edit"]})
    assert response.status_code == 302 and response["Location"] == to["edit"]
    assert [m.to for m in mail.outbox] == [["desk@example.org"]]
    assert mail.outbox[0].subject == "[Test] The strike, and after"
    assert WITHHELD not in mail.outbox[0].body
    assert Edition.objects.get().status == Edition.Status.DRAFT
    assert not Delivery.objects.exists()


def test_the_count_asked_is_the_number_sent_to(client, editor, edition, morning, sending_at_once):
    subscriber = make_reader("sub@example.org", subscription="active")
    confirmed(morning, "sub@example.org", user=subscriber)
    confirmed(morning, "bounced@example.org")
    suppress(email="bounced@example.org", reason="bounced")
    Signup.objects.create(newsletter=morning, email="pending@example.org", consent_source="t")
    to = urls(edition)

    page = client.get(to["send"]).content.decode()
    asked = asked_count(page)
    assert asked == 3
    assert "1 subscriber: every story in full" in page
    assert "2 other readers: the teaser version" in page
    assert mail.outbox == []  # asking sends nothing

    response = client.post(to["send"], follow=True)
    sent_to = sorted(m.to[0] for m in mail.outbox)
    assert len(sent_to) == asked
    assert sent_to == ["one@example.org", "sub@example.org", "two@example.org"]
    assert Edition.objects.get().status == Edition.Status.SENT
    assert "is being sent to 3 readers" in response.content.decode()
    assert "to 3 readers" in client.get(to["send"]).content.decode()  # "Sent (when) to 3 readers"


def test_a_subscribers_letter_counts_and_sends_to_its_subscribers_only(
    client, editor, edition, morning, sending_at_once
):
    morning.audience = Audience.SUBSCRIBERS
    morning.save()
    confirmed(
        morning, "sub@example.org", user=make_reader("sub@example.org", subscription="active")
    )
    to = urls(edition)
    assert asked_count(client.get(to["send"]).content.decode()) == 1
    client.post(to["send"])
    assert [m.to for m in mail.outbox] == [["sub@example.org"]]


def test_opening_the_send_page_never_sends(client, editor, edition, sending_at_once):
    to = urls(edition)
    for _ in range(3):
        assert client.get(to["send"]).status_code == 200
    assert client.head(to["send"]).status_code == 200
    assert mail.outbox == []
    assert not Delivery.objects.exists()
    assert Edition.objects.get().status == Edition.Status.DRAFT


def test_an_edition_nobody_would_receive_is_refused_and_stays_a_draft(
    client, editor, paper, sending_at_once
):
    world = make_newsletter("world", name="World Dispatch")
    confirmed(world, "gone@example.org")
    suppress(email="gone@example.org", reason="complained")
    edition = edition_of(world, paper["articles"]["talks"])
    to = urls(edition)

    page = client.get(to["send"]).content.decode()
    assert "No reader would receive this edition" in page
    assert "Send to" not in page and f'action="{to["send"]}"' not in page

    response = client.post(to["send"], follow=True)
    assert "No reader would receive this edition" in response.content.decode()
    assert "Nothing was sent" in response.content.decode()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT and edition.sent_at is None
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_a_sent_edition_is_never_sent_again(client, editor, edition, sending_at_once):
    to = urls(edition)
    client.post(to["send"])
    assert len(mail.outbox) == 2
    confirmed(edition.newsletter, "late@example.org")  # a newcomer does not restart it

    page = client.get(to["send"]).content.decode()
    assert "to 2 readers" in page and "Send to" not in page
    assert f'action="{to["send"]}"' not in page  # no form to send it with
    response = client.post(to["send"], follow=True)
    assert "has been sent already" in response.content.decode()
    assert len(mail.outbox) == 2
    assert Delivery.objects.count() == 2


def test_writers_cannot_open_or_use_the_send(client, edition):
    writer = make_reader("writer@example.org", staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)
    to = urls(edition)
    for response in (client.get(to["send"]), client.post(to["send"]), client.get(to["frame"])):
        assert (
            response.status_code == 302 and response["Location"] == "/admin/"
        )  # Wagtail's refusal
    assert Edition.objects.get().status == Edition.Status.DRAFT
    assert mail.outbox == []
