import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client


def newsroom_client(email: str, group: str) -> Client:
    user = get_user_model().objects.create_user(email=email, password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def editor(db):
    return newsroom_client("editor@example.org", "Editors")


@pytest.fixture
def writer(db):
    return newsroom_client("writer@example.org", "Writers")
