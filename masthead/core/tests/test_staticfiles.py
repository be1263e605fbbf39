"""Production's static storage keeps each address once found, and still refuses a missing file."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from masthead.core.staticfiles import KeptAddressesStaticFilesStorage


@pytest.fixture
def static_root(tmp_path):
    manifest = {"paths": {"masthead/site.css": "masthead/site.0123abcd.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return tmp_path


def storages(root):
    options = {"location": str(root), "base_url": "/static/"}
    return KeptAddressesStaticFilesStorage(**options), CompressedManifestStaticFilesStorage(
        **options
    )


def test_an_address_is_the_manifests_and_is_worked_out_once(static_root, settings, monkeypatch):
    settings.DEBUG = False
    kept, whitenoise = storages(static_root)
    assert kept.url("masthead/site.css") == whitenoise.url("masthead/site.css")
    assert kept.url("masthead/site.css") == "/static/masthead/site.0123abcd.css"
    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", lambda *a, **k: "asked")
    assert kept.url("masthead/site.css") == "/static/masthead/site.0123abcd.css"
    assert kept.url("masthead/site.css", force=True) == "asked"


def test_a_file_missing_from_the_manifest_still_raises_every_time(static_root, settings):
    settings.DEBUG = False
    kept, _ = storages(static_root)
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            kept.url("masthead/gone.css")
