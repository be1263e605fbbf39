"""``{% similar_stories page %}``: the "Similar stories" box under an article."""

from django import template

from masthead.recommendations.selectors import similar_articles_for

register = template.Library()


@register.inclusion_tag("recommendations/similar_stories.html")
def similar_stories(article):
    return {"articles": similar_articles_for(article)}
