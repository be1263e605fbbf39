"""Integrations switch on when their variables are present."""

import json
import os
import subprocess
import sys


def settings_with(**env) -> dict:
    code = (
        "import json, masthead.settings.base as s;"
        "print(json.dumps({'storage': s.STORAGES['default'], 'serve_media': s.MASTHEAD_SERVE_MEDIA,"
        " 'meter': s.MASTHEAD_METER_STORE['BACKEND'], 'cache': s.CACHES['default']['BACKEND']}))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MASTHEAD_", "REDIS_", "DATABASE_"))
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_embedded_default_needs_nothing():
    s = settings_with()
    assert s["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert s["meter"].endswith("DatabaseMeterStore") and s["cache"].endswith("LocMemCache")


def test_redis_url_moves_cache_and_meter_to_redis():
    s = settings_with(REDIS_URL="redis://127.0.0.1:6379/0")
    assert s["meter"].endswith("RedisMeterStore") and s["cache"].endswith("ResilientRedisCache")


def test_an_s3_bucket_moves_media_to_the_bucket():
    s = settings_with(
        MASTHEAD_S3_BUCKET="lantern-media", MASTHEAD_S3_ENDPOINT_URL="https://s3.example"
    )
    assert s["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s["storage"]["OPTIONS"]["bucket_name"] == "lantern-media"
    assert s["serve_media"] is False
