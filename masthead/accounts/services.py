"""A reader's own data: what we hold (export) and forgetting it (delete)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from masthead.core.verified_address import verified_address
from masthead.paywall.meter import MeterUnavailable, meter_store
from masthead.paywall.periods import current_period


def reader_data_export(*, user) -> dict:
    """Everything we keep about a reader, as plain JSON-ready values."""
    from masthead.appeals.models import Donation
    from masthead.gifts.selectors import gifts_export
    from masthead.groups.selectors import seats_export
    from masthead.subscriptions.models import Subscription

    try:
        read = sorted(meter_store().articles(reader_key=f"user:{user.pk}", period=current_period()))
    except MeterUnavailable:
        read = None
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": a.email, "verified": a.verified} for a in user.emailaddress_set.all()
            ],
        },
        "subscriptions": [
            {
                "plan": s.plan_name,
                "status": s.status,
                "paid_until": s.current_period_end.isoformat() if s.current_period_end else None,
                "ends_at_period_end": s.cancel_at_period_end,
                "provider": s.provider,
            }
            for s in Subscription.objects.filter(user=user)
        ],
        "donations": [
            {
                "campaign": d.campaign.name,
                "amount_pence": d.amount_pence,
                "currency": d.currency,
                "monthly": d.monthly,
                "date": d.created_at.isoformat(),
            }
            for d in Donation.objects.filter(user=user).select_related("campaign")
        ],
        "newsletters": [
            {
                "newsletter": signup.newsletter.name,
                "email": signup.email,
                "status": signup.status,
                "consent_at": signup.consent_at.isoformat(),
                "consent_where": signup.consent_source,
                "consent_how": signup.consent_method,
            }
            for signup in newsletter_signups(user).select_related("newsletter")
        ],
        "group_seats": seats_export(user),
        "gift_links": gifts_export(user),
        "articles_read_this_month": read,
    }


def newsletter_signups(user):
    """The reader's newsletter sign-ups: those of the account's verified address.

    An unverified address may be someone else's: its sign-ups, and the consent
    recorded with them, are neither shown nor deleted through this account.
    """
    from masthead.newsletters.models import Signup

    address = verified_address(user)
    return Signup.objects.filter(email__iexact=address) if address else Signup.objects.none()


def recurring_payments(*, user) -> dict[str, set[str]]:
    """The provider's ids of everything that may charge the reader again, by provider."""
    from masthead.appeals.models import Donation
    from masthead.subscriptions.models import Subscription

    held: dict[str, set[str]] = {}
    subscriptions = (
        Subscription.objects.filter(user=user)
        .exclude(status=Subscription.Status.CANCELED)
        .exclude(status=Subscription.Status.COMPLIMENTARY)  # given, never charged
        .exclude(provider_reference=None)
        .values_list("provider", "provider_reference")
    )
    donations = (
        Donation.objects.filter(user=user, monthly=True, recurring_ended_at=None)
        .exclude(recurring_reference="")
        .values_list("provider", "recurring_reference")
    )
    for provider, reference in [*subscriptions, *donations]:
        held.setdefault(provider, set()).add(reference)
    with_stripe = Subscription.objects.filter(user=user, provider="stripe").exists()
    with_stripe = with_stripe or donations.filter(provider="stripe").exists()
    if with_stripe:
        held.setdefault("stripe", set())  # Stripe is asked for any we have not heard of yet
    return held


def stop_recurring_payments(*, user) -> list[str]:
    """Cancel at each provider, now, whatever would charge the reader again.

    Raises ``ProviderRefused`` if a provider refuses or cannot be reached;
    what was stopped before that stays stopped, and is recorded as such.
    """
    from masthead.appeals.models import Donation
    from masthead.payments.providers import payment_provider_named
    from masthead.subscriptions.models import Subscription

    stopped: list[str] = []
    for name, references in sorted(recurring_payments(user=user).items()):
        done = payment_provider_named(name).stop_recurring(user_id=user.pk, references=references)
        # update() leaves auto_now alone: the day it ended is set here, for the revenue page.
        Subscription.objects.filter(user=user, provider=name, provider_reference__in=done).update(
            status=Subscription.Status.CANCELED,
            cancel_at_period_end=False,
            updated_at=timezone.now(),
        )
        Donation.objects.filter(
            user=user, provider=name, recurring_reference__in=done, recurring_ended_at=None
        ).update(recurring_ended_at=timezone.now())
        stopped.extend(done)
    return stopped


def forget_newsletter_address(user) -> None:
    """No more letters, and the editions' figures keep their counts without the address.

    A bounce or complaint on the suppression list stays: that address must
    never be mailed again, whoever signs it up.
    """
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    from masthead.newsletters.models import Delivery

    address = verified_address(user)
    newsletter_signups(user).delete()
    if not address:
        return  # the letters sent to an address never shown to be the reader's are not theirs
    Delivery.objects.filter(email__iexact=address).update(
        email=Concat(Value("deleted-"), Cast("pk", CharField()), Value("@invalid"))
    )


def reader_delete(*, user) -> list[str]:
    """Delete the account, after stopping at the providers every payment that would recur.

    Nothing is deleted if a provider refuses (``ProviderRefused``): a reader
    must never go on being charged for an account that no longer exists.
    Donations stay in the appeal's total and subscriptions in the revenue
    page's figures (ended, counted as cancelled), no longer linked to the reader.
    Returns the provider ids of what was stopped.
    """
    from masthead.appeals.models import Donation
    from masthead.subscriptions.services import subscriptions_anonymise

    stopped = stop_recurring_payments(user=user)
    email = user.email
    with transaction.atomic():
        # Each former reader stays one supporter in the totals, but nobody we can name.
        Donation.objects.filter(user=user).update(user=None, email=f"deleted-{user.pk}@invalid")
        subscriptions_anonymise(user=user)
        forget_newsletter_address(user)
        user.delete()
    if email:
        send_farewell(email=email, stopped=len(stopped))
    return stopped


def send_farewell(*, email: str, stopped: int) -> None:
    """The last letter: the account is gone, and nothing will be charged again."""
    from django.conf import settings

    from masthead.core.letters import send_letter

    try:
        send_letter(
            to=[email],
            subject=f"Your {settings.MASTHEAD_PUBLICATION_NAME} account is deleted",
            template="account/email/deleted",
            context={"stopped": stopped},
        )
    except OSError:
        pass  # the account is gone either way; a mail outage must not bring it back
