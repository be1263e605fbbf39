from django.apps import AppConfig


class PaywallConfig(AppConfig):
    name = "masthead.paywall"
    label = "paywall"
    verbose_name = "Metered access"

    def ready(self):
        from masthead.paywall import registrations

        registrations.register()
