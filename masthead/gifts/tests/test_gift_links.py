"""Gift links as subscribers and their friends meet them, through the real pages."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.test import Client
from django.utils import timezone

from masthead.gifts.models import GiftLink, GiftRead, GiftSettings
from masthead.groups.models import Group
from masthead.groups.services import accept, invitation_token, invite, remove
from masthead.news.tests.factories import make_article, make_section
from masthead.paywall.identity import READER_COOKIE, READER_COOKIE_SALT
from masthead.paywall.meter import meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.paywall.tests.test_attack_suite import exhausted_reader
from masthead.subscriptions.models import Plan, Subscription

pytestmark = pytest.mark.django_db

LAST = "Paragraph six is the end of the gifted story."


@pytest.fixture
def story(db):
    news = make_section("News")
    paragraphs = [f"Paragraph {n} of the gifted story, with words." for n in range(1, 6)] + [LAST]
    return {
        "gifted": make_article(news, "A story worth giving", paragraphs=paragraphs),
        "other": make_article(news, "Another metered story"),
    }


@pytest.fixture
def giver(db):
    user = make_reader("giver@example.org", subscription="active")
    client = Client()
    client.login(email="giver@example.org", password=PASSWORD)
    return user, client


def make_link(giver_client, article) -> str:
    response = giver_client.post(f"/gifts/new/{article.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return BeautifulSoup(response.content, "html.parser").select_one("#gift-link")["value"]


def path_of(link: str) -> str:
    return link.removeprefix("http://testserver")


SHARED = "A subscriber shared this story with you. Subscribe to read everything."


def seen(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    note = soup.select_one(".gift-note:not(.gift-note--shared)")
    shared = soup.select_one(".gift-note--shared")
    return {
        "full": LAST in soup.text,
        "note": note.text if note else None,
        "shared": " ".join(shared.text.split()) if shared else None,
        "offer": soup.select_one(".offer") is not None,
        "notice": soup.select_one(".meter-notice") is not None,
    }


def past_the_limit(client: Client, name: str) -> str:
    """A browser of its own whose reader has used the month's five free articles."""
    reader_id = f"past-the-limit-{name}".ljust(20, "x")
    for fake_article in range(20_000_001, 20_000_006):
        meter_store().grant(
            reader_key=f"anon:{reader_id}",
            period=current_period(),
            article_id=fake_article,
            limit=5,
        )
    client.cookies[READER_COOKIE] = signing.get_cookie_signer(
        salt=READER_COOKIE + READER_COOKIE_SALT
    ).sign(reader_id)
    return reader_id


def used(reader_id: str) -> int:
    return len(meter_store().articles(reader_key=f"anon:{reader_id}", period=current_period()))


def test_a_subscriber_makes_a_link_and_sees_what_is_left(giver, story):
    _, client = giver
    page = client.get(story["gifted"].url)
    button = BeautifulSoup(page.content, "html.parser").select_one(".gift-button a")
    assert button["href"] == f"/gifts/new/{story['gifted'].pk}/"
    form = client.get(button["href"])
    assert "You can make 10 more gift links this month." in form.content.decode()
    assert form["Cache-Control"] == "private, no-store"
    link = make_link(client, story["gifted"])
    assert link.startswith(f"http://testserver{story['gifted'].url}?gift=")
    made = client.get(button["href"]).content.decode()
    assert "You can make 9 more gift links this month." in made
    gift = GiftLink.objects.get()
    assert gift.reader_cap == 10 and gift.expires_at - gift.created_at > timedelta(days=29)


def test_the_monthly_allowance_stops_the_eleventh_link(giver, story):
    _, client = giver
    for _ in range(10):
        make_link(client, story["gifted"])
    refused = client.post(f"/gifts/new/{story['gifted'].pk}/")
    assert refused.status_code == 403
    assert "You have made your 10 gift links this month" in refused.content.decode()
    assert GiftLink.objects.count() == 10


