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
    assert "wagtailadmin/images/default-user-avatar" in html  # the picture is still there
