"""A three-seat group end to end with the demo provider, through the site's own pages."""

import re
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from masthead.groups.models import Group, Seat
from masthead.paywall.meter import meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import Plan, Subscription

pytestmark = pytest.mark.django_db

WITHHELD = "Shops said shelves could empty within days."  # the story's last paragraph


@pytest.fixture
def seat_plan(db):
    return Plan.objects.create(
        name="Newsroom and union branch", price_pence=600, sold_by_seat=True, sort_order=3
    )


def logged_in(email: str) -> Client:
    client = Client()
    assert client.login(email=email, password=PASSWORD)
    return client


def used(user) -> int:
    return meter_store().used(reader_key=f"user:{user.pk}", period=current_period())


def invitation_link(message) -> str:
    return re.search(r"https?://\S+(/groups/invitation/\S+/)", message.body).group(1)


@contextmanager
def writes_counted():
    """The SQL statements that write, run inside the block."""
    writes = []
    with CaptureQueriesContext(connection) as queries:
        yield writes
    writes += [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]


def buy(buyer_client, plan, seats):
    started = buyer_client.post(f"/subscribe/{plan.pk}/checkout/", {"seats": str(seats)})
    assert started.status_code == 302 and "/payments/demo/checkout/" in started.url
    page = buyer_client.get(started.url)
    assert f"{seats} seats" in page.content.decode() and "£18" in page.content.decode()
    return buyer_client.post(started.url, follow=True)


def test_a_three_seat_group_end_to_end(
    paper, seat_plan, mailoutbox, django_capture_on_commit_callbacks
):
    story = paper["articles"]["vote"]
    buyer = make_reader("branch@example.org")
    alice = make_reader("alice@example.org")
    bob = make_reader("Bob.Member@Example.org")  # accepted whatever the case of the invitation
    branch = logged_in("branch@example.org")

    # /subscribe/ asks how many seats, and the demo provider bills three.
    assert 'name="seats"' in branch.get("/subscribe/").content.decode()
    welcome = buy(branch, seat_plan, 3)
    assert "3 seats at £6.00 a seat" in welcome.content.decode()
    subscription = Subscription.objects.get(user=buyer)
    assert subscription.quantity == 3 and subscription.status == "active"

    group = Group.objects.get(subscription=subscription)  # made as the payment was recorded
    with writes_counted() as writes:
        account = branch.get("/account/").content.decode()
    assert writes == []
    assert "1 of 3 seats" in account  # the buyer's own seat
    assert f'action="/account/group/{group.pk}/invite/"' in account
    branch.post(f"/account/group/{group.pk}/name/", {"name": "  Ardmouth   NUJ branch "})
    group.refresh_from_db()
    assert group.name == "Ardmouth NUJ branch"

    # Two invitations fill the group; a third is refused with the reason.
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("alice@example.org", "bob.member@example.org"):
            response = branch.post(f"/account/group/{group.pk}/invite/", {"email": email})
            assert response.status_code == 302
        refused = branch.post(
            f"/account/group/{group.pk}/invite/", {"email": "carol@example.org"}, follow=True
        )
    assert "All 3 seats are taken" in refused.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@example.org", "bob.member@example.org"]
    links = {m.to[0]: invitation_link(m) for m in mailoutbox}
    assert "The Daily Lantern" in mailoutbox[0].subject or mailoutbox[0].subject

    # Both accept while logged in, and read the metered story in full without the meter moving.
    members = {"alice@example.org": alice, "bob.member@example.org": bob}
    clients = {}
    for email, member in members.items():
        client = Client()
        assert client.login(email=member.email, password=PASSWORD)
        before = used(member)
        page = client.get(links[email])
        assert "Accept and join" in page.content.decode()
        joined = client.post(links[email], follow=True)
        assert "Your access comes from" in joined.content.decode()
        assert group.name in joined.content.decode()
        reading = client.get(story.url).content.decode()
        assert WITHHELD in reading and 'class="offer"' not in reading
        assert "free articles" not in reading
        assert used(member) == before
        clients[email] = client
    assert "3 of 3 seats" in branch.get("/account/").content.decode()

    # Fewer seats than readers is refused until a seat is freed.
    refused = branch.post(f"/account/group/{group.pk}/seats/", {"seats": "2"}, follow=True)
    assert "cannot go down to 2" in refused.content.decode()
    assert Subscription.objects.get(pk=subscription.pk).quantity == 3

    # Removing Bob: he is metered again on his very next request, Alice is not.
    seat = Seat.objects.get(member=bob)
    branch.post(f"/account/group/{group.pk}/seat/{seat.pk}/remove/")
    before = used(bob)
    again = clients["bob.member@example.org"].get(story.url).content.decode()
    assert "You have read" in again and used(bob) == before + 1
    assert (
        "Your access comes from"
        not in clients["bob.member@example.org"].get("/account/").content.decode()
    )
    assert "free articles" not in clients["alice@example.org"].get(story.url).content.decode()

    # With a seat freed the group can shrink, at once with the demo provider.
    branch.post(f"/account/group/{group.pk}/seats/", {"seats": "2"})
    assert Subscription.objects.get(pk=subscription.pk).quantity == 2
    assert "2 of 2 seats" in branch.get("/account/").content.decode()


