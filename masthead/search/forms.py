"""The reader's search form: free text plus section and date filters."""

import re

from django import forms

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+")


def search_terms(query: str) -> str:
    """The words of a query, without the quotes and operators that search engines parse.

    Readers type words; a stray quote or bracket must not reach SQLite's FTS5 or
    PostgreSQL's tsquery parser, where it is a syntax error.
    """
    return " ".join(_WORD.findall(query)[:MAX_TERMS])


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label="Search for")
    section = forms.ChoiceField(required=False, label="Section")
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "All sections")] + [
            (s.slug, s.title) for s in sections
        ]

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
