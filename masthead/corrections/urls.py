from django.urls import path

from masthead.corrections import feeds, views

urlpatterns = [
    path("corrections/", views.corrections_page, name="corrections"),
    path("corrections/feed/", feeds.CorrectionsFeed(), name="corrections-feed-rss"),
    path("corrections/feed/atom/", feeds.CorrectionsAtomFeed(), name="corrections-feed-atom"),
]
