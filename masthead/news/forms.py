"""The newsroom's page forms: what the admin fills in so a first save just works.

- The slug is on the Promote tab, which a writer rarely opens; left empty it
  comes from the headline (``slugs.slug_from_headline``), and so does one the
  editor filled in from the headline that another page in the section already
  holds (often a story started under the same headline, autosaved and left),
  so "Save draft" and autosave never fail on a field the writer cannot see.
- A new article starts with its writer in the byline, when the writer's
  account has an author profile (``Author.user``).
- Its body is checked when a draft is saved (autosave included) as it is at
  Submit and Publish: no text, or a paragraph left empty, is said beside the
  body at once. Wagtail defers required fields to Submit and Publish and
  checks a StreamField with its blocks' ``clean_deferred``; a FieldPanel's
  ``required_on_save`` does not reach into a StreamField's blocks.
"""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from masthead.news.slugs import made_from_headline, slug_from_headline


class NewsPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields[
                "slug"
            ].help_text = (
                "The last part of the page's address. Leave empty to make it from the headline."
            )

    def clean(self):
        title = self.cleaned_data.get("title")
        slug = self.cleaned_data.get("slug")
        if "slug" in self.fields and title and (not slug or made_from_headline(slug, title)):
            page = self.instance if self.instance.pk else None
            parent = self.parent_page if page is None else page.get_parent()
            if not slug or not Page._slug_is_available(slug, parent, page):
                self.cleaned_data["slug"] = slug_from_headline(title, parent, page)
                self.errors.pop("slug", None)
        return super().clean()


class ArticlePageForm(NewsPageForm):
    def __init__(self, *args, instance=None, for_user=None, **kwargs):
        if instance is not None and instance.pk is None and not args and not kwargs.get("data"):
            _default_byline(instance, for_user)
        super().__init__(*args, instance=instance, for_user=for_user, **kwargs)

    def defer_required_fields(self):
        """A draft's save leaves the other required fields to Submit and Publish, not the body."""
        super().defer_required_fields()
        if "body" in self.fields:
            # The body's BlockField reads this flag: unset, it cleans the text in full.
            self.fields["body"].is_deferred_validation = False


def _default_byline(article, user) -> None:
    """A new, unsaved article: its writer's author profile as the first author."""
    from masthead.news.models import ArticleAuthor, Author

    if user is None or not user.is_authenticated or article.article_authors.all():
        return
    author = Author.objects.filter(user=user).first()
    if author is not None:
        article.article_authors = [ArticleAuthor(author=author)]
