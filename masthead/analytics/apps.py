from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "masthead.analytics"
    label = "analytics"
    verbose_name = "Reader analytics"

    def ready(self):
        from allauth.account.signals import user_signed_up
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save

        from masthead.analytics import conversions
        from masthead.analytics.counting import count_page
        from masthead.appeals.models import Donation
        from masthead.edge.extensions import page_sent
        from masthead.newsletters.models import Signup
        from masthead.subscriptions.models import Subscription

        page_sent.register(count_page)
        post_save.connect(
            conversions.subscription_created, sender=Subscription, dispatch_uid="analytics-sub"
        )
        post_save.connect(
            conversions.donation_created, sender=Donation, dispatch_uid="analytics-donation"
        )
        post_save.connect(
            conversions.signup_created, sender=Signup, dispatch_uid="analytics-signup"
        )
        user_signed_up.connect(conversions.signed_up, dispatch_uid="analytics-signed-up")
        user_logged_in.connect(conversions.logged_in, dispatch_uid="analytics-logged-in")

        # The demo paper's thirty days of reading, made when the demo is loaded.
        from masthead.analytics.demo import create_demo_history
        from masthead.news.extensions import demo_loaded

        demo_loaded.connect(create_demo_history, dispatch_uid="analytics-demo-history")

        # The story editor's "Readers" panel (the dashboard's own, for those who may see it).
        from masthead.analytics.story_panel import add_story_panel

        add_story_panel()
