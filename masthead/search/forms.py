"""The reader's search form: free text plus section and date filters."""

import re

from django import forms

MAX_QUERY_LENGTH = 200
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label="Search for")
    section = forms.ChoiceField(required=False, label="Section")
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "All sections")] + [(s.slug, s.title) for s in sections]

    def clean_q(self) -> str:
        """Control characters go, whitespace collapses, and long queries are cut, never refused."""
        query = _CONTROL_CHARS.sub(" ", self.cleaned_data.get("q") or "")
        return " ".join(query.split())[:MAX_QUERY_LENGTH]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date is before the start date.")
        return cleaned
