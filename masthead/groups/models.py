"""A group subscription and its seats.

A group belongs to one subscription to a plan sold by the seat; the
subscription's ``quantity`` is the number of seats paid for, and its buyer
(the subscription's reader) manages the group. A seat is an invitation to
an address until a reader whose verified address it is accepts it; removing
a seat stamps it removed rather than deleting it, so the group keeps a record
of who had access when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from wagtail.admin.panels import FieldPanel

from masthead.subscriptions.models import Subscription


class Group(models.Model):
    subscription = models.OneToOneField(
        Subscription, on_delete=models.CASCADE, related_name="reader_group"
    )
    name = models.CharField(
        max_length=120, help_text="Shown to members: a newsroom, a union branch, a class."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    panels = [FieldPanel("name")]

    def buyer(self) -> str:
        return str(self.subscription.user)

    buyer.short_description = "Buyer"

    def seats_paid(self) -> int:
        return self.subscription.quantity

    seats_paid.short_description = "Seats paid for"

    def seats_taken(self) -> int:
        from masthead.groups.seats import taken

        return taken(self.pk).seats

    seats_taken.short_description = "Seats taken"

    def status(self) -> str:
        return self.subscription.get_status_display()

    status.short_description = "Subscription"


class Seat(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="seats")
    email = models.EmailField(help_text="The address invited, in lower case.")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="group_seats",
    )
    invited_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "group",
                condition=Q(removed_at__isnull=True),
                name="one_live_seat_per_address",
            ),
            models.UniqueConstraint(
                "member",
                "group",
                condition=Q(removed_at__isnull=True, member__isnull=False),
                name="one_live_seat_per_member",
            ),
        ]
        indexes = [models.Index(fields=["member", "removed_at"], name="seat_by_member")]

    def __str__(self) -> str:
        return f"{self.email} in {self.group}"

    @property
    def accepted(self) -> bool:
        return self.accepted_at is not None
