"""The newsroom's tools: pictures, slugs, the user bar, one workflow name, drafts, the scheduler."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import Task, Workflow
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from masthead.images.models import MastheadImage
from masthead.news.models import ArticlePage, SectionPage
from masthead.news.scheduling import publish_due
from masthead.news.tests.factories import AuthorFactory, make_article

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests"


def staff(email: str, group: str):
    user = get_user_model().objects.create_user(email=email, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def jpeg(name: str = "quay.jpg") -> SimpleUploadedFile:
    buffer = BytesIO()
    PILImage.new("RGB", (64, 48), (40, 80, 120)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


# Writers' pictures -------------------------------------------------------------------------


def upload_through_the_admin(client, title: str) -> MastheadImage:
    form = querydict_from_html(
        client.get("/admin/images/add/").content.decode(), form_id="w-editor-form"
    )
    form.update({"title": title, "alt_text": "Cranes over the quay at dusk"})
    data = form.dict()
    data["file"] = jpeg()
    response = client.post("/admin/images/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return MastheadImage.objects.get(title=title)


def test_a_writer_uploads_a_picture_and_edits_it_but_not_another_writers(client, db):
    writer, other = staff("w@example.com", "Writers"), staff("o@example.com", "Writers")
    logged_in(client, writer)
    assert 'href="/admin/images/"' in client.get("/admin/").content.decode()

    image = upload_through_the_admin(client, "Cranes at dusk")
    assert image.uploaded_by_user == writer

    edit = querydict_from_html(
        client.get(f"/admin/images/{image.pk}/").content.decode(), form_id="w-editor-form"
    )
    edit["alt_text"] = "Three cranes over the quay at dusk"
    assert client.post(f"/admin/images/{image.pk}/", edit).status_code == 302
    image.refresh_from_db()
    assert image.alt_text == "Three cranes over the quay at dusk"

    client.logout()
    logged_in(client, other)
    assert client.get(f"/admin/images/{image.pk}/").status_code in (302, 403)
    client.post(f"/admin/images/{image.pk}/", {**edit.dict(), "alt_text": "Vandalised"})
    image.refresh_from_db()
    assert image.alt_text == "Three cranes over the quay at dusk"


# The slug from the headline ----------------------------------------------------------------


FIRST_PARAGRAPH = "<p>Crews on the Vessa ferries walked off at dawn.</p>"


def form_errors(response) -> dict:
    form = response.context["form"]
    return {
        "form": form.errors,
        **{name: [f.errors for f in formset] for name, formset in form.formsets.items()},
    }


def new_article_form(client, section) -> tuple[str, dict]:
    url = f"/admin/pages/add/news/articlepage/{section.pk}/"
    return url, querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")


def save_draft(client, section, headline: str, **fields):
    url, form = new_article_form(client, section)
    form.update({"title": headline, "slug": "", "standfirst": "One sentence that sells it."})
    form.update(
        nested_form_data({"body": streamfield([("paragraph", rich_text(FIRST_PARAGRAPH))])})
    )
    for name, value in fields.items():
        form[name] = value
    response = client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    return ArticlePage.objects.get(title=headline)


def test_a_first_save_draft_takes_its_slug_from_the_headline(client, paper):
    writer = staff("w@example.com", "Writers")
    AuthorFactory(name="Wyn Writer", user=writer)
    logged_in(client, writer)
    britain = paper["sections"]["britain"]
    story = save_draft(client, britain, "Ferry crews join the dockers")
    assert story.slug == "ferry-crews-join-the-dockers"
    assert not story.live and story.has_unpublished_changes
    assert [author.name for author in story.authors] == ["Wyn Writer"]

    again = save_draft(client, britain, "Ferry crews join the dockers!")
    assert again.slug == "ferry-crews-join-the-dockers-2"
    accented = save_draft(client, britain, "Zürich café owners back the strike")
    assert accented.slug == "zurich-cafe-owners-back-the-strike"
    greek = save_draft(client, britain, "Απεργία στο λιμάνι")
    assert greek.slug == "απεργία-στο-λιμάνι"


def test_an_abandoned_story_does_not_block_the_next_one_with_its_headline(client, paper):
    """The browser fills the slug from the headline, and autosave keeps what was typed.

    A writer who starts a story, leaves it and starts it again under the same
    headline has an autosaved draft holding that slug; the new story takes the
    next free one rather than failing on a field in a tab the writer never opens.
    """
    writer = staff("w@example.com", "Writers")
    AuthorFactory(name="Wyn Writer", user=writer)  # the new story's byline
    logged_in(client, writer)
    britain = paper["sections"]["britain"]
    drafts = []
    for _ in range(2):  # the first is abandoned once autosave has kept it
        url, form = new_article_form(client, britain)
        form.update({"title": "Harbour master resigns", "slug": "harbour-master-resigns"})
        form.update(
            nested_form_data({"body": streamfield([("paragraph", rich_text(FIRST_PARAGRAPH))])})
        )
        autosave = client.post(url, form, headers={"Accept": "application/json"})
        assert autosave.status_code == 200, autosave.content
        drafts.append(ArticlePage.objects.get(pk=autosave.json()["pk"]))
    assert [d.slug for d in drafts] == ["harbour-master-resigns", "harbour-master-resigns-2"]
    assert not any(d.live for d in drafts)


def test_a_slug_the_writer_chose_is_not_changed_behind_their_back(client, paper):
    writer = staff("w@example.com", "Writers")
    AuthorFactory(name="Wyn Writer", user=writer)
    logged_in(client, writer)
    britain = paper["sections"]["britain"]
    taken = paper["articles"]["vote"].slug
    url, form = new_article_form(client, britain)
    form.update({"title": "Harbour master resigns", "slug": taken, "standfirst": "Why."})
    form.update(
        nested_form_data({"body": streamfield([("paragraph", rich_text(FIRST_PARAGRAPH))])})
    )
    response = client.post(url, form)
    assert response.status_code == 200
    assert "already in use" in str(form_errors(response)["form"]["slug"])


def test_the_editor_syncs_the_slug_with_the_headline_in_the_browser(client, paper):
    logged_in(client, staff("e@example.com", "Editors"))
    html = client.get(f"/admin/pages/add/news/articlepage/{paper['sections']['britain'].pk}/")
    assert 'data-w-sync-target-value="#id_slug"' in html.content.decode()


def test_a_section_saved_without_a_slug_takes_it_from_its_title(client, paper):
    admin = get_user_model().objects.create_superuser(email="a@example.com", password=PASSWORD)
    logged_in(client, admin)
    home = paper["sections"]["britain"].get_parent()
    url = f"/admin/pages/add/news/sectionpage/{home.pk}/"
    form = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    form.update({"title": "Science & Nature", "slug": ""})
    assert client.post(url, form).status_code == 302
    assert SectionPage.objects.get(title="Science & Nature").slug == "science-nature"


def test_a_page_cleaned_without_a_slug_gets_one_outside_the_admin(paper):
    britain = paper["sections"]["britain"]
    story = make_article(britain, "Pilots stand by the strike", publish=False)
    story.slug = ""
    story.full_clean()
    assert story.slug == "pilots-stand-by-the-strike"


# One name for the workflow -----------------------------------------------------------------


def test_the_workflow_and_its_task_carry_one_name(client, paper):
    assert list(Workflow.objects.values_list("name", flat=True)) == ["Editors' approval"]
    assert list(Task.objects.values_list("name", flat=True)) == ["Editors' approval"]
    logged_in(client, staff("w@example.com", "Writers"))
    article = paper["articles"]["vote"]
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Submit to Editors&#x27; approval" in html or "Submit to Editors' approval" in html
    assert "Moderators" not in html


# The scheduler -----------------------------------------------------------------------------


def schedule(story, go_live_at, *, embargo_until=None):
    story.go_live_at, story.embargo_until = go_live_at, embargo_until
    story.save_revision().publish()
    return ArticlePage.objects.get(pk=story.pk)


def time_passes(story, *, to):
    """What the clock would do: the scheduled revision's time is now ``to``."""
    for revision in story.revisions.filter(approved_go_live_at__isnull=False):
        revision.approved_go_live_at = to
        revision.content["go_live_at"] = to.isoformat()
        revision.save()


