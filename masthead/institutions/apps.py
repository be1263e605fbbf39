from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    """Institutional access: a library or a university reads by its network or its email domain."""

    name = "masthead.institutions"

    def ready(self) -> None:
        from masthead.institutions import registrations
        from masthead.institutions.signals import connect

        connect()
        registrations.register()
