"""Corrections stay on the record: editors add them, nobody edits or deletes one."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.corrections.models import AppendOnlyError, Correction

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_corrections_correction:add")


def add_through_admin(client, article, wrong, right, supersedes=None):
    when = timezone.localtime(timezone.now() - timedelta(minutes=1))
    return client.post(
        ADD,
        {
            "article": article.pk,
            "wrong": wrong,
            "right": right,
            "corrected_at": when.strftime("%Y-%m-%d %H:%M"),
            "supersedes": supersedes.pk if supersedes else "",
        },
    )


def correct(article, wrong="It said Tuesday.", right="It was Wednesday.", **kwargs):
    return Correction.objects.create(article=article, wrong=wrong, right=right, **kwargs)


def test_an_editor_adds_a_correction_in_the_admin(paper, editor):
    article = paper["articles"]["vote"]
    form = editor.get(f"{ADD}?article={article.pk}")
    assert form.status_code == 200
    response = add_through_admin(editor, article, "It said 400 dockers.", "It is 1,400.")
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = Correction.objects.get()
    assert (correction.article, correction.added_by) == (article, editor.user)
    assert correction.text == "It said 400 dockers. It is 1,400."


def test_the_story_offers_add_a_correction_to_editors(paper, editor):
    article = paper["articles"]["vote"]
    page = editor.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Add a correction" in page
    assert f"{ADD}?article={article.pk}" in page


def test_writers_may_not_add_corrections(paper, writer):
    article = paper["articles"]["vote"]
    assert writer.get(ADD).status_code in (302, 403)
    add_through_admin(writer, article, "It said 400 dockers.", "It is 1,400.")
    assert not Correction.objects.exists()
    assert "Add a correction" not in writer.get(f"/admin/pages/{article.pk}/edit/").content.decode()


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_nobody_edits_or_deletes_a_correction_through_the_admin(paper, editor, who, admin_client):
    client = editor if who == "editor" else admin_client
    correction = correct(paper["articles"]["vote"])
    before = Correction.objects.values().get()
    urls = {
        "edit": reverse("wagtailsnippets_corrections_correction:edit", args=[correction.pk]),
        "delete": reverse("wagtailsnippets_corrections_correction:delete", args=[correction.pk]),
        "bulk delete": f"/admin/bulk/corrections/correction/delete/?id={correction.pk}",
    }
    for what, url in urls.items():
        assert client.get(url).status_code == 403, what
        posted = client.post(url, {"wrong": "Nothing was wrong.", "right": "", "id": correction.pk})
        assert posted.status_code == 403, what
    assert Correction.objects.values().get() == before
    listing = client.get(reverse("wagtailsnippets_corrections_correction:list")).content.decode()
    assert urls["edit"] not in listing and urls["delete"] not in listing
    inspect = reverse("wagtailsnippets_corrections_correction:inspect", args=[correction.pk])
    assert client.get(inspect).status_code == 200


def test_code_cannot_change_or_delete_a_correction_either(paper):
    correction = correct(paper["articles"]["vote"])
    correction.right = "Something else."
    with pytest.raises(AppendOnlyError):
        correction.save()
    with pytest.raises(AppendOnlyError):
        correction.delete()
    with pytest.raises(AppendOnlyError):
        Correction.objects.filter(pk=correction.pk).update(right="Something else.")
    with pytest.raises(AppendOnlyError):
        Correction.objects.all().delete()
    with pytest.raises(AppendOnlyError):  # a forged row with the same key is not an update
        Correction(pk=correction.pk, article=correction.article, wrong="x", right="y").save()
    assert Correction.objects.get().right == "It was Wednesday."


def test_a_superseding_correction_keeps_both_on_the_story(paper, editor, client):
    article = paper["articles"]["vote"]
    first = correct(
        article,
        "An earlier version said 400 dockers voted.",
        "It was 4,000.",
        corrected_at=timezone.now() - timedelta(hours=2),
    )
    response = add_through_admin(
        editor, article, "Our earlier correction said 4,000.", "It was 1,400.", supersedes=first
    )
    assert response.status_code == 302
    page = client.get(article.url).content.decode()
    assert "An earlier version said 400 dockers voted." in page
    assert "Our earlier correction said 4,000." in page
    assert f'href="#correction-{first.pk}"' in page  # the later one points at the one it replaces


def test_a_correction_supersedes_only_one_of_the_same_story(paper, editor):
    other = correct(paper["articles"]["deal"])
    add_through_admin(editor, paper["articles"]["vote"], "Wrong.", "Right.", supersedes=other)
    assert Correction.objects.count() == 1


def test_a_story_taken_down_takes_its_corrections_with_it(paper):
    article = paper["articles"]["vote"]
    first = correct(article)
    correct(article, "Our correction said Wednesday.", "It was Thursday.", supersedes=first)
    kept = correct(paper["articles"]["deal"])
    article.delete()
    assert list(Correction.objects.all()) == [kept]
