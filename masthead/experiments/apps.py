from django.apps import AppConfig


class ExperimentsConfig(AppConfig):
    name = "masthead.experiments"
    label = "experiments"
    verbose_name = "Tests of the asks"

    def ready(self):
        from django.db.models.signals import post_save

        from masthead.analytics.models import Conversion
        from masthead.appeals.extensions import banner_copy, banner_varies
        from masthead.core.versions import bump_on_change
        from masthead.experiments import asking
        from masthead.experiments.conversions import conversion_made
        from masthead.experiments.models import Experiment, Variant
        from masthead.experiments.prompting import newsletter_copy, newsletter_tested
        from masthead.newsletters.extensions import prompt_copy, prompt_varies

        banner_copy.register(asking.appeal_copy)
        banner_varies.register(asking.appeal_tested)
        from masthead.experiments import offer
        from masthead.paywall.extensions import offer_copies, offer_varies

        offer_copies.register(offer.offer_copy)  # the wall's offer: each reader's variant
        offer_varies.register(offer.offer_tested)
        prompt_copy.register(newsletter_copy)
        prompt_varies.register(newsletter_tested)
        bump_on_change(Experiment, (asking.TAG,), uid="experiments")
        bump_on_change(Variant, (asking.TAG,), uid="experiment-variants")
        post_save.connect(conversion_made, sender=Conversion, dispatch_uid="experiments-conversion")

        # The demo paper's test of two appeal banners, a fortnight in.
        from masthead.experiments.demo import create_demo_test
        from masthead.news.extensions import demo_loaded

        demo_loaded.connect(create_demo_test, dispatch_uid="experiments-demo-test")
