"""Stories end with a sign-up prompt for the morning letter, from the same kept page for all."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from masthead.newsletters.models import Signup
from masthead.newsletters.tests.factories import make_newsletter

pytestmark = pytest.mark.django_db

BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}
WORDS = "Get the morning briefing in your inbox"


@pytest.fixture
def morning():
    return make_newsletter(
        "morning", name="The Morning Lantern", prompt_text=WORDS, prompt_button="Send it to me"
    )


def story(paper) -> str:
    return paper["articles"]["leader"].url  # free to read: the story is given in full


def test_a_story_ends_with_the_prompt_from_one_kept_page_shared_downstream(paper, morning):
    first, second = (Client().get(story(paper), headers=BROWSER) for _ in range(2))
    html = second.content.decode()
    assert WORDS in html and ">Send it to me</button>" in html
    body, prompt, end = (html.index(mark) for mark in ("article__body", WORDS, "</article>"))
    assert body < prompt < end  # after the story, before the similar stories
    assert second["X-Masthead-Cache"] == "hit" and second["Cache-Control"].startswith("public")
    assert first.content == second.content


def test_no_prompt_without_an_active_letter_open_to_everyone(paper):
    make_newsletter("members", audience="registered")
    make_newsletter("old", active=False)
    html = Client().get(story(paper), headers=BROWSER).content.decode()
    assert "newsletter-prompt" not in html


def test_the_letters_own_name_when_it_has_no_prompt_words_of_its_own(paper):
    make_newsletter("evening", name="The Evening Lantern")
    html = Client().get(story(paper), headers=BROWSER).content.decode()
    assert "Get The Evening Lantern in your inbox" in html and ">Sign up</button>" in html


def test_signing_up_from_the_prompt_is_double_opt_in_and_returns_to_the_story(
    paper, morning, django_capture_on_commit_callbacks
):
    reader = Client()
    address = f"http://testserver{story(paper)}"
    assert WORDS in reader.get(story(paper), headers=BROWSER).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = reader.post(
            "/newsletters/prompt/",
            {"newsletter": "morning", "email": "new@example.org"},
            headers={**BROWSER, "Referer": address},
        )
    assert response.status_code == 302 and response["Location"] == address
    signup = Signup.objects.get(email="new@example.org")
    assert signup.status == Signup.Status.PENDING and signup.consent_source == address
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.org"]
    page = reader.get(story(paper), headers=BROWSER).content.decode()
    assert "Nearly done" in page and "The Morning Lantern" in page
    # This browser asked for it: not prompted again; another reader still is.
    assert WORDS not in reader.get(story(paper), headers=BROWSER).content.decode()
    assert WORDS in Client().get(story(paper), headers=BROWSER).content.decode()


def test_a_bad_address_gets_a_clear_error_and_keeps_what_was_typed(paper, morning):
    reader = Client()
    address = f"http://testserver{story(paper)}"
    response = reader.post(
        "/newsletters/prompt/",
        {"newsletter": "morning", "email": "lantern reader at example"},
        headers={**BROWSER, "Referer": address},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "That is not an email address we can send to" in html
    assert 'value="lantern reader at example"' in html and f'value="{address}"' in html
    assert not Signup.objects.exists() and not mail.outbox
    # Put right on that page, the sign-up goes through and the reader is back at the story.
    response = reader.post(
        "/newsletters/prompt/",
        {"newsletter": "morning", "email": "reader@example.org", "back": address},
        headers=BROWSER,
    )
    assert response.status_code == 302 and response["Location"] == address
    assert Signup.objects.get().email == "reader@example.org"


def test_the_prompt_sends_no_one_anywhere_else_nor_signs_up_to_a_closed_letter(paper, morning):
    make_newsletter("members", audience="registered")
    response = Client().post(
        "/newsletters/prompt/",
        {"newsletter": "morning", "email": "a@example.org", "back": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == "/newsletters/"
    response = Client().post(
        "/newsletters/prompt/", {"newsletter": "members", "email": "b@example.org"}
    )
    assert response.status_code == 400 and "not taking sign-ups" in response.content.decode()
    assert list(Signup.objects.values_list("email", flat=True)) == ["a@example.org"]


def test_the_business_group_edits_the_prompts_words_with_the_letter(paper, morning, admin_client):
    form = admin_client.get(f"/admin/snippets/newsletters/newsletter/edit/{morning.pk}/")
    html = form.content.decode()
    assert "Sign-up prompt on stories" in html and WORDS in html
    assert 'name="prompt_button"' in html


def test_a_browser_that_signed_up_on_the_newsletters_page_is_not_prompted(paper, morning):
    reader = Client()
    reader.post("/newsletters/", {"email": "n@example.org", "newsletters": [morning.pk]})
    assert WORDS not in reader.get(story(paper), headers=BROWSER).content.decode()
