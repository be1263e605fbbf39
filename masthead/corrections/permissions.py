"""Who may do what with corrections in the admin: add and view, never change or delete.

Not even a superuser may change or delete one: the record is append-only.
"""

from masthead.core.admin_permissions import RefusingPermissionPolicy


class AppendOnlyPermissionPolicy(RefusingPermissionPolicy):
    refused = frozenset({"change", "delete"})
