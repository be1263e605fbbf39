"""Readers moving in from another service by CSV: bad rows reported by line, nothing else lost."""

import pytest
from django.core.management import CommandError, call_command

from masthead.newsletters.models import Signup, Suppression
from masthead.newsletters.tests.factories import make_newsletter
from masthead.paywall.tests.factories import make_reader

pytestmark = pytest.mark.django_db

CSV = """email,name,newsletters,status
ann@example.org,Ann Lee,morning;world,subscribed
not-an-address,Bad Row,morning,subscribed
bob@example.org,Bob,morning|nonesuch,subscribed
cara@example.org,Cara,morning,unsubscribed
dan@example.org,Dan,morning,bounced
eve@example.org,Eve,world,confirmed
fay@example.org,Fay,morning,on-holiday
"""


@pytest.fixture
def letters():
    return make_newsletter("morning"), make_newsletter("world")


def run(path, capsys):
    call_command("newsletter", "import", str(path))
    return capsys.readouterr()


def test_import_links_accounts_reports_bad_rows_and_runs_twice_without_duplicates(
    letters, tmp_path, capsys
):
    make_reader("eve@example.org")
    path = tmp_path / "old-service.csv"
    path.write_text(CSV, encoding="utf-8")
    out = run(path, capsys)
    assert "line 3: “not-an-address” is not an email address" in out.err
    assert "line 4: no newsletter “nonesuch”" in out.err
    assert "line 8: unknown status “on-holiday”" in out.err
    ann = Signup.objects.filter(email="ann@example.org")
    assert ann.count() == 2 and {s.status for s in ann} == {"confirmed"}
    first = ann.first()
    assert first.consent_source == "CSV import from old-service.csv"
    assert first.consent_method == "imported: consent recorded by the previous service"
    assert Signup.objects.get(email="eve@example.org").user.email == "eve@example.org"
    assert Signup.objects.get(email="cara@example.org").status == "unsubscribed"
    assert Suppression.objects.get(email="dan@example.org").reason == "bounced"
    total = Signup.objects.count()
    assert total == 5 and "1 linked to accounts" in out.out

    again = run(path, capsys)
    assert Signup.objects.count() == total
    assert "0 sign-ups imported" in again.out


@pytest.mark.parametrize(
    "content, error",
    [
        (b"adresse,nom\nann@example.org,Ann\n", "no email, newsletters column"),
        ("email,name,newsletters\nzoë@example.org,Zoë,morning\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_a_file_in_the_wrong_form_is_refused_whole(letters, tmp_path, content, error):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=error):
        call_command("newsletter", "import", str(path))
    assert not Signup.objects.exists()
