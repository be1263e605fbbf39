"""RSS 2.0 and Atom feeds of the corrections: the correction's own words and the story's link."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from masthead.corrections.listing import public_corrections


class CorrectionsFeed(Feed):
    description = "Every correction to our stories, newest first"

    def title(self):
        return f"Corrections | {settings.MASTHEAD_PUBLICATION_NAME}"

    def link(self):
        return reverse("corrections")

    def items(self):
        return public_corrections()[: settings.MASTHEAD_FEED_ITEMS]

    def item_title(self, item):
        when = timezone.localtime(item.corrected_at).strftime("%-d %B %Y, %H:%M")
        return f"Correction, {when}: {item.article.title}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return f"{item.article.url}#correction-{item.pk}"

    def item_guid(self, item):
        return f"masthead-correction-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.corrected_at


class CorrectionsAtomFeed(CorrectionsFeed):
    feed_type = Atom1Feed
    subtitle = CorrectionsFeed.description
