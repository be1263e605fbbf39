"""Members of the old paper become Masthead readers, each keeping what they had.

Free members become registered readers: an account with a verified address
and no password (they sign in with a login or reset link). Paid members keep
paying where they paid: their Stripe customer is linked to the account and
each subscription is fetched from Stripe and recorded by the same code the
Stripe webhook uses, so access follows Stripe's state, not the export's. When
Stripe cannot be reached the account is still made and linked, and the report
says so: the next Stripe event for that customer, or the import run again,
records the subscription. A paid member is never quietly made a free reader:
every paid member whose subscription could not be recorded is in the report.
Comped members get a complimentary subscription, ending when theirs did.
Newsletter choices become confirmed sign-ups where a newsletter of that slug
or name exists here.

Nothing is mailed: these readers signed up at the old paper, and a welcome
letter from an import would be news to nobody. Running the same members
twice changes nothing the second time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from masthead.importing.records import Member, MemberStatus, Skipped

log = logging.getLogger(__name__)

CONSENT_SOURCE = "import from Ghost"


@dataclass
class MembersReport:
    """What an import did (or, in a dry run, would do) with the members."""

    created: dict[str, int] = field(default_factory=dict)  # by member status
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    # Paid members whose subscription is not recorded yet, and why: never silent.
    awaiting_stripe: list[tuple[str, str]] = field(default_factory=list)
    # Paid at the old paper, but Stripe says no subscription of theirs is live now.
    paid_without_access: list[tuple[str, str]] = field(default_factory=list)
    signups_created: int = 0
    newsletters_missing: dict[str, int] = field(default_factory=dict)  # name: members

    def count(self, outcome: str, status: str) -> None:
        counts = getattr(self, outcome)
        counts[status] = counts.get(status, 0) + 1


def apply_members(members: list[Member], *, dry_run: bool) -> MembersReport:
    """Make or update a reader for each member; ``dry_run`` rolls everything back."""
    report = MembersReport()
    newsletters = _newsletters()
    with transaction.atomic():
        for member in members:
            try:
                validate_email(member.email)
            except ValidationError:
                reason = f"“{member.email}” is not an email address"
                report.skipped.append(Skipped("member", member.source_id, member.email, reason))
                continue
            try:
                with transaction.atomic():
                    created, changed = _apply(member, newsletters, report)
            except IntegrityError as error:
                reason = f"could not be saved: {error}"
                report.skipped.append(Skipped("member", member.source_id, member.email, reason))
                continue
            outcome = "created" if created else "updated" if changed else "unchanged"
            report.count(outcome, member.status.value)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _apply(member: Member, newsletters: dict, report: MembersReport) -> tuple[bool, bool]:
    user, created = _reader(member)
    changed = _verified_address(user, member.email)
    if member.stripe_customer_id:
        changed |= _link_customer(user, member, report)
    if member.stripe_subscription_ids or member.status == MemberStatus.PAID:
        # Whatever the export calls the member, Stripe's state decides their access.
        changed |= _stripe_subscriptions(user, member, report)
    if member.status == MemberStatus.COMPED:
        changed |= _comped(user, member)
    changed |= _signups(user, member, newsletters, report)
    return created, changed


def _reader(member: Member):
    from masthead.newsletters.services import normalise_email

    User = get_user_model()
    email = normalise_email(member.email)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    first, _, last = member.name.strip().partition(" ")
    extra = {"first_name": first[:150], "last_name": last.strip()[:150]}
    if member.created_at is not None:
        extra["date_joined"] = member.created_at
    # No password: the reader signs in with a login link or sets one through a reset.
    return User.objects.create_user(email=email, password=None, **extra), True


def _verified_address(user, email: str) -> bool:
    """The old paper confirmed the address (Ghost members sign in by emailed link)."""
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        primary = not EmailAddress.objects.filter(user=user, primary=True).exists()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=primary)
        return True
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
        return True
    return False


def _link_customer(user, member: Member, report: MembersReport) -> bool:
    from masthead.subscriptions.models import BillingAccount

    customer = member.stripe_customer_id
    holder = BillingAccount.objects.filter(stripe_customer_id=customer).first()
    if holder is not None:
        if holder.user_id != user.pk:
            report.awaiting_stripe.append(
                (member.email, f"Stripe customer {customer} belongs to another reader here")
            )
        return False
    account, _ = BillingAccount.objects.get_or_create(user=user)
    if account.stripe_customer_id:
        report.awaiting_stripe.append(
            (
                member.email,
                f"already linked to Stripe customer {account.stripe_customer_id}, not {customer}",
            )
        )
        return False
    account.stripe_customer_id = customer
    account.save(update_fields=["stripe_customer_id"])
    return True


def _state(subscription) -> tuple | None:
    if subscription is None:
        return None
    return (
        subscription.status,
        subscription.current_period_end,
        subscription.cancel_at_period_end,
        subscription.plan_id,
        subscription.user_id,
    )


def _stripe_subscriptions(user, member: Member, report: MembersReport) -> bool:
    """Record each subscription as Stripe holds it now, through the webhook's own path."""
    if not member.stripe_customer_id or not member.stripe_subscription_ids:
        report.awaiting_stripe.append(
            (member.email, "paid, but the export names no Stripe subscription: check in Stripe")
        )
        return False
    if not settings.MASTHEAD_STRIPE_SECRET_KEY:
        report.awaiting_stripe.append(
            (member.email, "Stripe is not configured here: access follows at the next sync")
        )
        return False
    import stripe

    from masthead.payments.webhooks import sync_subscription
    from masthead.subscriptions.models import Subscription

    changed = False
    statuses = []
    for reference in member.stripe_subscription_ids:
        before = _state(Subscription.objects.filter(provider_reference=reference).first())
        try:
            after = _state(sync_subscription(reference, user_id=user.pk, tell_reader=False))
        except stripe.StripeError as error:
            log.warning("Stripe could not be asked about %s: %s", reference, error)
            report.awaiting_stripe.append(
                (
                    member.email,
                    f"Stripe could not be reached for {reference}: linked to "
                    f"{member.stripe_customer_id}, access follows at the next sync",
                )
            )
            continue
        if after is None:
            report.awaiting_stripe.append(
                (member.email, f"Stripe holds no subscription {reference}")
            )
            continue
        changed |= after != before
        statuses.append(f"{reference} is {after[0]}")
    if member.status == MemberStatus.PAID and statuses and not _subscriber(user):
        report.paid_without_access.append((member.email, "Stripe says " + ", ".join(statuses)))
    return changed


