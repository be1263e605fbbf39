from masthead.paywall.models import MeterSettings
from masthead.paywall.policy import MeterRules


def current_rules() -> MeterRules:
    """The publisher's rules as saved now (one small query; edits apply on the next request)."""
    saved = MeterSettings.objects.order_by("pk").first()
    return saved.as_rules() if saved else MeterRules()
