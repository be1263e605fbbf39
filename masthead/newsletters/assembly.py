"""Today's edition of a newsletter, assembled from the front page's latest stories."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from masthead.news.selectors import articles_in_section, published_articles
from masthead.newsletters.models import Edition, EditionStory, Newsletter


def latest_stories(newsletter: Newsletter) -> list:
    """The newest published stories; a section letter's from its section only."""
    if newsletter.section_id:
        stories = articles_in_section(section=newsletter.section)
    else:
        stories = published_articles()
    return list(stories[: newsletter.stories])


@transaction.atomic
def edition_assemble(newsletter: Newsletter, *, on: date | None = None) -> Edition:
    """The day's edition: the one made already, or a new one of the latest stories."""
    on = on or timezone.localdate()
    edition = Edition.objects.select_for_update().filter(newsletter=newsletter, date=on).first()
    if edition is not None:
        return edition
    stories = latest_stories(newsletter)
    lead = stories[0].title if stories else "Today's stories"
    edition = Edition.objects.create(
        newsletter=newsletter, date=on, subject=f"{newsletter.name}: {lead}"
    )
    EditionStory.objects.bulk_create(
        [
            EditionStory(edition=edition, article=story, sort_order=i)
            for i, story in enumerate(stories)
        ]
    )
    return edition
