from django import forms

from masthead.newsletters.models import Newsletter


class SignupForm(forms.Form):
    email = forms.EmailField(label="Your email address", max_length=254)
    newsletters = forms.ModelMultipleChoiceField(
        queryset=Newsletter.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Newsletters",
        error_messages={"required": "Choose at least one newsletter."},
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["newsletters"].queryset = choices


class PromptSignupForm(forms.Form):
    """The prompt at the end of stories: one letter, one address."""

    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "That is not an email address we can send to: "
            "enter it in full, like name@example.com.",
        },
    )
