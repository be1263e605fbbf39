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
