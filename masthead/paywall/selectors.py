from masthead.core.kept import kept_until_changed
from masthead.paywall.models import MeterSettings
from masthead.paywall.policy import MeterRules


@kept_until_changed("rules")
def current_rules() -> MeterRules:
    """The publisher's rules as saved now; edits apply on the next request.

    Read once per version of the ``rules`` tag, which every save bumps, so a
    request costs no query unless the rules changed.
    """
    saved = MeterSettings.objects.order_by("pk").first()
    return saved.as_rules() if saved else MeterRules()
