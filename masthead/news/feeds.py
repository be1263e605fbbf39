"""RSS 2.0 and Atom feeds for the whole paper and for each section.

Items carry the headline, the standfirst and the link: never the body.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed

from masthead.news.models import SectionPage
from masthead.news.selectors import articles_in_section, published_articles


class LatestArticlesFeed(Feed):
    description = "The newest stories"

    def title(self):
        return settings.MASTHEAD_PUBLICATION_NAME

    def link(self):
        return "/"

    def items(self):
        return published_articles()[: settings.MASTHEAD_FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"masthead-article-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at or item.published_at


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, section_slug):
        section = SectionPage.objects.live().public().filter(slug=section_slug).first()
        if section is None:
            raise Http404("No such section.")
        return section

    def title(self, section):
        return f"{section.title} | {settings.MASTHEAD_PUBLICATION_NAME}"

    def link(self, section):
        return section.url

    def description(self, section):
        return section.description or f"The newest stories in {section.title}"

    def items(self, section):
        return articles_in_section(section=section)[: settings.MASTHEAD_FEED_ITEMS]


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed

    def subtitle(self, section):
        return self.description(section)
