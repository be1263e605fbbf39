"""Ghost members brought over: each keeps what they had, paid members above all, and nobody is mailed."""

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from masthead.accounts.services import reader_delete
from masthead.importing.ghost import read_export
from masthead.importing.members import apply_members
from masthead.importing.records import Member, MemberStatus
from masthead.newsletters.models import Newsletter, Signup
from masthead.payments.tests.stripe_standin import subscription
from masthead.paywall.accounts import ReaderKind, kind_of
from masthead.subscriptions.models import BillingAccount, Plan, Subscription

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures" / "ghost"
User = get_user_model()


def reader(email):
    return User.objects.get(email=email)


def kind(email):
    return kind_of(reader(email))[0]


@pytest.fixture
def letters(db):
    return [
        Newsletter.objects.create(name="Morning Briefing", slug="morning-briefing"),
        Newsletter.objects.create(name="The Weekend Read", slug="weekend"),
    ]


def stripe_has(api, sub):
    api.expect_request(f"/v1/subscriptions/{sub['id']}", method="GET").respond_with_json(sub)


def paid(email="payer@example.com", subs=("sub_TestActive",), customer="cus_TestPayer"):
    return Member(
        source_id=f"g-{email}",
        email=email,
        name="Pat Payer",
        status=MemberStatus.PAID,
        stripe_customer_id=customer,
        stripe_subscription_ids=list(subs),
    )


def test_a_free_member_is_a_registered_reader_without_a_password_or_subscription(letters):
    member = Member("g1", "free@example.com", "Frances Free", newsletters=["morning-briefing"])
    report = apply_members([member], dry_run=False)
    user = reader("free@example.com")
    assert report.created == {"free": 1}
    assert kind("free@example.com") == ReaderKind.REGISTERED
    assert not user.has_usable_password()
    assert user.get_full_name() == "Frances Free"
    assert EmailAddress.objects.get(user=user).verified
    assert not Subscription.objects.filter(user=user).exists()