def _subscriber(user) -> bool:
    from masthead.subscriptions.models import is_subscriber

    return is_subscriber(user)


def _comped(user, member: Member) -> bool:
    from masthead.subscriptions.services import complimentary_grant

    _, changed = complimentary_grant(
        user_id=user.pk, reference=f"ghost-comp:{member.source_id}", until=member.comped_until
    )
    return changed


def _newsletters() -> dict[str, object]:
    from masthead.newsletters.models import Newsletter

    found = {}
    for letter in Newsletter.objects.all():
        found.setdefault(letter.name.lower(), letter)
        found[letter.slug.lower()] = letter
    return found


def _signups(user, member: Member, newsletters: dict, report: MembersReport) -> bool:
    from masthead.newsletters.models import Signup
    from masthead.newsletters.services import IMPORTED, is_suppressed

    if not member.newsletters or member.email_disabled or is_suppressed(user.email):
        return False
    changed = False
    now = timezone.now()
    for name in member.newsletters:
        letter = newsletters.get(name.lower())
        if letter is None:
            report.newsletters_missing[name] = report.newsletters_missing.get(name, 0) + 1
            continue
        _, created = Signup.objects.get_or_create(
            newsletter=letter,
            email=user.email,
            defaults={
                "name": member.name,
                "user": user,
                "status": Signup.Status.CONFIRMED,
                "consent_at": member.created_at or now,
                "consent_source": CONSENT_SOURCE,
                "consent_method": IMPORTED,
                "confirmed_at": now,
            },
        )
        report.signups_created += created
        changed |= created
    return changed
