"""Staff pictures in the admin come from the paper's own server, never from Gravatar.

Wagtail asks gravatar.com for the picture of anyone who has not uploaded one,
which tells an outside service who is at work in the newsroom, and when.
"""

import pytest
from django.contrib.auth.models import Group

from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["/admin/", "/admin/account/", "/admin/users/"])
def test_the_admin_names_no_outside_avatar_service(client, page):
    admin = make_reader("chief@example.org", staff=True)
    admin.is_superuser = True
    admin.save()
    writer = make_reader("writer@example.org", staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client.login(email="chief@example.org", password=PASSWORD)

    html = client.get(page).content.decode()

    assert "gravatar" not in html.lower()
    assert "data:image/svg+xml," in html  # the picture is still there: initials, drawn here


def test_staff_without_a_picture_are_shown_by_their_initials(client):
    import re
    from urllib.parse import unquote

    editor = make_reader("eve@example.org", staff=True)
    editor.is_superuser = True
    editor.first_name, editor.last_name = "Eve", "Editor"
    editor.save()
    client.login(email="eve@example.org", password=PASSWORD)
    html = client.get("/admin/").content.decode()
    avatars = [unquote(url) for url in re.findall(r'src="(data:image/svg\+xml,[^"]+)"', html)]
    assert avatars and all(">EE</text>" in svg for svg in avatars)

    nameless = make_reader("quill@example.org", staff=True)
    from masthead.core.avatars import initials_avatar_url

    assert ">Q</text>" in unquote(initials_avatar_url(nameless))
