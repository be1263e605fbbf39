"""``masthead import wordpress`` on a real WordPress export: every published post, every old link."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from masthead.importing.records import Status
from masthead.importing.wordpress import read_export
from masthead.news.models import ArticlePage

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
GHOST = Path(__file__).parent / "fixtures" / "ghost"


def run_import(*args) -> str:
    out = io.StringIO()
    call_command("import", "wordpress", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_every_published_post_arrives_and_every_old_link_leads_to_it(client):
    export = read_export(FIXTURES / "export.xml")
    published = [s for s in export.stories if s.status == Status.LIVE]
    assert published

    output = run_import(str(FIXTURES / "export.xml"), "--media-dir", str(FIXTURES / "uploads"))

    assert f"stories   {len(export.stories)} created" in output
    assert ArticlePage.objects.live().count() == len(published)
    for story in published:
        for old in story.old_paths:
            response = client.get(old)
            assert response.status_code == 301, old
            assert client.get(response["Location"]).status_code == 200, old

    again = run_import(str(FIXTURES / "export.xml"), "--media-dir", str(FIXTURES / "uploads"))
    assert f"stories   0 created, 0 updated, {len(export.stories)} unchanged" in again
    assert "redirects 0 added, 0 updated" in again


@pytest.mark.django_db
def test_a_dry_run_prints_what_would_change_and_changes_nothing():
    output = run_import(str(FIXTURES / "export.xml"), "--dry-run")

    assert "would be created" in output
    assert "created 10 “Swing bridge to stay shut until spring”" in output
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["truncated.xml", "not-wordpress.xml", "bad-encoding.xml"])
def test_an_unreadable_export_is_refused_and_nothing_changes(name):
    with pytest.raises(CommandError, match="Nothing was changed"):
        run_import(str(FIXTURES / name))
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_a_ghost_export_brings_its_posts_and_members():
    out = io.StringIO()
    call_command("import", "ghost", str(GHOST / "edge-cases.json"), stdout=out)

    output = out.getvalue()
    assert "stories   1 created" in output
    assert "Members:" in output and "created: 1 free" in output
    assert "unknown member status" in output  # a member left out is named, with the reason
