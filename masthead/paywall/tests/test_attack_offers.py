"""Attack probes for offers and trials: a reader past the limit tries to read on a trial not had.

Starting a trial's checkout and not confirming it, forging or editing the
demo checkout's signed token to claim a trial, and a trial that has ended
(Stripe cancels it): each gives the teaser only. The confirmed trial itself
reads in full, so that its absence is what is probed.
"""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import Client

from masthead.payments.providers.demo import TOKEN_SALT
from masthead.paywall.tests.test_attack_suite import (
    _probe_every_road,
    assert_teaser_only,
    demo,  # noqa: F401  (fixture)
    demo_targets,  # noqa: F401  (fixture)
    exhausted_account,
    metered,
)
from masthead.subscriptions.models import Plan, Subscription

pytestmark = pytest.mark.django_db


def reads_in_full(browser: Client, target) -> bool:
    return target.withheld[-1][:60] in browser.get(target.article.url).content.decode()


def test_a_trial_not_confirmed_forged_or_ended_gives_nothing(demo):  # noqa: F811
    targets = metered(demo)
    plan = Plan.objects.get(name="Digital, monthly")
    assert plan.trial_days == 14  # the demo's trial
    reader, browser = exhausted_account("trying@example.org")
    assert browser.get("/offers/welcome/").status_code == 200
    start = browser.post(f"/subscribe/{plan.pk}/checkout/")["Location"]
    assert "14 days free" in browser.get(start).content.decode()
    for target in targets[:4]:  # the checkout is open, not confirmed
        assert_teaser_only(browser.get(target.article.url), target, "an unconfirmed trial")
    genuine = start.rstrip("/").rsplit("/", 1)[1]
    checkout = signing.loads(genuine, salt=TOKEN_SALT)
    forged = [
        signing.dumps({**checkout, "trial_days": 365}, salt="another.salt"),
        signing.dumps({**checkout, "trial_days": 365}, salt=TOKEN_SALT, key="x" * 50),
        genuine.replace(genuine.split(":")[0], signing.b64_encode(b'{"trial_days":365}').decode()),
    ]
    for token in forged:
        assert browser.post(f"/payments/demo/checkout/{token}/").status_code == 400
    assert not Subscription.objects.filter(user=reader).exists()
    _probe_every_road(browser, targets[0])
    browser.post(start)  # confirmed: the trial reads in full
    assert Subscription.objects.get(user=reader).status == "trialing"
    assert reads_in_full(browser, targets[0])
    trial = Subscription.objects.get(user=reader)
    trial.status = "canceled"  # the trial ended unpaid, as Stripe's webhook would record it
    trial.save()
    for target in targets[1:5]:
        assert_teaser_only(browser.get(target.article.url), target, "an ended trial")
