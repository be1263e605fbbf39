"""A breaking-news banner, and the record of every story unlocked for the public interest.

A banner shows on every page while it is switched on and not expired; only
the newest such banner shows (``rules.showing_banner``). Its editor may unlock
the story it links to for every reader while it shows: each unlock is a row
of its own, with who, why and until when. Rows are never edited afterwards
except to record, once, the moment an unlock was ended early; the admin
lists them and offers no way to change them. An unlock's end is recorded
when its banner is switched off, deleted or taken over by a newer banner,
and when its time has run out (``unlocks.end_finished_unlocks``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from masthead.breaking.rules import BannerState, UnlockState


class BreakingBanner(models.Model):
    text = models.CharField(max_length=160, help_text="One sentence: what has just happened.")
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="link to a story",
        help_text="The story or live blog the banner leads to.",
    )
    link_url = models.URLField(
        "or link to an address", blank=True, help_text="Only if the link is not one of our pages."
    )
    live = models.BooleanField(
        "switched on", default=True, help_text="Untick to take the banner down at once."
    )
    expires_at = models.DateTimeField(
        "expires at", null=True, blank=True, help_text="Optional: the banner goes by itself then."
    )
    unlock_story = models.BooleanField(
        "unlock the linked story for every reader",
        default=False,
        help_text="A public-interest unlock: every reader gets the whole story while the "
        "banner shows, and no read is counted against anyone's allowance.",
    )
    unlock_reason = models.CharField("why the story is unlocked", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("text"),
        FieldPanel("link_page"),
        FieldPanel("link_url"),
        FieldPanel("live"),
        FieldPanel("expires_at"),
        MultiFieldPanel(
            [FieldPanel("unlock_story"), FieldPanel("unlock_reason")],
            heading="Public-interest unlock",
        ),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "breaking-news banner"

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        errors = {}
        if not self.link_page_id and not self.link_url:
            errors["link_page"] = "Choose the story the banner leads to, or give an address."
        if self.link_page_id and self.link_url:
            errors["link_url"] = "Either a story or an address, not both."
        if self.unlock_story:
            from masthead.news.models import ArticlePage

            if not ArticlePage.objects.filter(pk=self.link_page_id).exists():
                errors["unlock_story"] = "Only a story linked above can be unlocked."
            if not self.unlock_reason.strip():
                errors["unlock_reason"] = "Say why the story is unlocked: it goes on the record."
        if errors:
            raise ValidationError(errors)

    @property
    def href(self) -> str:
        if self.link_page_id:
            page = self.link_page
            return page.url if page is not None and page.live else ""
        return self.link_url

    def state(self) -> BannerState:
        return BannerState(
            pk=self.pk, created_at=self.created_at, live=self.live, expires_at=self.expires_at
        )


class PublicInterestUnlock(models.Model):
    banner = models.ForeignKey(
        BreakingBanner, null=True, on_delete=models.SET_NULL, related_name="unlocks"
    )
    article = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    story_title = models.CharField(max_length=255)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlocked_by_name = models.CharField("unlocked by", max_length=255)
    reason = models.CharField(max_length=300)
    starts_at = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField(
        null=True, blank=True, help_text="Empty: until the banner is switched off."
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = "public-interest unlock"

    def __str__(self) -> str:
        return f"{self.story_title} ({self.unlocked_by_name})"

    @property
    def ends_at(self):
        """When the unlock ended, or None while it runs: recorded, or its time run out."""
        if self.ended_at is not None:
            return self.ended_at
        if self.until is not None and self.until <= timezone.now():
            return self.until
        return None

    def state(self) -> UnlockState:
        return UnlockState(
            article_id=self.article_id,
            banner_id=self.banner_id,
            starts_at=self.starts_at,
            until=self.until,
            ended_at=self.ended_at,
        )