def test_one_tick_publishes_what_is_due_and_holds_what_is_embargoed(paper):
    world = paper["sections"]["world"]
    now = timezone.now().replace(microsecond=0)
    due = schedule(
        make_article(world, "Harbour talks resume", publish=False), now + timedelta(hours=1)
    )
    held = schedule(
        make_article(world, "Minister to name the new harbourmaster", publish=False),
        now + timedelta(hours=1),
        embargo_until=now + timedelta(hours=3),
    )
    assert not due.live and not held.live
    assert held.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == (
        now + timedelta(hours=3)
    )

    for story in (due, held):
        time_passes(story, to=timezone.now() - timedelta(seconds=1))
    assert publish_due() == ["Harbour talks resume"]

    assert ArticlePage.objects.get(pk=due.pk).live
    held = ArticlePage.objects.get(pk=held.pk)
    assert not held.live
    assert held.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == (
        now + timedelta(hours=3)
    )


def test_the_scheduler_command_runs_a_tick_and_stops(paper, capsys):
    from django.core.management import call_command

    world = paper["sections"]["world"]
    story = schedule(
        make_article(world, "Ferry timetable restored", publish=False),
        timezone.now() + timedelta(hours=1),
    )
    time_passes(story, to=timezone.now() - timedelta(seconds=1))
    call_command("scheduler", "--once")
    assert "Published on schedule: Ferry timetable restored" in capsys.readouterr().out
    assert ArticlePage.objects.get(pk=story.pk).live


