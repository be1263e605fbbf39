"""allauth's reader forms in the paper's words (``ACCOUNT_FORMS`` in the settings).

Only the words change: labels in sentence case that say what to type, and no
placeholder repeating the label inside the box (it vanishes as the reader types,
and reads as a value already filled in). allauth's fields, checks and flows stay
as they are; the look is the templates' (``allauth/elements/``).
"""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from django import forms


class InThePapersWords(forms.Form):
    """Relabel the named fields; take the placeholders out of them all."""

    labels: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]


class LoginForm(InThePapersWords, allauth_forms.LoginForm):
    labels = {"login": "Email address", "remember": "Keep me logged in on this device"}


class SignupForm(InThePapersWords, allauth_forms.SignupForm):
    labels = {"email": "Email address", "password2": "Confirm password"}


class AddEmailForm(InThePapersWords, allauth_forms.AddEmailForm):
    labels = {"email": "Email address"}


class ChangePasswordForm(InThePapersWords, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "Confirm new password",
    }


class SetPasswordForm(InThePapersWords, allauth_forms.SetPasswordForm):
    labels = {"password2": "Confirm password"}


class ResetPasswordForm(InThePapersWords, allauth_forms.ResetPasswordForm):
    labels = {"email": "Email address"}


class ResetPasswordKeyForm(InThePapersWords, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "Confirm new password"}


class RequestLoginCodeForm(InThePapersWords, allauth_forms.RequestLoginCodeForm):
    labels = {"email": "Email address"}


class ConfirmLoginCodeForm(InThePapersWords, allauth_forms.ConfirmLoginCodeForm):
    labels = {"code": "Log-in code"}


class ReauthenticateForm(InThePapersWords, allauth_forms.ReauthenticateForm):
    pass
