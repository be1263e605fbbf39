"""The demo's group: Bea's union branch pays for three seats, Mo reads through one."""

import pytest
from django.test import Client
from django.utils import timezone

from masthead.groups.seats import holds_seat
from masthead.news.demo.loader import DEMO_PASSWORD
from masthead.subscriptions.models import Plan

pytestmark = pytest.mark.django_db


def test_the_demo_sells_seats_and_has_a_working_group(demo_paper_once):
    from django.contrib.auth import get_user_model

    plan = Plan.objects.get(name="Newsroom and union branch")
    assert plan.sold_by_seat and plan.active
    member = get_user_model().objects.get(email="member@example.com")
    assert holds_seat(member.pk, now=timezone.now())

    branch = Client()
    assert branch.login(email="branch@example.com", password=DEMO_PASSWORD)
    page = branch.get("/account/").content.decode()
    assert "3 of 3 seats" in page and "colleague@example.com" in page
    mo = Client()
    assert mo.login(email="member@example.com", password=DEMO_PASSWORD)
    assert "Your access comes from" in mo.get("/account/").content.decode()
    subscribe = Client().get("/subscribe/").content.decode()
    assert "Newsroom and union branch" in subscribe and "a seat" in subscribe
