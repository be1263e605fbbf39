from django.apps import AppConfig


class GroupsConfig(AppConfig):
    """Group subscriptions: a plan sold by the seat, its buyer invites the members."""

    name = "masthead.groups"
    label = "reader_groups"  # "groups" would read as auth's Group in the admin and the database

    def ready(self) -> None:
        from masthead.groups import registrations
        from masthead.groups.services import group_close_for_leaving_buyer, group_open_for_seats
        from masthead.groups.signals import connect
        from masthead.subscriptions.services import (
            on_subscription_anonymised,
            on_subscription_recorded,
        )

        connect()
        registrations.register()
        on_subscription_recorded(group_open_for_seats)
        on_subscription_anonymised(group_close_for_leaving_buyer)