def test_a_group_recorded_without_its_row_is_shown_read_only_and_made_by_its_first_change(
    paper, seat_plan
):
    buyer = make_reader("branch@example.org")
    subscription = Subscription.objects.create(  # recorded before groups came with payments
        user=buyer, status="active", plan=seat_plan, provider="demo", quantity=3
    )
    branch = logged_in("branch@example.org")
    with writes_counted() as writes:
        page = BeautifulSoup(branch.get("/account/").content, "html.parser")
    assert writes == [] and not Group.objects.exists()
    group_section = page.select_one("section.group")
    assert "1 of 3 seats" in group_section.text
    assert "Your group: branch@example.org's group" in group_section.h2.text

    invite = group_section.select_one("form.group__invite")
    sent = branch.post(invite["action"], {"email": "alice@example.org"})
    group = Group.objects.get(subscription=subscription)
    assert sent.status_code == 302 and sent.url == f"/account/#group-{group.pk}"
    assert list(group.seats.values_list("email", flat=True)) == ["alice@example.org"]
    again = branch.post(invite["action"], {"email": "bob@example.org"})  # the page not reloaded
    assert again.status_code == 302 and Group.objects.count() == 1
    assert "3 of 3 seats" in branch.get("/account/").content.decode()

    make_reader("someone@example.org")
    other = logged_in("someone@example.org")
    assert other.post(invite["action"], {"email": "x@example.org"}).status_code == 404
    assert group.seats.count() == 2


def test_bad_seat_counts_at_checkout_are_refused_and_nothing_starts(paper, seat_plan):
    make_reader("branch@example.org")
    branch = logged_in("branch@example.org")
    for typed in ("1", "501", "lots", ""):
        response = branch.post(
            f"/subscribe/{seat_plan.pk}/checkout/", {"seats": typed}, follow=True
        )
        assert response.redirect_chain[-1][0] == "/subscribe/"
        assert "Newsroom and union branch:" in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_lapsed_group_ends_every_members_access_at_once(paper, seat_plan):
    story = paper["articles"]["vote"]
    buyer = make_reader("branch@example.org")
    member = make_reader("member@example.org")
    subscription = Subscription.objects.create(
        user=buyer, status="active", plan=seat_plan, provider="demo", quantity=2
    )
    group = Group.objects.create(subscription=subscription, name="Ardmouth NUJ branch")
    from masthead.groups.services import accept, invitation_token, invite

    seat = invite(group, "member@example.org")
    accept(invitation_token(seat), member)
    reader = logged_in("member@example.org")
    assert WITHHELD in reader.get(story.url).content.decode()  # kept as a subscriber now

    subscription.status = "canceled"
    subscription.save()  # as the webhook would: the buyer's tag and the members' are bumped
    page = reader.get(story.url).content.decode()
    assert "You have read 1 of 10" in page
    account = reader.get("/account/").content.decode()
    assert "does not give access at the moment" in account


def test_only_the_buyer_manages_the_group(paper, seat_plan):
    buyer = make_reader("branch@example.org")
    make_reader("someone@example.org")
    subscription = Subscription.objects.create(
        user=buyer, status="active", plan=seat_plan, provider="demo", quantity=3
    )
    group = Group.objects.create(subscription=subscription, name="Branch")
    other = logged_in("someone@example.org")
    for action, data in [
        ("invite/", {"email": "x@example.org"}),
        ("seats/", {"seats": "9"}),
        ("name/", {"name": "Mine"}),
    ]:
        assert other.post(f"/account/group/{group.pk}/{action}", data).status_code == 404
    assert not Seat.objects.exists()
    assert Subscription.objects.get(pk=subscription.pk).quantity == 3


def test_an_invitation_opened_logged_out_leads_to_login_and_back(client, seat_plan):
    from masthead.groups.services import invitation_path, invite

    buyer = make_reader("branch@example.org")
    subscription = Subscription.objects.create(
        user=buyer, status="active", plan=seat_plan, provider="demo", quantity=3
    )
    group = Group.objects.create(subscription=subscription, name="Ardmouth NUJ branch")
    path = invitation_path(invite(group, "dana@example.org"))
    page = client.get(path)
    text = page.content.decode()
    assert page.status_code == 200 and "private" in page["Cache-Control"]
    assert "Ardmouth NUJ branch" in text and "dana@example.org" in text
    assert f"/accounts/login/?next={quote(path)}" in text
    assert "/accounts/signup/?next=" in text
    posted = client.post(path)
    assert posted.status_code == 302 and posted.url.startswith("/accounts/login/")
    assert not Seat.objects.filter(member__isnull=False).exists()

    forged = client.get(path[:-3] + "xx/")
    assert forged.status_code == 400 and "not valid" in forged.content.decode()
