"""An editor previews an edition both ways, sends a test to themselves, then sends it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from masthead.newsletters.models import Edition, EditionStory
from masthead.newsletters.tests.factories import confirmed, make_newsletter
from masthead.paywall.tests.factories import make_reader

pytestmark = pytest.mark.django_db

WITHHELD = "zanzibarite result"


@pytest.fixture
def edition(paper):
    morning = make_newsletter("morning", name="The Morning Lantern")
    edition = Edition.objects.create(
        newsletter=morning, subject="The strike, and after", introduction="Good morning."
    )
    EditionStory.objects.create(edition=edition, article=paper["articles"]["vote"], sort_order=0)
    confirmed(morning, "one@example.org")
    confirmed(morning, "two@example.org")
    return edition


@pytest.fixture
def editor(client):
    user = make_reader("desk@example.org", staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_preview_test_and_send(client, editor, edition, settings):
    settings.TASKS = {
        **settings.TASKS,
        "newsletters": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["newsletters"],
        },
    }
    base = f"/admin/newsletters/edition/{edition.pk}"
    assert client.get(f"{base}/preview/").status_code == 200
    teaser = client.get(f"{base}/preview/?frame=1").content.decode()
    full = client.get(f"{base}/preview/?frame=1&as=subscriber").content.decode()
    assert "Good morning." in teaser and WITHHELD not in teaser and "Continue reading" in teaser
    assert WITHHELD in full

    client.post(f"{base}/test/")
    assert [m.to for m in mail.outbox] == [["desk@example.org"]]
    assert mail.outbox[0].subject == "[Test] The strike, and after"
    assert WITHHELD not in mail.outbox[0].body

    client.post(f"{base}/send/")
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["one@example.org", "two@example.org"]
    assert client.post(f"{base}/send/").status_code == 302
    assert len(mail.outbox) == 3  # sent already: nothing more


def test_readers_and_writers_cannot_send(client, edition):
    writer = make_reader("writer@example.org", staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)
    refused = client.post(f"/admin/newsletters/edition/{edition.pk}/send/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's refusal
    assert Edition.objects.get().status == Edition.Status.DRAFT
