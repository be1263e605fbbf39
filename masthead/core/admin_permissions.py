"""A model's admin permissions as Wagtail's, less actions nobody may take, superusers included."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy


class RefusingPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's model permissions, except that the actions in ``refused`` are never allowed."""

    refused: frozenset[str] = frozenset()

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [a for a in actions if a not in self.refused]
        if not allowed:  # Wagtail's would still name the superusers
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)
