from django.db import models


class StripeEvent(models.Model):
    """A webhook event we have acted on; its id makes a replay a no-op."""

    event_id = models.CharField(max_length=120, unique=True)
    type = models.CharField(max_length=120)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
