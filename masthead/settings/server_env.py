"""The server's settings, written down for the command line: ``VAR_DIR/masthead.env``.

``make serve`` runs with the production settings and an environment of its
own: the secret from ``var/secret_key``, the site's address, and whatever
``DATABASE_URL``, ``REDIS_URL`` and ``MASTHEAD_*`` the operator exported. It
writes that environment here as it starts (``python -m
masthead.settings.server_env``), and ``masthead <command>`` reads it back, so
a command run by hand or from cron on the same machine acts with the server's
database, mail, secret and address, not the development defaults.

Variables already set in the environment win over the file, and a command told
to run on other settings (``DJANGO_SETTINGS_MODULE=masthead.settings.dev``, as
``make demo`` does) does not read it at all: the file is the server's.

The file holds the secret key: only its owner may read it (mode 0600). It is
written in shell syntax (``NAME='value'``), so a script may also source it.

Nothing here imports Django: the command line reads the file before Django
starts, and ``masthead --help`` must stay quick.
"""

from __future__ import annotations

import os
import shlex
import sys
import tempfile
from collections.abc import MutableMapping
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
FILE_NAME = "masthead.env"
# What the settings read: the settings module, the database, Redis, every
# MASTHEAD_* variable, and the AWS_* credentials of media in S3 (django-storages).
NAMES = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL")
PREFIXES = ("MASTHEAD_", "AWS_")


def var_dir(environ: MutableMapping[str, str] = os.environ) -> Path:
    """Where the database, media and this file live (``MASTHEAD_VAR_DIR``, ``var/`` by default)."""
    return Path(environ.get("MASTHEAD_VAR_DIR") or BASE_DIR / "var")


def env_file(environ: MutableMapping[str, str] = os.environ) -> Path:
    return var_dir(environ) / FILE_NAME


def server_variables(environ: MutableMapping[str, str] = os.environ) -> dict[str, str]:
    """The variables of ``environ`` the settings read, by name."""
    return {
        name: value
        for name, value in sorted(environ.items())
        if name in NAMES or name.startswith(PREFIXES)
    }


def write(environ: MutableMapping[str, str] = os.environ) -> Path:
    """Write the server's variables to its env file, readable by its owner only.

    The file is written beside and then moved into place, so a command starting
    at that moment reads the old file or the new one, never half of one.
    """
    path = env_file(environ)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"# Written as the server started, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: the settings it",
        "# runs with (make serve). `masthead <command>` reads them; variables set in its",
        "# environment win. It holds the secret key: keep it to its owner (mode 0600).",
    ]
    lines += [f"{name}={shlex.quote(value)}" for name, value in server_variables(environ).items()]
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{FILE_NAME}.")  # mode 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def read(path: Path) -> dict[str, str]:
    """The ``NAME=value`` lines of an env file (shell quoting; ``#`` starts a comment)."""
    values = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        words = shlex.split(line, comments=True)
        if words[:1] == ["export"]:
            words = words[1:]
        if not words:
            continue
        name, equals, value = words[0].partition("=")
        if len(words) != 1 or not equals or not name:
            raise ValueError(f"{path}, line {number}: not NAME=value")
        values[name] = value
    return values


def apply(environ: MutableMapping[str, str] = os.environ) -> Path | None:
    """Fill in ``environ`` from the server's env file; the file read, or None.

    Nothing is taken when there is no file, or when ``environ`` already names
    settings other than the server's.
    """
    path = env_file(environ)
    if not path.is_file():
        return None
    values = read(path)
    chosen = environ.get("DJANGO_SETTINGS_MODULE")
    if chosen and chosen != values.get("DJANGO_SETTINGS_MODULE"):
        return None
    for name, value in values.items():
        environ.setdefault(name, value)
    return path


if __name__ == "__main__":
    written = write()
    sys.stdout.write(f"The server's settings, for `masthead <command>` too: {written}\n")
