from django.urls import path
from wagtail import hooks

from masthead.recommendations.views import similar_choice


@hooks.register("register_admin_urls")
def similar_choice_urls():
    return [path("similar/<int:page_id>/", similar_choice, name="similar_choice")]
