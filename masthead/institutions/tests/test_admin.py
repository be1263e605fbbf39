"""The Business group keeps institutions in the admin, and a change reaches readers at once."""

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from masthead.institutions.models import Institution, InstitutionDomain, MonthlyReads
from masthead.institutions.tests.factories import make_institution
from masthead.news.tests.factories import make_article, make_section
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/institutions/institution/add/"
REPORT = "/admin/institutions/reads/"


@pytest.fixture
def publisher(client):
    user = make_reader("publisher@example.org")
    user.groups.add(Group.objects.get(name="Business"))
    client.login(email="publisher@example.org", password=PASSWORD)
    return client


def form(name="Harbour College", ranges=(), domains=(), ranges_initial=0, domains_initial=0):
    return nested_form_data(
        {
            "name": name,
            "active": "on",
            "contact": "Library office",
            "notes": "",
            "ranges": inline_formset(
                [{"network": network} for network in ranges], initial=ranges_initial
            ),
            "domains": inline_formset(
                [{"domain": domain} for domain in domains], initial=domains_initial
            ),
        }
    )


def test_the_business_group_adds_an_institution_with_ranges_and_domains(publisher):
    response = publisher.post(
        ADD, form(ranges=["198.51.100.0/24", "2001:DB8:AB::/48"], domains=["Harbour.AC.uk"])
    )
    assert response.status_code == 302, response.content[:1000]
    college = Institution.objects.get(name="Harbour College")
    assert sorted(college.ranges.values_list("network", flat=True)) == [
        "198.51.100.0/24",
        "2001:db8:ab::/48",
    ]
    assert list(college.domains.values_list("domain", flat=True)) == ["harbour.ac.uk"]
    assert publisher.get("/admin/snippets/institutions/institution/").status_code == 200


@pytest.mark.parametrize(
    "ranges, domains, says",
    [
        (["198.51.100.7/24"], [], "did you mean 198.51.100.0/24?"),
        (["the library"], [], "is not an IPv4 or IPv6 range"),
        (["0.0.0.0/0"], [], "too wide"),
        (["127.0.0.0/8"], [], "loopback"),
        ([], ["not a domain"], "is not a domain name"),
        (["198.51.100.0/24", "198.51.100.0/24"], [], "Please correct the duplicate"),
        ([], ["harbour.ac.uk", "HARBOUR.ac.uk"], "Please correct the duplicate"),
        ([], ["example.edu"], "This domain already belongs to an institution."),
        (["192.0.2.0/24"], [], "This range already belongs to an institution."),
    ],
)
def test_a_bad_range_or_domain_is_refused_with_a_clear_error_and_nothing_is_saved(
    publisher, ranges, domains, says
):
    make_institution("Example University Library", ranges=["192.0.2.0/24"], domains=["example.edu"])
    response = publisher.post(ADD, form(ranges=ranges, domains=domains))
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not Institution.objects.filter(name="Harbour College").exists()
    # What was typed is still in the form, to be put right.
    for typed in ranges + domains:
        assert typed in response.content.decode()


def test_an_admin_change_to_the_ranges_reaches_readers_without_a_restart(publisher):
    news = make_section("News")
    story = make_article(
        news, "Council budget", paragraphs=[f"Paragraph {p}." for p in range(1, 7)]
    )
    reader = Client()
    assert b"meter-notice" in reader.get(story.url, REMOTE_ADDR="198.51.100.20").content

    publisher.post(ADD, form(ranges=["198.51.100.0/24"]))
    college = Institution.objects.get(name="Harbour College")
    response = reader.get(story.url, REMOTE_ADDR="198.51.100.20")
    assert b"Paragraph 6." in response.content and b"meter-notice" not in response.content

    # The range corrected to another network: the old one ends on the next request.
    kept = college.ranges.get()
    edit = form(ranges=["198.51.101.0/24"], ranges_initial=1)
    edit["ranges-0-id"] = str(kept.pk)
    response = publisher.post(f"/admin/snippets/institutions/institution/edit/{college.pk}/", edit)
    assert response.status_code == 302, response.content[:1000]
    assert b"meter-notice" in reader.get(story.url, REMOTE_ADDR="198.51.100.20").content
    assert b"meter-notice" not in reader.get(story.url, REMOTE_ADDR="198.51.101.20").content


def test_the_report_shows_reads_per_institution_per_month_and_downloads_as_csv(publisher):
    library = make_institution("Example University Library")
    college = make_institution('=HYPERLINK("http://bad.example") College')
    MonthlyReads.objects.create(institution=library, month=date(2026, 10, 1), reads=412)
    MonthlyReads.objects.create(institution=library, month=date(2026, 11, 1), reads=530)
    MonthlyReads.objects.create(institution=college, month=date(2026, 11, 1), reads=7)

    page = publisher.get(REPORT)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Example University Library" in text and "530" in text and "2026-10" in text

    download = publisher.get(REPORT, {"format": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows == [
        ["Institution", "Month", "Full-text reads"],
        ['\'=HYPERLINK("http://bad.example") College', "2026-11", "7"],
        ["Example University Library", "2026-11", "530"],
        ["Example University Library", "2026-10", "412"],
    ]
    one = publisher.get(REPORT, {"format": "csv", "institution": str(library.pk)})
    assert len(list(csv.reader(io.StringIO(one.content.decode())))) == 3


def test_readers_and_writers_cannot_see_the_report_or_the_institutions(client):
    for email, group in (("writer@example.org", "Writers"), ("reader@example.org", None)):
        user = make_reader(email)
        if group:
            user.groups.add(Group.objects.get(name=group))
        client.login(email=email, password=PASSWORD)
        assert client.get(REPORT).status_code in (302, 403)
        assert client.get(REPORT, {"format": "csv"}).status_code in (302, 403)
        response = client.post(ADD, form(ranges=["198.51.100.0/24"]))
        assert response.status_code in (302, 403)
        assert not Institution.objects.exists()
        assert not InstitutionDomain.objects.exists()
