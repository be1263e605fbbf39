"""Newsletters and readers on them, for the tests."""

from django.utils import timezone

from masthead.newsletters.models import Newsletter, Signup


def make_newsletter(slug: str = "morning", **fields) -> Newsletter:
    fields.setdefault("name", slug.title())
    return Newsletter.objects.create(slug=slug, **fields)


def confirmed(newsletter: Newsletter, email: str, user=None) -> Signup:
    now = timezone.now()
    return Signup.objects.create(
        newsletter=newsletter,
        email=email,
        user=user,
        status=Signup.Status.CONFIRMED,
        consent_at=now,
        consent_source="tests",
        consent_method="one click while logged in",
        confirmed_at=now,
    )
