"""/support/ and /support/thanks/: the appeal, its progress, and a donation form that starts a checkout."""

import re
from dataclasses import dataclass, field

import pytest

from masthead.appeals.models import Donation
from masthead.appeals.tests.factories import give, make_campaign
from masthead.payments.providers.base import DonationCheckout
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

CHECKOUT_URL = "https://pay.example/checkout/123"


@dataclass
class FakeProvider:
    moves_money: bool = True
    fails: bool = False
    checkouts: list = field(default_factory=list)
    name: str = "fake"

    def start_donation_checkout(self, checkout: DonationCheckout) -> str:
        if self.fails:
            raise ConnectionError("the provider is down")
        self.checkouts.append(checkout)
        return CHECKOUT_URL


@pytest.fixture
def provider(monkeypatch):
    fake = FakeProvider()
    monkeypatch.setattr("masthead.appeals.views.get_payment_provider", lambda: fake)
    return fake


@pytest.fixture
def appeal():
    campaign = make_campaign(
        name="The Winter Appeal",
        summary="Keep the Lantern lit through the winter.",
        story="We need your help.\n\nEvery pound goes into reporting.",
        target_pence=50_000 * 100,
        suggested_amounts="5,10,25,50",
    )
    give(campaign, 30_000 * 100, email="big@example.org")
    give(campaign, 1_000 * 100, email="small@example.org")
    return campaign


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_support_page_shows_the_appeal_its_story_and_its_progress(client, provider, appeal):
    response = client.get("/support/")
    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1") == 1
    assert "<h1>The Winter Appeal</h1>" in page
    assert "<p>We need your help.</p>" in page and "<p>Every pound goes into reporting.</p>" in page
    assert "<strong>£31,000</strong> raised of £50,000 target from 2 supporters" in page
    bar = re.search(r"<progress[^>]*>", page).group(0)
    assert 'max="5000000"' in bar and 'value="3100000"' in bar
    bar_id = re.search(r'id="([^"]+)"', bar).group(1)
    assert f'<label class="visually-hidden" for="{bar_id}">' in page


def test_the_form_offers_the_suggested_amounts_another_amount_how_often_and_an_email(
    client, provider, appeal
):
    page = text(client.get("/support/"))
    for pounds in (5, 10, 25, 50):
        match = re.search(
            rf'<input type="radio" name="amount" value="{pounds}"[^>]*id="([^"]+)"', page
        )
        assert match, pounds
        assert f'<label for="{match.group(1)}">£{pounds}</label>' in page
    assert re.search(r'<label[^>]* for="id_other_amount">', page)
    assert re.search(r'<input type="radio" name="frequency" value="monthly"', page)
    assert re.search(r'<label[^>]* for="id_email">Email address</label>', page)
    assert "Demo payments" not in page


def test_a_chosen_amount_starts_a_checkout_and_the_reader_is_sent_to_pay(client, provider, appeal):
    response = client.post(
        "/support/", {"amount": "25", "frequency": "once", "email": "reader@example.org"}
    )
    assert response.status_code == 302
    assert response["Location"] == CHECKOUT_URL
    assert provider.checkouts == [
        DonationCheckout(
            campaign_id=appeal.pk,
            amount_pence=2_500,
            currency="gbp",
            monthly=False,
            email="reader@example.org",
            user_id=None,
            success_url=f"http://testserver/support/thanks/?campaign={appeal.pk}",
            cancel_url="http://testserver/support/",
        )
    ]
    # Nothing is recorded until the provider confirms the payment.
    assert Donation.objects.count() == 2


def test_a_typed_amount_wins_over_a_chosen_one_and_monthly_is_monthly(client, provider, appeal):
    response = client.post(
        "/support/",
        {
            "amount": "10",
            "other_amount": "£12.50",
            "frequency": "monthly",
            "email": "r@example.org",
        },
    )
    assert response.status_code == 302
    (checkout,) = provider.checkouts
    assert (checkout.amount_pence, checkout.monthly) == (1_250, True)


def test_a_logged_in_reader_gives_as_their_account(client, provider, appeal):
    reader = make_reader("reader@example.org")
    client.login(email="reader@example.org", password=PASSWORD)
    page = text(client.get("/support/"))
    email_input = re.search(r'<input type="email" name="email"[^>]*>', page).group(0)
    assert 'value="reader@example.org"' in email_input and "readonly" in email_input
    response = client.post(
        "/support/", {"amount": "5", "frequency": "once", "email": "someone.else@example.org"}
    )
    assert response.status_code == 302
    (checkout,) = provider.checkouts
    assert (checkout.email, checkout.user_id) == ("reader@example.org", reader.pk)


