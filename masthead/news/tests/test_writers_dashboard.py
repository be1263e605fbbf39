"""The newsroom's dashboard: a writer starts a story from it, in a section they may write in."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests"


def signed_in(email: str, group: str) -> Client:
    user = get_user_model().objects.create_user(email=email, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    assert client.login(email=email, password=PASSWORD)
    return client


def write_a_story_links(client) -> dict[str, str]:
    dashboard = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = dashboard.find(id="write-a-story-content")
    return {a.get_text(strip=True): a["href"] for a in panel.select("a")} if panel else {}


def test_a_writer_starts_a_story_from_the_dashboard_in_each_section(paper):
    writer = signed_in("writer@example.org", "Writers")
    links = write_a_story_links(writer)
    sections = paper["sections"]
    assert links == {
        section.title: f"/admin/pages/add/news/articlepage/{section.pk}/"
        for section in (sections["britain"], sections["world"], sections["editorial"])
    }
    form = writer.get(links["World"])
    assert form.status_code == 200
    page = form.content.decode()
    assert 'name="standfirst"' in page and "World" in page  # the new story's form, in World


def test_a_writer_with_one_section_gets_one_button(paper):
    from wagtail.models import GroupPagePermission, Page

    desk = Group.objects.create(name="World desk")
    desk.permissions.add(*Group.objects.get(name="Writers").permissions.all())
    for permission in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=desk, page=paper["sections"]["world"], permission_type=permission.split("_")[0]
        )
    assert not GroupPagePermission.objects.filter(group=desk, page=Page.get_first_root_node())
    links = write_a_story_links(signed_in("foreign@example.org", "World desk"))
    assert links == {
        "Write a story": f"/admin/pages/add/news/articlepage/{paper['sections']['world'].pk}/"
    }


def test_who_cannot_write_sees_no_button(paper):
    assert write_a_story_links(signed_in("publisher@example.org", "Business")) == {}
