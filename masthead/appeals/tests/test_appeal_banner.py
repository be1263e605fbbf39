"""The appeal banner: the running appeal's progress, never on top of the paywall's offer."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from masthead.appeals.tests.factories import give, make_campaign
from masthead.paywall.policy import Outcome

pytestmark = pytest.mark.django_db

BANNER = Template("{% load appeal_tags %}{% appeal_banner %}")


def render(**context) -> str:
    context.setdefault("request", RequestFactory().get("/"))
    return re.sub(r"\s+", " ", BANNER.render(Context(context))).strip()


def test_the_banner_shows_the_running_appeal_its_progress_and_a_way_to_give():
    appeal = make_campaign(
        name="The Winter Appeal", summary="Keep the Lantern lit.", target_pence=50_000 * 100
    )
    give(appeal, 31_000 * 100, email="a@example.org")
    give(appeal, 20 * 100, email="b@example.org")
    html = render()
    assert '<section class="appeal" aria-labelledby="appeal-banner-heading">' in html
    assert '<h2 class="appeal__name" id="appeal-banner-heading">The Winter Appeal</h2>' in html
    assert "Keep the Lantern lit." in html
    assert "<strong>£31,020</strong> raised of £50,000 target from 2 supporters." in html
    assert '<label class="visually-hidden" for="appeal-banner-bar">' in html
    assert re.search(r'<progress [^>]*id="appeal-banner-bar" max="5000000" value="3102000"', html)
    assert '<a class="button" href="/support/">Support us</a>' in html


@pytest.mark.parametrize("outcome", [Outcome.TEASER_REGISTER, Outcome.TEASER_SUBSCRIBE])
def test_the_banner_never_stacks_on_the_paywall_offer(outcome):
    make_campaign()
    assert render(offer=outcome) == ""


def test_the_banner_shows_on_an_article_read_in_full():
    make_campaign(name="The Winter Appeal")
    assert "The Winter Appeal" in render(offer=None)


def test_no_banner_when_no_appeal_is_running():
    make_campaign(live=False)
    assert render() == ""


def test_the_banner_costs_two_queries(django_assert_num_queries):
    appeal = make_campaign()
    for number in range(30):
        give(appeal, 500, email=f"reader{number}@example.org")
    with django_assert_num_queries(2):
        render()


def test_past_the_target_the_banner_shows_the_true_total():
    appeal = make_campaign(target_pence=1_000 * 100)
    give(appeal, 1_500 * 100)
    html = render()
    assert "<strong>£1,500</strong> raised of £1,000 target" in html
    assert ">100%</progress>" in html