BAD_INPUT = [
    # what the reader did                 posted                                             error shown                          on field
    (
        "typed nought",
        {"other_amount": "0"},
        "The smallest donation we can take is £1.",
        "other_amount",
    ),
    ("typed a negative amount", {"other_amount": "-5"}, "Type an amount above £0.", "other_amount"),
    (
        "typed letters",
        {"other_amount": "ten"},
        "Type the amount in pounds as a number",
        "other_amount",
    ),
    (
        "typed too much",
        {"other_amount": "250000"},
        "The most we can take online is £100,000.",
        "other_amount",
    ),
    ("chose nothing", {}, "Choose an amount or type one in the box.", "amount"),
    (
        "forged an amount",
        {"amount": "7"},
        "Choose one of the amounts shown, or type another.",
        "amount",
    ),
    ("left out the email", {"amount": "10", "email": ""}, "This field is required.", "email"),
    (
        "mistyped the email",
        {"amount": "10", "email": "reader@"},
        "Enter a valid email address.",
        "email",
    ),
]


@pytest.mark.parametrize(
    "case, posted, message, field_name", BAD_INPUT, ids=[row[0] for row in BAD_INPUT]
)
def test_bad_input_gets_the_form_back_with_a_clear_error_and_nothing_happens(
    client, provider, appeal, case, posted, message, field_name
):
    data = {"frequency": "once", "email": "reader@example.org", **posted}
    response = client.post("/support/", data)
    assert response.status_code == 200
    page = text(response)
    assert "Please check the form" in page
    error = re.search(rf'<p class="field__error" id="id_{field_name}_error">([^<]*)</p>', page)
    assert error and message in error.group(1)
    # The error is tied to its field for screen readers.
    if field_name == "amount":
        assert 'aria-describedby="id_amount_error"' in page
    else:
        field_input = re.search(rf'<input[^>]*name="{field_name}"[^>]*>', page).group(0)
        assert 'aria-invalid="true"' in field_input
        assert f"id_{field_name}_error" in field_input
    assert provider.checkouts == []
    assert Donation.objects.count() == 2


def test_the_readers_choices_survive_an_error(client, provider, appeal):
    page = text(client.post("/support/", {"amount": "50", "frequency": "monthly", "email": "bad"}))
    assert re.search(r'<input type="radio" name="amount" value="50"[^>]*checked', page)
    assert re.search(r'<input type="radio" name="frequency" value="monthly"[^>]*checked', page)


def test_a_provider_that_cannot_be_reached_is_a_message_not_a_500(client, provider, appeal):
    provider.fails = True
    response = client.post(
        "/support/", {"amount": "10", "frequency": "once", "email": "reader@example.org"}
    )
    assert response.status_code == 200
    assert "We could not reach the payment service just now, and nothing was taken." in text(
        response
    )


def test_with_the_demo_provider_the_page_says_no_money_moves(client, provider, appeal):
    provider.moves_money = False
    assert "Demo payments: no money moves." in text(client.get("/support/"))


def test_with_no_appeal_running_the_page_says_so(client, provider):
    make_campaign(live=False)
    response = client.get("/support/")
    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1") == 1
    assert "There is no appeal running just now." in page
    assert '<form class="donate"' not in page
    response = client.post("/support/", {"amount": "10", "email": "reader@example.org"})
    assert response.status_code == 200
    assert provider.checkouts == []


def test_other_methods_are_not_allowed(client, provider, appeal):
    assert client.put("/support/").status_code == 405
    assert client.post("/support/thanks/").status_code == 405


def test_the_thank_you_page_shows_the_appeals_progress(client, provider, appeal):
    response = client.get(f"/support/thanks/?campaign={appeal.pk}")
    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1") == 1
    assert "<h1>Thank you</h1>" in page
    assert "The Winter Appeal" in page
    assert "<strong>£31,000</strong> raised of £50,000 target from 2 supporters" in page
    assert '<meta name="robots" content="noindex">' in page


@pytest.mark.parametrize("campaign", ["abc", "-1", "99999999", "1e5", "²", "9" * 40, ""])
def test_the_thank_you_page_shrugs_off_an_odd_campaign_and_shows_the_running_appeal(
    client, provider, appeal, campaign
):
    response = client.get("/support/thanks/", {"campaign": campaign})
    assert response.status_code == 200
    assert "The Winter Appeal" in text(response)


def test_the_thank_you_page_does_not_show_an_appeal_that_is_not_live(client, provider):
    draft = make_campaign(name="Secret Spring Appeal", live=False)
    response = client.get(f"/support/thanks/?campaign={draft.pk}")
    assert response.status_code == 200
    assert "Secret Spring Appeal" not in text(response)
    assert "<h1>Thank you</h1>" in text(response)


def test_the_thank_you_page_says_no_money_moved_with_the_demo_provider(client, provider, appeal):
    provider.moves_money = False
    page = text(client.get(f"/support/thanks/?campaign={appeal.pk}"))
    assert "Demo payments: no money moves." in page
