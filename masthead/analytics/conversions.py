"""The conversions, heard from the features that make them: nothing there names analytics.

A subscription or donation row created, an account signed up (allauth's
signal), a newsletter sign-up made: each is recorded once, with its revenue
in the paper's currency. A reader logging in carries their browser's reading
today over to their account, so a payment the provider confirms later (with
no request of the reader's) is still credited.
"""

from __future__ import annotations

from masthead.analytics.attribution import carry_to_account, record_conversion

SUBSCRIPTION_PAYING = frozenset({"active", "past_due"})


def subscription_created(sender, instance, created, **kwargs) -> None:
    if not created or instance.user_id is None:
        return
    revenue = 0
    if instance.status in SUBSCRIPTION_PAYING and instance.plan_id is not None:
        revenue = instance.plan.price_pence * max(1, instance.quantity or 1)
    record_conversion(
        kind="subscription",
        reference=f"subscription:{instance.pk}",
        user_id=instance.user_id,
        revenue_pence=revenue,
    )


def donation_created(sender, instance, created, **kwargs) -> None:
    if not created:
        return
    record_conversion(  # appeals take the paper's currency only (``appeals.rules``)
        kind="donation",
        reference=f"donation:{instance.pk}",
        user_id=instance.user_id,
        revenue_pence=instance.amount_pence,
        at=instance.created_at,
    )


def signup_created(sender, instance, created, **kwargs) -> None:
    if created:
        record_conversion(
            kind="signup", reference=f"signup:{instance.pk}", user_id=instance.user_id
        )


def signed_up(sender, request, user, **kwargs) -> None:
    # Kept with the account: the 7-day funnel finds the subscription that follows by it.
    record_conversion(
        kind="registration", reference=f"registration:{user.pk}", user_id=user.pk, request=request
    )
    if request is not None:
        carry_to_account(user.pk, request)


def logged_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        carry_to_account(user.pk, request)
