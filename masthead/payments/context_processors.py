from django.conf import settings


def payments(request):
    """Whether pages that touch payments must say that no money moves."""
    return {"demo_payments": settings.MASTHEAD_PAYMENT_PROVIDER == "demo"}
