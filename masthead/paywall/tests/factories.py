"""Readers for paywall tests: verified, unverified, subscribers and staff."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from masthead.subscriptions.models import Subscription

PASSWORD = "pw-for-tests"


def make_reader(email: str, *, verified: bool = True, staff: bool = False, subscription: str = ""):
    user = get_user_model().objects.create_user(email=email, password=PASSWORD, is_staff=staff)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    if subscription:
        Subscription.objects.create(
            user=user,
            status=subscription,
            plan_name="Digital",
            current_period_end=timezone.now() + timedelta(days=20),
        )
    return user
