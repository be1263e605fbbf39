"""Read once per version: small site-wide reads kept in memory until their tags move.

``@kept_until_changed("site")`` keeps a function's answer in this process
for as long as the versions of its tags (``versions.py``) stay the same: the
sections for the navigation, the pages under Wagtail's privacy, the metering
rules. A change anywhere bumps the tag and every process reads again on its
next call; while versions cannot be read, every call reads.
"""

from __future__ import annotations

import functools
import threading

from masthead.core.versions import page_versions

_forgetters = []


def kept_until_changed(*tags: str):
    def decorate(function):
        kept: dict = {}
        lock = threading.Lock()

        @functools.wraps(function)
        def wrapper():
            stamp = page_versions().stamp(tags)
            if stamp is not None and kept.get("stamp") == stamp:
                return kept["value"]
            value = function()
            if stamp is not None:
                with lock:
                    kept.update(stamp=stamp, value=value)
            return value

        wrapper.forget = kept.clear
        _forgetters.append(kept.clear)
        return wrapper

    return decorate


def forget_everything_kept() -> None:
    """For tests: each test's database is new."""
    for forget in _forgetters:
        forget()
