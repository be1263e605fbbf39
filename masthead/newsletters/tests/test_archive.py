"""Each letter's public archive at /newsletters/<slug>/: its sent editions' web copies, newest first."""

import re
from datetime import date

import pytest
from django.utils import timezone

from masthead.newsletters import views
from masthead.newsletters.models import Edition, EditionStory
from masthead.newsletters.tests.factories import make_newsletter
from masthead.paywall.tests.factories import make_reader

pytestmark = pytest.mark.django_db

WITHHELD = "zanzibarite result"  # the strike story's third paragraph: past the teaser
TEASER = "Dockers at the harbour voted to walk out"  # its first: in the web copy, not the list


def edition(letter, day: date, subject: str, status=Edition.Status.SENT, story=None) -> Edition:
    made = Edition.objects.create(
        newsletter=letter,
        date=day,
        subject=subject,
        status=status,
        sent_at=timezone.now() if status == Edition.Status.SENT else None,
    )
    if story is not None:
        EditionStory.objects.create(edition=made, article=story, sort_order=0)
    return made


@pytest.fixture
def letters(paper):
    morning = make_newsletter(
        "morning", name="The Morning Lantern", description="Before breakfast."
    )
    world = make_newsletter("world", name="World Dispatch")
    vote = paper["articles"]["vote"]
    edition(morning, date(2025, 3, 1), "March begins with a strike", story=vote)
    edition(morning, date(2025, 3, 3), "The strike, day three", story=vote)
    edition(morning, date(2025, 3, 2), "A quiet Sunday", story=vote)
    edition(morning, date(2025, 3, 4), "Not sent yet", status=Edition.Status.DRAFT, story=vote)
    edition(morning, date(2025, 3, 5), "Going out now", status=Edition.Status.SENDING, story=vote)
    edition(world, date(2025, 3, 2), "The foreign desk's week")
    return {"morning": morning, "world": world}


def listed(html: str) -> list[tuple[str, str, str]]:
    """(link, date as shown, subject) of each edition in the archive, in order."""
    return re.findall(
        r'<time class="newsletter-archive__date" datetime="[^"]+">([^<]+)</time>\s*'
        r'<a class="newsletter-archive__subject" href="([^"]+)">([^<]+)</a>',
        html,
    )


def test_the_archive_lists_the_sent_editions_newest_first_each_a_link_to_its_web_copy(
    client, letters
):
    response = client.get("/newsletters/morning/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>The Morning Lantern</h1>" in html and "Before breakfast." in html
    assert 'class="site-header"' in html  # the reader site's own page
    assert "newsletters/archive.css" in html
    assert listed(html) == [
        ("Monday 3 March 2025", "/newsletters/morning/2025-03-03/", "The strike, day three"),
        ("Sunday 2 March 2025", "/newsletters/morning/2025-03-02/", "A quiet Sunday"),
        ("Saturday 1 March 2025", "/newsletters/morning/2025-03-01/", "March begins with a strike"),
    ]
    assert "Not sent yet" not in html and "Going out now" not in html
    assert "foreign desk" not in html  # another letter's edition
    for _, link, subject in listed(html):
        copy = client.get(link)
        assert copy.status_code == 200 and subject in copy.content.decode()
    # What the archive leaves out has no web copy either.
    assert client.get("/newsletters/morning/2025-03-04/").status_code == 404
    assert client.get("/newsletters/morning/2025-03-05/").status_code == 404


def test_the_archive_and_the_web_copies_it_links_to_give_no_withheld_text(client, letters):
    html = client.get("/newsletters/morning/").content.decode()
    # Titles and links only: not even the teaser of the story the editions carry.
    assert WITHHELD not in html and TEASER not in html
    for _, link, _ in listed(html):
        copy = client.get(link).content.decode()
        assert TEASER in copy and "Continue reading" in copy
        assert WITHHELD not in copy


def test_a_subscriber_finds_the_same_teaser_web_copies(client, letters):
    client.force_login(make_reader("sub@example.org", subscription="active"))
    html = client.get("/newsletters/morning/").content.decode()
    assert len(listed(html)) == 3
    copy = client.get(listed(html)[0][1]).content.decode()
    assert "Continue reading" in copy and WITHHELD not in copy


def test_an_unknown_letter_is_a_404_and_a_letter_with_nothing_sent_says_so(client, letters):
    assert client.get("/newsletters/no-such-letter/").status_code == 404
    assert client.get("/newsletters/no-such-letter/2025-03-01/").status_code == 404
    make_newsletter("weekend", name="The Weekend")
    html = client.get("/newsletters/weekend/").content.decode()
    assert "No edition has been sent yet." in html and listed(html) == []


def test_a_letter_no_longer_sent_keeps_its_archive(client, letters):
    letters["morning"].active = False
    letters["morning"].save()
    html = client.get("/newsletters/morning/").content.decode()
    assert "No longer sent" in html and len(listed(html)) == 3


def test_a_long_archive_is_paged_newest_first(client, letters, monkeypatch):
    monkeypatch.setattr(views, "ARCHIVE_PER_PAGE", 2)
    first = client.get("/newsletters/morning/").content.decode()
    second = client.get("/newsletters/morning/?page=2").content.decode()
    assert [s for _, _, s in listed(first)] == ["The strike, day three", "A quiet Sunday"]
    assert [s for _, _, s in listed(second)] == ["March begins with a strike"]
    assert 'rel="next" href="?page=2">Older editions' in first
    assert 'rel="prev" href="?page=1">Newer editions' in second
    assert client.get("/newsletters/morning/?page=3").status_code == 404


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_newsletters_page_links_each_letter_to_its_archive(client, letters, logged_in):
    if logged_in:
        client.force_login(make_reader("reader@example.org"))
    html = client.get("/newsletters/").content.decode()
    for slug in ("morning", "world"):
        assert re.search(rf'href="/newsletters/{slug}/"[^>]*>Past editions', html), slug
