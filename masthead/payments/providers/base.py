"""The payment provider interface: small on purpose.

A provider starts a checkout (for a subscription or a donation) and returns
the URL to send the reader to, and gives a billing-portal URL. It never
records money itself: completed payments reach the services
(``subscription_activate``, ``donation_record``) from the provider's own
confirmation, which for Stripe is a signed webhook and for the demo provider
the demo checkout page. Both providers pass the same contract tests.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection
from dataclasses import dataclass


class ProviderRefused(Exception):
    """The provider refused, or could not be reached: what depended on it must not happen."""

    def __init__(self, provider: str, reason: str):
        super().__init__(f"{provider}: {reason}")
        self.provider = provider
        self.reason = reason


@dataclass(frozen=True)
class SubscriptionCheckout:
    user_id: int
    email: str
    plan_id: int
    success_url: str
    cancel_url: str
    quantity: int = 1  # seats, for a plan sold by the seat
    trial_days: int = 0  # free days before the first payment
    offer_id: int | None = None  # the offer (masthead.offers) that lowers the price


@dataclass(frozen=True)
class DonationCheckout:
    campaign_id: int
    amount_pence: int
    currency: str  # "gbp"
    monthly: bool
    email: str
    user_id: int | None
    success_url: str
    cancel_url: str


class PaymentProvider(ABC):
    name: str = ""
    moves_money: bool = True  # the demo provider says on every page it touches that no money moves

    @abstractmethod
    def start_subscription_checkout(self, checkout: SubscriptionCheckout) -> str:
        """Return the URL where the reader pays for the plan."""

    @abstractmethod
    def start_donation_checkout(self, checkout: DonationCheckout) -> str:
        """Return the URL where the reader pays the donation."""

    @abstractmethod
    def billing_portal_url(self, *, user_id: int, return_url: str) -> str:
        """Return the URL where a subscriber cancels or changes their subscription."""

    @abstractmethod
    def stop_recurring(self, *, user_id: int, references: Collection[str]) -> list[str]:
        """Cancel now every payment that would charge this reader again; return what was stopped.

        ``references`` are the provider's ids we hold for the reader's
        subscriptions and monthly donations; a provider also stops any others
        it can find for the reader. Raises :class:`ProviderRefused` when it
        cannot be sure they are all stopped.
        """
