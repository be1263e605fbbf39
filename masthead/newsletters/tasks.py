"""Sending in the background, on django-tasks' database queue (``TASKS["newsletters"]``)."""

from __future__ import annotations

from django_tasks import task


@task(backend="newsletters", queue_name="newsletters")
def send_edition_task(edition_id: int) -> int:
    """Send an edition; safe to run again (what was sent is skipped). Returns the number sent."""
    from masthead.newsletters.models import Edition
    from masthead.newsletters.sending import edition_send

    return edition_send(Edition.objects.get(pk=edition_id)).sent


@task(backend="newsletters", queue_name="newsletters")
def send_todays_edition_task(slug: str) -> int:
    """What a morning schedule enqueues: today's edition of ``slug``, assembled and sent."""
    from masthead.newsletters.assembly import edition_assemble
    from masthead.newsletters.models import Newsletter
    from masthead.newsletters.sending import edition_send

    return edition_send(edition_assemble(Newsletter.objects.get(slug=slug))).sent