def test_readers_who_are_not_subscribers_cannot_make_links(client, story):
    anonymous = client.post(f"/gifts/new/{story['gifted'].pk}/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    make_reader("free@example.org")
    client.login(email="free@example.org", password=PASSWORD)
    assert not BeautifulSoup(client.get(story["gifted"].url).content, "html.parser").select(
        ".gift-button"
    )
    refused = client.post(f"/gifts/new/{story['gifted'].pk}/")
    assert refused.status_code == 403
    assert "Gift links come with a subscription." in refused.content.decode()
    assert not GiftLink.objects.exists()


def test_no_link_for_a_story_that_does_not_exist(giver):
    _, client = giver
    assert client.post("/gifts/new/999999/").status_code == 404


def test_a_reader_past_the_limit_reads_the_gift_in_full_and_their_count_stays(giver, story):
    _, giver_client = giver
    link = path_of(make_link(giver_client, story["gifted"]))
    reader = Client()
    reader_id = exhausted_reader(reader)
    assert seen(reader.get(story["gifted"].url))["offer"]
    for _ in range(2):  # a reload is the same reader
        response = reader.get(link)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        page = seen(response)
        assert page["full"] and not page["offer"] and not page["notice"] and page["note"] is None
        assert page["shared"] == SHARED
    assert used(reader_id) == 5
    assert GiftRead.objects.get().reader_key == f"anon:{reader_id}"
    assert GiftLink.objects.get().reader_count == 1


def test_a_new_browser_is_remembered_so_a_reload_takes_no_second_place(giver, story):
    _, giver_client = giver
    link = path_of(make_link(giver_client, story["gifted"]))
    browser = Client()
    first = browser.get(link)
    assert seen(first)["full"] and READER_COOKIE in first.cookies
    browser.get(link)
    assert GiftLink.objects.get().reader_count == 1


def test_past_its_cap_the_meter_decides_again_with_a_line_that_explains(giver, story):
    _, giver_client = giver
    GiftSettings.objects.create(readers=2)
    link = path_of(make_link(giver_client, story["gifted"]))
    first, second, third = Client(), Client(), Client()
    past_the_limit(first, "first")
    past_the_limit(second, "second")
    third_id = past_the_limit(third, "third")
    assert seen(first.get(link))["full"]
    assert seen(second.get(link))["full"]
    late_response = third.get(link)
    # The teaser and why the link failed are this holder's too: never shared downstream.
    assert late_response["Cache-Control"] == "private, no-store"
    late = seen(late_response)
    assert not late["full"] and late["offer"] and late["shared"] is None
    assert late["note"] == "This gift link has already been used by as many readers as it allows."
    assert used(third_id) == 5
    fresh = seen(Client().get(link))  # a new reader with the month's allowance: the meter's read
    assert fresh["full"] and fresh["notice"] and fresh["note"] and fresh["shared"] is None
    assert seen(first.get(link))["full"]  # a reader it has keeps their place
    assert GiftLink.objects.get().reader_count == 2


@pytest.mark.parametrize(
    "change, note",
    [
        ({"revoked_at": timezone.now()}, "This gift link has been withdrawn"),
        ({"expires_at": timezone.now() - timedelta(seconds=1)}, "This gift link has expired."),
    ],
)
def test_a_revoked_or_expired_link_gives_what_the_meter_says(giver, story, change, note):
    _, giver_client = giver
    link = path_of(make_link(giver_client, story["gifted"]))
    GiftLink.objects.update(**change)
    reader = Client()
    exhausted_reader(reader)
    response = reader.get(link)
    assert response.status_code == 200
    page = seen(response)
    assert not page["full"] and page["offer"] and page["note"].startswith(note)
    assert page["shared"] is None
    fresh = Client()
    counted = seen(fresh.get(link))
    assert counted["full"] and counted["notice"]  # the meter's own read, counted


def test_a_link_moved_to_another_story_opens_nothing(giver, story):
    _, giver_client = giver
    token = make_link(giver_client, story["gifted"]).split("?", 1)[1]
    reader = Client()
    exhausted_reader(reader)
    page = seen(reader.get(f"{story['other'].url}?{token}"))
    assert page["offer"] and page["note"] == "This gift link is for another story."
    assert page["shared"] is None
    assert not GiftRead.objects.exists()


def test_turning_gifting_off_closes_links_and_hides_the_button(giver, story):
    _, giver_client = giver
    link = path_of(make_link(giver_client, story["gifted"]))
    assert giver_client.get(story["gifted"].url).content.count(b'class="gift-button"') == 1
    GiftSettings.objects.create(enabled=False)
    assert b"gift-button" not in giver_client.get(story["gifted"].url).content
    reader = Client()
    exhausted_reader(reader)
    page = seen(reader.get(link))
    assert page["offer"] and page["note"] == "Gift links are not available at the moment."
    assert giver_client.post(f"/gifts/new/{story['gifted'].pk}/").status_code == 403


def test_the_account_lists_links_reads_and_who_registered_then_subscribed(giver, story):
    giver_user, giver_client = giver
    link = path_of(make_link(giver_client, story["gifted"]))
    friend = Client()
    assert seen(friend.get(link))["full"]
    signup = friend.post(
        "/accounts/signup/",
        {"email": "friend@example.org", "password1": PASSWORD * 2, "password2": PASSWORD * 2},
    )
    assert signup.status_code == 302
    read = GiftRead.objects.get()
    assert read.account.email == "friend@example.org"
    # Logged in now, the friend is the same reader: no second place.
    friend.get(link)
    assert GiftLink.objects.get().reader_count == 1
    Subscription.objects.create(user=read.account, status="active", plan_name="Digital")
    account = giver_client.get("/account/")
    row = BeautifulSoup(account.content, "html.parser").select_one("table.gift-links tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
    assert cells[0] == "A story worth giving"
    assert cells[3:6] == ["1 of 10", "1", "1"]


def test_the_giver_withdraws_a_link_and_no_one_else_can(giver, story):
    _, giver_client = giver
    link = path_of(make_link(giver_client, story["gifted"]))
    gift = GiftLink.objects.get()
    make_reader("someone@example.org", subscription="active")
    someone = Client()
    someone.login(email="someone@example.org", password=PASSWORD)
    assert someone.post(f"/gifts/{gift.pk}/withdraw/").status_code == 404
    assert giver_client.get(f"/gifts/{gift.pk}/withdraw/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.login(email="giver@example.org", password=PASSWORD)
    account = BeautifulSoup(strict.get("/account/").content, "html.parser")
    form = account.select_one("table.gift-links form")
    assert form["action"] == f"/gifts/{gift.pk}/withdraw/"
    token = form.select_one('input[name="csrfmiddlewaretoken"]')["value"]
    assert strict.post(form["action"]).status_code == 403  # no token: refused, nothing withdrawn
    response = strict.post(form["action"], {"csrfmiddlewaretoken": token}, follow=True)
    assert "The gift link is withdrawn" in response.content.decode()
    assert "Withdrawn" in response.content.decode()
    reader = Client()
    exhausted_reader(reader)
    assert seen(reader.get(link))["note"].startswith("This gift link has been withdrawn")


def test_the_data_export_holds_the_links_given_and_the_gifts_read(giver, story):
    _, giver_client = giver
    link = path_of(make_link(giver_client, story["gifted"]))
    make_reader("friend@example.org")
    friend = Client()
    friend.login(email="friend@example.org", password=PASSWORD)
    past_the_limit(friend, "friend")
    assert seen(friend.get(link))["full"]
    given = giver_client.get("/account/export/").json()["gift_links"]
    assert given["given"][0]["story"] == "A story worth giving"
    assert given["given"][0]["readers"] == 1 and given["read"] == []
    read = friend.get("/account/export/").json()["gift_links"]
    assert read["given"] == [] and read["read"][0]["story"] == "A story worth giving"


def test_the_shared_notice_is_the_link_readers_alone_never_the_kept_pages(giver, story):
    _, giver_client = giver
    link = path_of(make_link(giver_client, story["gifted"]))
    url = story["gifted"].url
    past = Client()
    past_the_limit(past, "before-the-gift")
    for _ in range(2):  # ordinary readers teach the shared cache the story, then fill it
        assert seen(Client().get(url))["shared"] is None
        assert seen(past.get(url))["shared"] is None
    holder = Client()
    exhausted_reader(holder)
    gifted = holder.get(link)
    assert seen(gifted)["shared"] == SHARED and seen(gifted)["full"]
    assert gifted["Cache-Control"] == "private, no-store" and "X-Masthead-Cache" not in gifted
    subscribe = BeautifulSoup(gifted.content, "html.parser").select_one(".gift-note--shared a")
    assert subscribe["href"] == "/subscribe/"
    # The next readers of the story's kept page: one with free articles left, one without.
    fresh = Client().get(url)
    teaser = past.get(url)
    for response in (fresh, teaser):
        assert response["X-Masthead-Cache"] == "hit"
        assert seen(response)["shared"] is None and b"shared this story" not in response.content
    assert seen(fresh)["full"] and not seen(teaser)["full"]
    # The link's reader, back without the link, is an ordinary reader again.
    again = seen(holder.get(url))
    assert again["shared"] is None and not again["full"] and again["offer"]


def test_a_subscriber_following_a_gift_link_is_not_told_to_subscribe(giver, story):
    _, giver_client = giver
    link = path_of(make_link(giver_client, story["gifted"]))
    page = seen(giver_client.get(link))
    assert page["full"] and page["shared"] is None and page["note"] is None
    assert GiftLink.objects.get().reader_count == 0  # a subscriber takes no reader's place


def test_the_link_is_in_a_box_to_copy_from_with_a_button_for_the_script(giver, story):
    _, client = giver
    response = client.post(f"/gifts/new/{story['gifted'].pk}/")
    soup = BeautifulSoup(response.content, "html.parser")
    box = soup.select_one("#gift-link")
    assert box.has_attr("readonly") and soup.select_one('label[for="gift-link"]').text
    assert box["value"].startswith(f"http://testserver{story['gifted'].url}?gift=")
    button = soup.select_one('button[data-copy-from="gift-link"]')
    # Without JavaScript the button could do nothing: it is hidden until copy.js shows it.
    assert button.has_attr("hidden") and button["type"] == "button"
    status = soup.select_one(f"#{button['data-copy-status']}")
    assert status["aria-live"] == "polite" and status.text == ""
    assert soup.select_one('script[src="/static/gifts/copy.js"]') is not None
    assert soup.select_one('link[href="/static/gifts/gifts.css"]') is not None


def test_the_account_lets_the_giver_copy_each_link_that_still_opens(giver, story):
    _, client = giver
    first = make_link(client, story["gifted"])
    second = make_link(client, story["other"])
    GiftLink.objects.filter(article=story["other"]).update(revoked_at=timezone.now())
    soup = BeautifulSoup(client.get("/account/").content, "html.parser")
    boxes = soup.select("table.gift-links input.gift-copy__link[readonly]")
    assert [box["value"] for box in boxes] == [first]  # the withdrawn one opens nothing
    assert second not in soup.decode()
    gift = GiftLink.objects.get(article=story["gifted"])
    label = soup.select_one(f'label[for="{boxes[0]["id"]}"]').text
    assert label == "Gift link for “A story worth giving”"
    assert soup.select_one(f'button[data-copy-from="gift-link-{gift.pk}"]').has_attr("hidden")
    reader = Client()
    exhausted_reader(reader)
    assert seen(reader.get(path_of(first)))["full"]  # the copied link is the gift itself


LAPSED = (
    "The subscriber who shared this link no longer subscribes; "
    "this story counts as one of your free articles, if you have one left."
)


def test_a_link_opens_nothing_once_its_giver_no_longer_subscribes(story):
    giver = make_reader("trial@example.org", subscription="trialing")
    giver_client = Client()
    giver_client.login(email=giver.email, password=PASSWORD)
    link = path_of(make_link(giver_client, story["gifted"]))
    holder = Client()
    holder_id = past_the_limit(holder, "holder")
    assert seen(holder.get(link))["full"]  # while the trial runs
    subscription = Subscription.objects.get(user=giver)
    subscription.status = "canceled"
    subscription.save()

    page = seen(holder.get(link))  # a reader the link has, past their allowance

    assert not page["full"] and page["offer"] and page["shared"] is None
    assert page["note"] == LAPSED
    assert used(holder_id) == 5
    fresh = Client()
    counted = seen(fresh.get(link))  # a reader with free articles left: the meter's read
    assert counted["full"] and counted["notice"] and counted["note"] == LAPSED
    assert GiftLink.objects.get().reader_count == 1


def test_a_seat_holders_link_opens_while_they_hold_the_seat_and_not_after(story):
    plan = Plan.objects.create(name="Branch", price_pence=600, sold_by_seat=True)
    buyer = make_reader("branch@example.org")
    subscription = Subscription.objects.create(
        user=buyer, status="active", plan=plan, provider="demo", quantity=3
    )
    group = Group.objects.create(subscription=subscription, name="Ardmouth NUJ branch")
    member = make_reader("member@example.org")
    seat = accept(invitation_token(invite(group, member.email)), member)
    member_client = Client()
    member_client.login(email=member.email, password=PASSWORD)
    link = path_of(make_link(member_client, story["gifted"]))
    holder = Client()
    past_the_limit(holder, "seat-holder")
    assert seen(holder.get(link))["full"]

    remove(group, seat.pk)

    page = seen(holder.get(link))
    assert not page["full"] and page["note"] == LAPSED
