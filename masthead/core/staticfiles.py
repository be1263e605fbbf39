"""Static files in production: WhiteNoise's storage, each file's address worked out once.

``{% static %}`` asks the storage for an address on every use (ten a page):
the manifest lookup, URL splitting and quoting cost more than the rest of the
tag. The manifest is read when the storage is made and does not change under
a running process (``collectstatic`` comes with a restart), so each address
is kept once found. A name missing from the manifest raises, as before, and
is never kept: the kept names are the site's own files.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class KeptAddressesStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        address = self._addresses.get(name)
        if address is None:
            address = self._addresses[name] = super().url(name)
        return address
