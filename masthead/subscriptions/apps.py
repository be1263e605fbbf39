from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "masthead.subscriptions"
    label = "subscriptions"
    verbose_name = "Subscriptions"

    def ready(self):
        from masthead.subscriptions import registrations

        registrations.register()
