"""Who may do what with corrections in the admin: add and view, never change or delete.

Not even a superuser may change or delete one: the record is append-only.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

NEVER = frozenset({"change", "delete"})


class AppendOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action not in NEVER and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [a for a in actions if a not in NEVER]
        if not allowed:  # Wagtail's would still name the superusers
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)
