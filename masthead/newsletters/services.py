"""Sign-ups, confirmations and leaving: the changes to who receives a newsletter.

Every sign-up records its consent: when, where and how it was confirmed.
An address on the suppression list (bounced, complained, left everything)
is refused at sign-up by the list itself, and never mailed by the sender.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from masthead.newsletters.models import Audience, Newsletter, Signup, Suppression

DOUBLE_OPT_IN = "double opt-in link"
ONE_CLICK = "one click while logged in"
IMPORTED = "imported: consent recorded by the previous service"
ACCOUNT_PAGE = "account page"
# A sign-up waiting for its link is not mailed again sooner: the form cannot
# be used to fill someone's inbox with confirmation letters.
CONFIRMATION_RESEND_AFTER = timedelta(hours=1)


def normalise_email(email: str) -> str:
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if local else email.strip()


@transaction.atomic
def signup_request(
    *, newsletter: Newsletter, email: str, name: str = "", source: str
) -> Signup | None:
    """A sign-up waiting for its emailed link; None when nothing needs confirming.

    An address already confirmed is left as it is (and told nothing new), so
    the form cannot be used to learn who reads what. One still waiting for a
    link mailed within the hour is not mailed again.
    """
    email = normalise_email(email)
    signup, created = Signup.objects.get_or_create(
        newsletter=newsletter,
        email=email,
        defaults={"name": name, "consent_source": source, "status": Signup.Status.PENDING},
    )
    if signup.status == Signup.Status.CONFIRMED:
        return None
    recently_mailed = timezone.now() - CONFIRMATION_RESEND_AFTER < signup.consent_at
    if not created and signup.status == Signup.Status.PENDING and recently_mailed:
        return signup
    if not created:
        Signup.objects.filter(pk=signup.pk).update(
            status=Signup.Status.PENDING, consent_source=source, consent_at=timezone.now()
        )
        signup.refresh_from_db()
    from masthead.newsletters.letters import send_confirmation

    transaction.on_commit(lambda: send_confirmation(signup))
    return signup


@transaction.atomic
def signup_confirm(*, signup_id: int) -> Signup | None:
    """The reader clicked the emailed link: the sign-up is confirmed (again, harmlessly)."""
    signup = Signup.objects.select_for_update().filter(pk=signup_id).first()
    if signup is None:
        return None
    if signup.status == Signup.Status.PENDING:
        signup.status = Signup.Status.CONFIRMED
        signup.confirmed_at = timezone.now()
        signup.consent_method = DOUBLE_OPT_IN
        signup.save(update_fields=["status", "confirmed_at", "consent_method"])
    return signup


@transaction.atomic
def signup_one_click(*, newsletter: Newsletter, user, source: str) -> Signup:
    """A logged-in reader joins at once: the account's verified address is the proof."""
    now = timezone.now()
    email = normalise_email(user.email)
    signup, _ = Signup.objects.update_or_create(
        newsletter=newsletter,
        email=email,
        defaults={
            "user": user,
            "name": user.get_full_name(),
            "status": Signup.Status.CONFIRMED,
            "consent_at": now,
            "consent_source": source,
            "consent_method": ONE_CLICK,
            "confirmed_at": now,
            "unsubscribed_at": None,
        },
    )
    Suppression.objects.filter(email=email, reason=Suppression.Reason.UNSUBSCRIBED_ALL).delete()
    return signup


@transaction.atomic
def signup_leave(*, signup_id: int, edition_id: int | None = None) -> Signup | None:
    """Off this newsletter at once; the rest of the reader's letters are left alone."""
    signup = Signup.objects.select_for_update().filter(pk=signup_id).first()
    if signup is None:
        return None
    if signup.status in (Signup.Status.CONFIRMED, Signup.Status.PENDING):
        signup.status = Signup.Status.UNSUBSCRIBED
        signup.unsubscribed_at = timezone.now()
        signup.unsubscribed_from_id = edition_id or None
        signup.save(update_fields=["status", "unsubscribed_at", "unsubscribed_from"])
    return signup


@transaction.atomic
def suppress(*, email: str, reason: str, detail: str = "") -> None:
    """Never mail this address again (bounce, complaint), on any newsletter."""
    from masthead.newsletters.models import Delivery

    email = normalise_email(email)
    Suppression.objects.update_or_create(
        email=email, defaults={"reason": reason, "detail": detail[:300]}
    )
    status = {
        Suppression.Reason.BOUNCED: Signup.Status.BOUNCED,
        Suppression.Reason.COMPLAINED: Signup.Status.COMPLAINED,
    }.get(reason, Signup.Status.UNSUBSCRIBED)
    Signup.objects.filter(email__iexact=email).exclude(status=status).update(status=status)
    if reason == Suppression.Reason.BOUNCED:
        latest = Delivery.objects.filter(email__iexact=email, status=Delivery.Status.SENT)
        latest = latest.order_by("-sent_at").first()
        if latest:
            Delivery.objects.filter(pk=latest.pk).update(status=Delivery.Status.BOUNCED)


def is_suppressed(email: str) -> bool:
    return Suppression.objects.filter(email__iexact=normalise_email(email)).exists()


@transaction.atomic
def prompt_words_set(*, text: str, button: str) -> Newsletter | None:
    """The prompt at the end of stories takes these words and button (a test's winner).

    The prompted letter is the first active one open to everyone; None when there is none.
    """
    newsletter = (
        Newsletter.objects.select_for_update()
        .filter(active=True, audience=Audience.EVERYONE)
        .order_by("sort_order", "name")
        .first()
    )
    if newsletter is None:
        return None
    newsletter.prompt_text, newsletter.prompt_button = text, button[:60]
    newsletter.save(update_fields=["prompt_text", "prompt_button"])
    return newsletter
