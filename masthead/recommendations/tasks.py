"""Background work: keeping similar-story lists current (Django's tasks framework)."""

from django_tasks import task

from masthead.recommendations.services import update_for_article


@task()
def refresh_similar_task(article_id: int) -> None:
    update_for_article(article_id=article_id)
