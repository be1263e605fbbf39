from django.conf import settings


def publication(request):
    """The paper's name and tagline, for every template."""
    return {
        "publication_name": settings.MASTHEAD_PUBLICATION_NAME,
        "publication_tagline": settings.MASTHEAD_PUBLICATION_TAGLINE,
        # The paper's configured address: pages never echo the request's Host.
        "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
    }
