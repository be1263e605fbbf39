"""Meter stores, chosen by ``settings.MASTHEAD_METER_STORE`` like Django's caches."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

from masthead.paywall.meter.base import Grant, MeterStore, MeterUnavailable

__all__ = ["Grant", "MeterStore", "MeterUnavailable", "meter_store", "load_store"]


def load_store(config: dict) -> MeterStore:
    path = config.get("BACKEND", "")
    try:
        backend = import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(
            f"MASTHEAD_METER_STORE BACKEND {path!r} cannot be imported: {error}"
        ) from error
    if not (isinstance(backend, type) and issubclass(backend, MeterStore)):
        raise ImproperlyConfigured(f"MASTHEAD_METER_STORE BACKEND {path!r} is not a MeterStore.")
    return backend(**config.get("OPTIONS", {}))


@cache
def meter_store() -> MeterStore:
    return load_store(settings.MASTHEAD_METER_STORE)


def _reset(setting: str, **kwargs) -> None:
    if setting == "MASTHEAD_METER_STORE":
        meter_store.cache_clear()


setting_changed.connect(_reset)
