"""An editor pins and blocks similar stories in the article editor; readers see it unpublished."""

import pytest
from playwright.sync_api import expect

from masthead.core.tests.browser_editor import editor_on_edit_page
from masthead.core.tests.live_site import fetch

pytestmark = pytest.mark.browser


def similar_headlines(url: str) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(fetch(url)[0], "html.parser")
    return [a.text.strip() for a in soup.select(".similar-stories .card__headline a")]


def test_an_editor_pins_and_blocks_similar_stories_and_readers_see_it_at_once(browser, live_site):
    site = live_site
    # A demo story with three similar stories or more, none pinned or blocked yet.
    found = site.masthead(
        "shell",
        "-c",
        "from masthead.recommendations.models import SimilarChoice, SimilarList\n"
        "from masthead.news.models import ArticlePage\n"
        "chosen = set(SimilarChoice.objects.values_list('article_id', flat=True))\n"
        "for row in SimilarList.objects.order_by('article_id'):\n"
        "    if len(row.similar_ids) >= 3 and row.article_id not in chosen:\n"
        "        page = ArticlePage.objects.live().filter(pk=row.article_id).first()\n"
        "        if page is not None and page.kind == 'news':\n"
        "            print('FOUND', page.pk, page.url_path)\n"
        "            other = ArticlePage.objects.live().exclude(pk__in=[page.pk, *row.similar_ids])\n"
        "            print('OTHER', other.order_by('-first_published_at').first().title)\n"
        "            break\n",
    )
    page_id, url_path = found.split("FOUND", 1)[1].split()[:2]
    off_list = found.split("OTHER ", 1)[1].splitlines()[0].strip()
    url = site.url + "/" + url_path.split("/", 2)[2]  # the tree's path, less the front's slug
    before = similar_headlines(url)  # the article page is now kept
    assert len(before) >= 3
    pinned, blocked = before[-1], before[0]

    editor = editor_on_edit_page(browser, site, page_id)

    listed = editor.locator("[data-similar-stories-panel] > ol > li")
    listed.filter(has_text=pinned).get_by_role("button", name="Pin").click()
    editor.wait_for_url(f"**/admin/pages/{page_id}/edit/")
    expect(editor.get_by_text(f"“{pinned}” is pinned to the top")).to_be_visible()
    listed.filter(has_text=blocked).get_by_role("button", name="Block").click()
    expect(editor.get_by_text(f"“{blocked}” is blocked")).to_be_visible()

    # A story not in the list, found with Wagtail's page chooser.
    choices = editor.locator("[data-similar-choices-panel]")
    choices.get_by_role("button", name="Choose a page").click()
    modal = editor.locator(".modal-content")
    modal.locator('input[name="q"]').fill(off_list)
    modal.get_by_role("link", name=off_list, exact=True).click()
    expect(choices.locator(".chooser")).to_contain_text(off_list)
    choices.get_by_role("button", name="Pin", exact=True).click()
    expect(editor.get_by_text(f"“{off_list}” is pinned to the top")).to_be_visible()
    expect(choices.locator("li")).to_have_text(
        [
            f"Pin to the top: {pinned} Remove",
            f"Pin to the top: {off_list} Remove",
            f"Never show: {blocked} Remove",
        ]
    )
    editor.context.close()

    after = similar_headlines(url)  # the story itself was never published
    assert after[:2] == [pinned, off_list]
    assert blocked not in after
