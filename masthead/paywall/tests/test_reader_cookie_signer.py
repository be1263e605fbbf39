"""The reader cookie, signed by Masthead's kept signer, is Django's signed cookie to the byte."""

from unittest import mock

from django.http import HttpResponse
from django.test import RequestFactory

from masthead.paywall.identity import (
    READER_COOKIE,
    READER_COOKIE_SALT,
    anonymous_id_from,
    set_reader_cookie,
)

READER = "r" + "0" * 31


def cookie_set_by_masthead(reader_id: str) -> str:
    response = HttpResponse()
    set_reader_cookie(response, reader_id)
    return response.cookies[READER_COOKIE].value


def request_with(value: str):
    request = RequestFactory().get("/")
    request.COOKIES[READER_COOKIE] = value
    return request


def test_a_cookie_masthead_signs_is_what_django_signs_and_each_reads_the_others():
    with mock.patch("django.core.signing.time.time", return_value=1_800_000_000):
        ours = cookie_set_by_masthead(READER)
        response = HttpResponse()
        response.set_signed_cookie(READER_COOKIE, READER, salt=READER_COOKIE_SALT)
        theirs = response.cookies[READER_COOKIE].value
    assert ours == theirs
    assert anonymous_id_from(request_with(theirs)) == READER
    assert request_with(ours).get_signed_cookie(READER_COOKIE, salt=READER_COOKIE_SALT) == READER


def test_a_reader_keeps_their_meter_across_a_secret_rotation_and_a_forged_cookie_is_nobody(
    settings,
):
    before = cookie_set_by_masthead(READER)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-" + "x" * 40
    assert anonymous_id_from(request_with(before)) == READER
    assert cookie_set_by_masthead(READER) != before  # signed with the new secret from now on
    forged = before.replace(READER, "r" + "1" * 31)
    assert anonymous_id_from(request_with(forged)) is None
