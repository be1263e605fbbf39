"""The revenue page: the arithmetic as a table, and the page as the Business group sees it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import Plan, Subscription
from masthead.subscriptions.revenue import monthly_recurring_revenue, monthly_value_pence


@pytest.mark.parametrize(
    "price, interval, monthly", [(900, "month", 900), (9000, "year", 750), (0, "month", 0)]
)
def test_a_subscription_is_worth_its_monthly_share(price, interval, monthly):
    assert monthly_value_pence(price, interval) == monthly


def test_mrr_adds_the_monthly_shares():
    assert monthly_recurring_revenue([(900, "month"), (9000, "year"), (900, "month")]) == 2550


@pytest.mark.django_db
def test_the_business_group_sees_the_figures(client, paper):
    monthly = Plan.objects.create(name="Digital, monthly", price_pence=900, interval="month")
    yearly = Plan.objects.create(name="Digital, yearly", price_pence=9000, interval="year")
    for n, (plan, status) in enumerate(
        [
            (monthly, "active"),
            (monthly, "trialing"),
            (yearly, "active"),
            (monthly, "canceled"),
            (yearly, "unpaid"),
        ]
    ):
        user = make_reader(f"s{n}@example.com")
        Subscription.objects.create(
            user=user,
            plan=plan,
            plan_name=plan.name,
            status=status,
            current_period_end=timezone.now() + timedelta(days=10),
        )
    publisher = make_reader("publisher@example.org", staff=True)
    publisher.groups.add(Group.objects.get(name="Business"))
    client.login(email="publisher@example.org", password=PASSWORD)
    page = client.get("/admin/revenue/").content.decode()
    assert "Digital, monthly</td><td>2</td>" in page.replace("\n", "")
    assert "Digital, yearly</td><td>1</td>" in page.replace("\n", "")
    assert '<dd id="mrr">£25.50</dd>' in page  # 2 × £9 + £90 / 12
    assert '<dd id="new">5</dd>' in page and '<dd id="cancelled">1</dd>' in page


@pytest.mark.django_db
def test_readers_stopped_by_the_wall_and_those_who_then_subscribed(client, paper):
    from masthead.news.tests.factories import make_article

    reader = make_reader("stopped@example.com")
    client.login(email="stopped@example.com", password=PASSWORD)
    articles = [make_article(paper["sections"]["world"]) for _ in range(11)]
    for article in articles:
        client.get(article.url)  # the eleventh meets the subscription offer
    Subscription.objects.create(
        user=reader, status="active", current_period_end=timezone.now() + timedelta(days=30)
    )
    publisher = make_reader("publisher@example.org", staff=True)
    publisher.groups.add(Group.objects.get(name="Business"))
    client.login(email="publisher@example.org", password=PASSWORD)
    page = client.get("/admin/revenue/").content.decode()
    assert '<dd id="stopped">1</dd>' in page and '<dd id="converted">1</dd>' in page


@pytest.mark.django_db
def test_writers_cannot_see_the_revenue(client, paper):
    writer = make_reader("writer@example.org", staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client.login(email="writer@example.org", password=PASSWORD)
    assert client.get("/admin/revenue/").status_code in (302, 403)


@pytest.mark.django_db
def test_a_subscription_ended_by_deleting_the_account_counts_as_cancelled_without_the_reader(
    client, paper
):
    from django.contrib.auth import get_user_model

    plan = Plan.objects.create(name="Digital, monthly", price_pence=900, interval="month")
    leaver = make_reader("leaver@example.com")
    Subscription.objects.create(
        user=leaver,
        plan=plan,
        plan_name=plan.name,
        status="active",
        provider="demo",
        provider_reference="demo-leaver",
        provider_customer="demo-customer-leaver",
        current_period_end=timezone.now() + timedelta(days=20),
    )
    lapsed = make_reader("lapsed@example.com")
    Subscription.objects.create(user=lapsed, plan=plan, plan_name=plan.name, status="canceled")
    # Cancelled last month, and only now is the account deleted: not this month's cancellation.
    Subscription.objects.filter(user=lapsed).update(
        created_at=timezone.now() - timedelta(days=70),
        updated_at=timezone.now() - timedelta(days=40),
    )
    client.login(email="leaver@example.com", password=PASSWORD)
    assert (
        client.post("/account/delete/", {"confirm_email": "leaver@example.com"}).status_code == 200
    )
    client.force_login(lapsed)
    assert (
        client.post("/account/delete/", {"confirm_email": "lapsed@example.com"}).status_code == 200
    )

    publisher = make_reader("publisher@example.org", staff=True)
    publisher.groups.add(Group.objects.get(name="Business"))
    client.login(email="publisher@example.org", password=PASSWORD)
    page = client.get("/admin/revenue/").content.decode()
    assert '<dd id="cancelled">1</dd>' in page and '<dd id="mrr">£0</dd>' in page
    assert '<dd id="new">1</dd>' in page  # the leaver's subscription was still new this month
    # Kept for the figures, with nothing that names or finds the reader.
    assert not get_user_model().objects.filter(
        email__in=["leaver@example.com", "lapsed@example.com"]
    )
    kept = list(
        Subscription.objects.values_list(
            "user", "status", "provider_reference", "provider_customer", "plan_name"
        )
    )
    assert sorted(kept) == [(None, "canceled", None, "", "Digital, monthly")] * 2
