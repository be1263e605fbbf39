"""A letter for each new subscription, change and cancellation; the checkout states plan and price."""

import pytest

from masthead.payments.tests.stripe_standin import event, signed, subscription
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.changes import Change, Snapshot, subscription_change
from masthead.subscriptions.models import Plan, Subscription

BASE_URL = "http://127.0.0.1:8790"


def snap(status="active", plan=1, ending=False):
    return Snapshot(status=status, plan_id=plan, cancel_at_period_end=ending)


@pytest.mark.parametrize(
    ("case", "before", "after", "change"),
    [
        ("paid for the first time", None, snap(), Change.STARTED),
        ("a trial begins", None, snap("trialing"), Change.STARTED),
        ("checkout still incomplete", None, snap("incomplete"), None),
        ("incomplete, then paid", snap("incomplete"), snap(), Change.STARTED),
        ("the same confirmation again", snap(), snap(), None),
        ("another plan", snap(plan=1), snap(plan=2), Change.CHANGED),
        ("set to end with the period", snap(), snap(ending=True), Change.CANCELLED),
        ("the end taken back", snap(ending=True), snap(), Change.CHANGED),
        ("ended as announced", snap(ending=True), snap("canceled", ending=True), None),
        ("ended at once", snap(), snap("canceled"), Change.CANCELLED),
        ("a payment fails", snap(), snap("past_due"), None),
        ("a cancelled one confirmed again", snap("canceled"), snap("canceled"), None),
    ],
)
def test_which_change_a_reader_hears_of(case, before, after, change):
    assert subscription_change(before, after) is change, case


@pytest.fixture
def plan(db):
    return Plan.objects.create(
        name="Digital, monthly", price_pence=900, stripe_price_id="price_monthly"
    )


@pytest.mark.django_db
def test_the_demo_checkout_states_the_plan_and_price_then_confirms_by_letter(
    client, plan, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    reader = make_reader("new@example.com")
    client.login(email=reader.email, password=PASSWORD)
    checkout = client.post(f"/subscribe/{plan.pk}/checkout/")
    page = client.get(checkout["Location"])
    text = page.content.decode()
    assert "Digital, monthly" in text and "£9.00 monthly" in text

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(checkout["Location"], follow=True)
    assert 'role="status"' in confirmed.content.decode()
    assert "You are subscribed: Digital, monthly, £9.00 monthly." in confirmed.content.decode()
    (letter,) = mailoutbox
    assert letter.to == ["new@example.com"]
    assert letter.subject == "Welcome to The Daily Lantern: your subscription has started"
    assert "Digital, monthly" in letter.body and "£9.00 monthly" in letter.body
    html = letter.alternatives[0][0]
    assert "The Daily Lantern" in html and f"{BASE_URL}/account/" in html
    assert "127.0.0.1:8000" not in letter.body + html

    # Cancelling in the demo portal: a letter that says when it ends.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/payments/demo/portal/")
    cancelled = mailoutbox[-1]
    assert cancelled.subject == "The Daily Lantern: your subscription is cancelled"
    ends = Subscription.objects.get(user=reader).current_period_end
    assert f"Ends on:    {ends:%-d %B %Y} (you will not be charged again)" in cancelled.body
    # Asking again changes nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/payments/demo/portal/")
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_stripe_confirmations_send_one_letter_per_change_however_often_they_come(
    client, plan, stripe_api, mailoutbox, django_capture_on_commit_callbacks
):
    reader = make_reader("stripe@example.com")
    yearly = Plan.objects.create(
        name="Digital, yearly", price_pence=9000, interval="year", stripe_price_id="price_yearly"
    )
    states = [
        subscription("sub_1", status="active", user_id=reader.pk),
        subscription("sub_1", status="active", user_id=reader.pk),  # a retry
        subscription("sub_1", status="active", user_id=reader.pk, price="price_yearly"),
    ]
    for n, state in enumerate(states):
        stripe_api.clear()
        stripe_api.expect_request("/v1/subscriptions/sub_1").respond_with_json(state)
        payload, signature = signed(event(f"evt_{n}", "customer.subscription.updated", state))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/payments/stripe/webhook/",
                payload,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=signature,
            )
        assert response.status_code == 200
    assert [m.subject for m in mailoutbox] == [
        "Welcome to The Daily Lantern: your subscription has started",
        "The Daily Lantern: your subscription has changed",
    ]
    assert f"{yearly.price} yearly" in mailoutbox[1].body
