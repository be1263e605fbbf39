"""The donation form on /support/: an amount, how often, and where the receipt goes.

It works without JavaScript: a reader picks a suggested amount or types their
own in the box (a typed amount wins, so nobody has to un-pick a radio button
first). The form only starts a checkout; nothing is recorded until the payment
provider confirms the payment.
"""

from __future__ import annotations

from django import forms

from masthead.appeals.rules import pounds_to_pence

ONE_OFF, MONTHLY = "once", "monthly"


class DonationForm(forms.Form):
    amount = forms.TypedChoiceField(
        label="Choose an amount",
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the amounts shown, or type another."},
    )
    other_amount = forms.CharField(
        label="Or type another amount, in pounds",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 8}),
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=[(ONE_OFF, "One-off"), (MONTHLY, "Monthly")],
        initial=ONE_OFF,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We send your receipt here.",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(
        self, *args, suggested_pounds: list[int], user=None, chosen_pence: int | None = None,
        **kwargs,
    ):  # fmt: skip
        """``chosen_pence``: an amount the reader came with (the wall's offer suggests one)."""
        super().__init__(*args, **kwargs)
        self.fields["amount"].choices = [(pounds, f"£{pounds:,}") for pounds in suggested_pounds]
        if suggested_pounds and not self.is_bound:
            middle = suggested_pounds[min(1, len(suggested_pounds) - 1)]
            self.fields["amount"].initial = middle
        if chosen_pence and not self.is_bound:
            if chosen_pence % 100 == 0 and chosen_pence // 100 in suggested_pounds:
                self.fields["amount"].initial = chosen_pence // 100
            else:
                self.fields["other_amount"].initial = f"{chosen_pence / 100:.2f}"
        self.account_email = ""
        if getattr(user, "is_authenticated", False) and user.email:
            # Logged-in readers give as their account, so the donation shows on it.
            self.account_email = user.email
            email = self.fields["email"]
            email.initial = user.email
            email.required = False
            email.help_text = "Your receipt goes to your account's address."
            email.widget.attrs["readonly"] = True

    def clean_other_amount(self) -> int | None:
        text = self.cleaned_data.get("other_amount", "")
        if not text.strip():
            return None
        try:
            return pounds_to_pence(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_email(self) -> str:
        if self.account_email:
            return self.account_email
        return self.cleaned_data["email"]

    def clean(self):
        cleaned = super().clean()
        other = cleaned.get("other_amount")
        chosen = cleaned.get("amount")
        if other is not None:
            cleaned["amount_pence"] = other
        elif "other_amount" in self.errors:
            pass  # the box already says what is wrong
        elif chosen:
            cleaned["amount_pence"] = chosen * 100
        else:
            self.add_error("amount", "Choose an amount or type one in the box.")
        return cleaned

    @property
    def amount_pence(self) -> int:
        return self.cleaned_data["amount_pence"]

    @property
    def monthly(self) -> bool:
        return self.cleaned_data["frequency"] == MONTHLY
