"""The newsroom's admin works for everyone: each role walks it and meets no server error.

Each of the demo paper's staff accounts (a writer, an editor, the business
side and an administrator) signs in and opens every page the admin's menus
link to, as Wagtail builds the menus for that account, and, for one page of
each page type, its edit form, preview, privacy dialog, history, revisions,
move, copy and the rest of its actions. A refusal (403, or Wagtail's redirect
to the dashboard) is fine; a server error fails, naming the address.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.admin.menu import SubmenuMenuItem, admin_menu
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import querydict_from_html

from masthead.news.demo.loader import DEMO_ACCOUNTS

STAFF = [email for email, _first, _last, _groups, is_staff, _superuser in DEMO_ACCOUNTS if is_staff]


@pytest.fixture(scope="module")
def newsroom(demo_paper_once, django_db_blocker):
    """One page of each type, each with a draft on top of its published revision."""
    with django_db_blocker.unblock():
        admin = get_user_model().objects.get(is_superuser=True, email__in=STAFF)
        pages = {}
        for model in get_page_models():
            page = model.objects.exact_type(model).filter(depth__gt=1).order_by("-live").first()
            if page is None:
                continue
            page = page.specific
            page.save_revision(user=admin)
            pages[model] = page
        return pages


@pytest.fixture
def pages(db, newsroom):
    return newsroom


def test_the_walk_covers_every_page_type_of_the_paper(pages):
    missing = [m.__name__ for m in get_page_models() if m is not Page and m not in pages]
    assert not missing, f"no page of these types to walk: {missing}"


def menu_urls(menu, request) -> list[str]:
    urls = []
    for item in menu.menu_items_for_request(request):
        if isinstance(item, SubmenuMenuItem):
            urls += menu_urls(item.menu, request)
        elif item.url.startswith("/"):  # the help menu also links to Wagtail's site
            urls.append(item.url)
    return urls


def page_urls(page) -> list[str]:
    pk, revisions = page.pk, page.revisions.order_by("pk")
    first, last = revisions.first(), revisions.last()
    urls = [
        reverse("wagtailadmin_explore", args=[pk]),
        *(
            reverse(f"wagtailadmin_pages:{name}", args=[pk])
            for name in (
                "view_draft",
                "set_privacy",
                "history",
                "revisions_index",
                "workflow_history",
                "move",
                "copy",
                "unpublish",
                "delete",
            )
        ),
        reverse("wagtailadmin_pages:revisions_view", args=[pk, first.pk]),
        reverse("wagtailadmin_pages:revisions_revert", args=[pk, first.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[pk, first.pk, last.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[pk, "live", "latest"]),
    ]
    for destination in page.get_parent().get_siblings():
        if page.can_move_to(destination.specific) and destination.pk != page.get_parent().pk:
            urls.append(reverse("wagtailadmin_pages:move_confirm", args=[pk, destination.pk]))
            break
    for model in page.specific_class.allowed_subpage_models():
        meta = model._meta
        urls.append(reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, pk]))
    return urls


def snippet_urls() -> list[str]:
    """Each snippet's list and new form, and the forms and records of its first item."""
    urls = []
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        urls += [reverse(viewset.get_url_name("list")), reverse(viewset.get_url_name("add"))]
        instance = model._default_manager.first()
        names = ["edit", "history", "usage"] + ["inspect"] * viewset.inspect_view_enabled
        if instance is not None:
            urls += [reverse(viewset.get_url_name(name), args=[instance.pk]) for name in names]
    return urls


def edit_form_data(page, html: str) -> dict[str, list[str]]:
    """The edit form as the browser posts it: its inputs, and its StreamFields (drawn by script)."""
    data = dict(querydict_from_html(html, form_id="page-edit-form").lists())
    for div in BeautifulSoup(html, "html.parser").select("[data-w-block-arguments-value]"):
        name = div["id"]
        model, field = page.specific_class, name
        if "-" in name:  # an inline child's field: <relation>-<n>-<field>
            relation, _, field = name.split("-")
            model = next(
                r.related_model
                for r in get_all_child_relations(model)
                if r.get_accessor_name() == relation
            )
        state = json.loads(div["data-w-block-arguments-value"])[0]
        data |= block_data(model._meta.get_field(field).stream_block, state, name)
    return data


def block_data(block, state, prefix: str) -> dict[str, list[str]]:
    if isinstance(block, (blocks.BaseStreamBlock, blocks.ListBlock)):
        data = {f"{prefix}-count": [str(len(state))]}
        for i, child in enumerate(state):
            item = f"{prefix}-{i}"
            data |= {
                f"{item}-type": [child.get("type", "")],
                f"{item}-id": [child.get("id") or ""],
                f"{item}-deleted": [""],
                f"{item}-order": [str(i)],
            }
            child_block = (
                block.child_blocks[child["type"]] if "type" in child else block.child_block
            )
            data |= block_data(child_block, child["value"], f"{item}-value")
        return data
    if isinstance(block, blocks.BaseStructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data |= block_data(child_block, state.get(name), f"{prefix}-{name}")
        return data
    if isinstance(state, dict):  # a chooser's state: the chosen object's id and how to show it
        state = state.get("id")
    if state is None or state is False:
        return {}
    if isinstance(state, list):  # a select's state: the chosen values
        return {prefix: [str(value) for value in state]}
    return {prefix: ["on" if state is True else str(state)]}


@pytest.mark.parametrize("email", STAFF, ids=lambda email: email.split("@")[0])
def test_every_role_walks_the_admin_without_a_server_error(email, pages, client):
    user = get_user_model().objects.get(email=email)
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.user = user
    broken = []

    def visit(url: str, method: str = "get", data=None, follow: bool = False):
        try:
            response = getattr(client, method)(url, data, follow=follow)
        except Exception as error:  # noqa: BLE001 - every failure is reported, with its address
            broken.append(f"{method.upper()} {url}: {error!r}")
            return None
        if response.status_code >= 500:
            broken.append(f"{method.upper()} {url}: {response.status_code}")
        return response

    menu = [reverse("wagtailadmin_home"), reverse("wagtailadmin_account")]
    menu += menu_urls(admin_menu, request)
    assert len(menu) > 3, menu
    for url in menu:
        response = visit(url, follow=True)  # a site's settings are one redirect away
        if response is not None and response.status_code == 404:
            broken.append(f"GET {url}: 404 from a menu link")
    for url in snippet_urls():
        visit(url)
    for page in pages.values():
        for url in page_urls(page):
            visit(url)
        edit = visit(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        if edit is not None and edit.status_code == 200:  # the preview, with the form as it is
            preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
            posted = visit(preview, "post", edit_form_data(page, edit.content.decode()))
            if posted is not None and posted.status_code == 200 and not posted.json()["is_valid"]:
                broken.append(f"POST {preview}: the edit form, unchanged, does not validate")
            visit(preview)
    assert not broken, f"{email}:\n" + "\n".join(broken)