def test_a_paid_member_reads_as_a_subscriber_in_stripes_state(
    stripe_api, mailoutbox, django_capture_on_commit_callbacks
):
    Plan.objects.create(name="Digital", price_pence=900, stripe_price_id="price_monthly")
    stripe_has(
        stripe_api, subscription("sub_TestActive", status="active", customer="cus_TestPayer")
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = apply_members([paid()], dry_run=False)
    assert report.created == {"paid": 1} and report.awaiting_stripe == []
    assert kind("payer@example.com") == ReaderKind.SUBSCRIBER
    held = Subscription.objects.get(provider_reference="sub_TestActive")
    assert (held.provider, held.plan.name, held.user.email) == (
        "stripe",
        "Digital",
        "payer@example.com",
    )
    assert BillingAccount.objects.get(user=held.user).stripe_customer_id == "cus_TestPayer"
    assert mailoutbox == []  # no welcome letter for a subscription the reader already had


def test_a_member_whose_stripe_subscription_is_cancelled_is_not_a_subscriber(stripe_api):
    stripe_has(
        stripe_api, subscription("sub_TestGone", status="canceled", customer="cus_TestPayer")
    )
    report = apply_members([paid(subs=["sub_TestGone"])], dry_run=False)
    assert report.created == {"paid": 1}
    assert kind("payer@example.com") == ReaderKind.REGISTERED
    assert Subscription.objects.get(provider_reference="sub_TestGone").status == "canceled"
    assert report.paid_without_access == [
        ("payer@example.com", "Stripe says sub_TestGone is canceled")
    ]


def test_stripe_unreachable_keeps_the_member_linked_and_reported(settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.MASTHEAD_STRIPE_SECRET_KEY = "sk_test_masthead"
    settings.MASTHEAD_STRIPE_API_BASE = f"http://127.0.0.1:{port}"
    report = apply_members([paid()], dry_run=False)
    user = reader("payer@example.com")
    assert BillingAccount.objects.get(user=user).stripe_customer_id == "cus_TestPayer"
    [(email, reason)] = report.awaiting_stripe
    assert email == "payer@example.com" and "could not be reached" in reason
    assert "sub_TestActive" in reason and "next sync" in reason


def test_a_paid_member_is_reported_when_stripe_is_not_configured_here(settings):
    settings.MASTHEAD_STRIPE_SECRET_KEY = ""
    report = apply_members([paid()], dry_run=False)
    assert [email for email, _ in report.awaiting_stripe] == ["payer@example.com"]
    assert BillingAccount.objects.get(user=reader("payer@example.com")).stripe_customer_id


def test_a_paid_member_without_a_stripe_subscription_is_reported_not_made_free():
    report = apply_members([paid(subs=[])], dry_run=False)
    [(email, reason)] = report.awaiting_stripe
    assert email == "payer@example.com" and "no Stripe subscription" in reason


def test_a_comped_member_has_a_complimentary_subscription():
    member = Member("g2", "guest@example.com", status=MemberStatus.COMPED)
    report = apply_members([member], dry_run=False)
    assert report.created == {"comped": 1}
    assert kind("guest@example.com") == ReaderKind.SUBSCRIBER
    held = Subscription.objects.get(user=reader("guest@example.com"))
    assert (held.status, held.provider, held.current_period_end) == (
        "complimentary",
        "complimentary",
        None,
    )


def test_a_comp_that_has_ended_gives_no_access():
    ended = timezone.now() - timedelta(days=1)
    later = timezone.now() + timedelta(days=30)
    apply_members(
        [
            Member("g3", "was@example.com", status=MemberStatus.COMPED, comped_until=ended),
            Member("g4", "still@example.com", status=MemberStatus.COMPED, comped_until=later),
        ],
        dry_run=False,
    )
    assert kind("was@example.com") == ReaderKind.REGISTERED
    assert kind("still@example.com") == ReaderKind.SUBSCRIBER


def test_newsletter_choices_are_kept_where_the_newsletter_exists(letters):
    member = Member(
        "g5",
        "reads@example.com",
        newsletters=["morning-briefing", "The Weekend Read", "Sports Desk"],
        created_at=datetime(2021, 5, 1, tzinfo=UTC),
    )
    report = apply_members([member], dry_run=False)
    signups = Signup.objects.filter(email="reads@example.com").order_by("newsletter__slug")
    assert [s.newsletter.slug for s in signups] == ["morning-briefing", "weekend"]
    assert {(s.status, s.consent_source) for s in signups} == {("confirmed", "import from Ghost")}
    assert signups[0].user == reader("reads@example.com")
    assert report.newsletters_missing == {"Sports Desk": 1}


def test_a_member_whose_mail_bounced_is_not_signed_up(letters):
    member = Member("g6", "bounce@example.com", newsletters=["weekend"], email_disabled=True)
    apply_members([member], dry_run=False)
    assert not Signup.objects.filter(email="bounce@example.com").exists()
    assert kind("bounce@example.com") == ReaderKind.REGISTERED


def test_an_existing_account_is_kept_and_linked_not_duplicated(letters):
    user = User.objects.create_user(email="known@example.com", password="s3cret-Pass!")
    member = Member("g7", "Known@Example.com", "Someone Else", newsletters=["weekend"])
    report = apply_members([member], dry_run=False)
    assert report.updated == {"free": 1}
    user.refresh_from_db()
    assert user.has_usable_password() and user.first_name == ""
    assert User.objects.filter(email__iexact="known@example.com").count() == 1
    assert kind("known@example.com") == ReaderKind.REGISTERED


def test_a_second_run_changes_nothing(stripe_api, letters):
    stripe_has(
        stripe_api, subscription("sub_TestActive", status="active", customer="cus_TestPayer")
    )
    members = [
        Member("g1", "free@example.com", newsletters=["weekend"]),
        paid(),
        Member("g2", "guest@example.com", status=MemberStatus.COMPED),
    ]
    first = apply_members(members, dry_run=False)
    rows = (User.objects.count(), Subscription.objects.count(), Signup.objects.count())
    second = apply_members(members, dry_run=False)
    assert first.created == {"free": 1, "paid": 1, "comped": 1}
    assert second.created == {} and second.updated == {}
    assert second.unchanged == {"free": 1, "paid": 1, "comped": 1}
    assert (User.objects.count(), Subscription.objects.count(), Signup.objects.count()) == rows


def test_a_dry_run_reports_and_writes_nothing(letters):
    member = Member("g1", "free@example.com", newsletters=["weekend"])
    report = apply_members([member], dry_run=True)
    assert report.created == {"free": 1} and report.signups_created == 1
    assert not User.objects.filter(email="free@example.com").exists()
    assert not Signup.objects.exists()


def test_the_members_of_a_real_ghost_export(stripe_api, letters):
    Newsletter.objects.create(name="The Harbour Gazette", slug="default-newsletter")
    stripe_has(
        stripe_api, subscription("sub_TestActive", status="active", customer="cus_TestPayer")
    )
    stripe_has(
        stripe_api, subscription("sub_TestCanceled", status="canceled", customer="cus_TestLapsed")
    )
    export = read_export(FIXTURES / "export.json")
    report = apply_members(export.members, dry_run=False)
    assert report.created == {"free": 3, "comped": 2, "paid": 1}
    assert (
        report.skipped == [] and report.awaiting_stripe == [] and report.paid_without_access == []
    )
    assert kind("pat.payer@example.test") == ReaderKind.SUBSCRIBER
    assert kind("guest.writer@example.test") == ReaderKind.SUBSCRIBER
    assert kind("prize.winner@example.test") == ReaderKind.SUBSCRIBER
    assert kind("frances.free@example.test") == ReaderKind.REGISTERED
    assert kind("lapsed.payer@example.test") == ReaderKind.REGISTERED  # Stripe: cancelled
    assert BillingAccount.objects.get(
        user=reader("lapsed.payer@example.test")
    ).stripe_customer_id == ("cus_TestLapsed")
    signups = Signup.objects.filter(email="frances.free@example.test")
    assert {s.newsletter.slug for s in signups} == {"default-newsletter"}
    assert report.newsletters_missing == {"the-weekend-read": 1}


def test_a_comped_reader_sees_the_gift_and_can_still_delete_their_account(client, settings):
    settings.MASTHEAD_PAYMENT_PROVIDER = "stripe"  # a comp must never be sent to a provider
    until = timezone.now() + timedelta(days=90)
    apply_members(
        [Member("g8", "gift@example.com", status=MemberStatus.COMPED, comped_until=until)],
        dry_run=False,
    )
    user = reader("gift@example.com")
    client.force_login(user)
    page = client.get("/account/").content.decode()
    assert "Complimentary: <strong>Complimentary</strong>, ends on" in page
    assert "Manage billing" not in page
    assert reader_delete(user=user) == []
    assert not User.objects.filter(email="gift@example.com").exists()


def test_a_member_the_old_paper_wrongly_called_free_follows_stripe(stripe_api):
    """Ghost's own importer has let paying members arrive as free: Stripe's word decides."""
    stripe_has(
        stripe_api, subscription("sub_TestActive", status="active", customer="cus_TestPayer")
    )
    member = paid()
    member.status = MemberStatus.FREE
    apply_members([member], dry_run=False)
    assert kind("payer@example.com") == ReaderKind.SUBSCRIBER
