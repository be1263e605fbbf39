"""Let the offline commands write through Django's output wrappers unchanged."""

from __future__ import annotations

import io

from django.core.management.base import CommandError

from masthead.recommendations.cli import BAD_INPUT


class WrapperStream:
    """A text stream over a command's OutputWrapper, adding no line endings."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> int:
        self.wrapper.write(text, ending="")
        return len(text)


def run_offline(function, command, **options) -> None:
    """Run a CLI function; its bad-input message becomes a CommandError with status 2."""
    errors = io.StringIO()
    status = function(**options, stdout=WrapperStream(command.stdout), stderr=errors)
    if status:
        raise CommandError(errors.getvalue().strip(), returncode=BAD_INPUT)