# The user bar ------------------------------------------------------------------------------

USERBAR = "wagtail-userbar-template"


@pytest.mark.parametrize("page_name", ["front", "section", "article"])
def test_the_user_bar_is_for_the_newsroom_and_never_kept_for_readers(client, paper, page_name):
    from django.test import Client

    article = paper["articles"]["vote"]
    url = {"front": "/", "section": article.get_parent().url, "article": article.url}[page_name]
    reader = Client()
    assert USERBAR not in reader.get(url).content.decode()  # a reader's copy is kept first

    logged_in(client, staff("e@example.com", "Editors"))
    staff_page = client.get(url)
    html = staff_page.content.decode()
    assert (
        USERBAR in html and f"/admin/pages/{article.pk if page_name == 'article' else ''}" in html
    )
    assert "no-store" in staff_page["Cache-Control"]

    for _ in range(2):  # after the newsroom's visit, fresh and kept copies alike
        for someone in (reader, Client()):
            assert USERBAR not in someone.get(url).content.decode()


def test_the_delivery_decision_never_keeps_a_staff_page():
    from masthead.edge.delivery import NEVER_KEPT, PageFacts, PageKind, ReaderView, deliver
    from masthead.paywall.policy import Outcome, ReaderKind

    assert ReaderKind.STAFF in NEVER_KEPT
    for kind in PageKind:
        for logged_in_ in (True, False):
            outcome = Outcome.FULL if kind is PageKind.ARTICLE else None
            view = ReaderView(kind=ReaderKind.STAFF, logged_in=logged_in_, outcome=outcome)
            assert deliver(PageFacts(kind=kind), view).variant is None


def test_the_scheduler_stops_cleanly_on_sigterm_between_ticks(db, capsys):
    import os
    import signal
    import threading
    import time

    from django.core.management import call_command

    threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM)).start()
    started = time.monotonic()
    call_command("scheduler", "--interval", "60")
    assert time.monotonic() - started < 10
    assert capsys.readouterr().out.endswith("Scheduler: stopped.\n")
