import pytest

from masthead.payments.tests.stripe_standin import WEBHOOK_SECRET


@pytest.fixture
def stripe_api(httpserver, settings):
    """Masthead configured for Stripe, talking to a local stand-in for Stripe's API."""
    settings.MASTHEAD_PAYMENT_PROVIDER = "stripe"
    settings.MASTHEAD_STRIPE_SECRET_KEY = "sk_test_masthead"
    settings.MASTHEAD_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.MASTHEAD_STRIPE_API_BASE = httpserver.url_for("").rstrip("/")
    return httpserver
