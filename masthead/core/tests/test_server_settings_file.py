"""One configuration: ``masthead <command>`` runs on the settings ``make serve`` runs with.

``make serve`` writes its environment to ``VAR_DIR/masthead.env``
(``python -m masthead.settings.server_env``); the command line reads it.
"""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

MASTHEAD = Path(sys.executable).parent / "masthead"
PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'module': s.SETTINGS_MODULE, 'database': str(s.DATABASES['default']['NAME']),"
    "'backend': s.EMAIL_BACKEND, 'mail_host': s.EMAIL_HOST, 'secret': s.SECRET_KEY,"
    "'base_url': s.WAGTAILADMIN_BASE_URL}))"
)


def bare_environment(var_dir: Path, **extra) -> dict:
    """This process's environment without any settings of its own, on a VAR_DIR of its own."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("MASTHEAD_", "DJANGO_", "AWS_"))
        and name not in {"DATABASE_URL", "REDIS_URL"}
    }
    return {**env, "MASTHEAD_VAR_DIR": str(var_dir), **extra}


def serve_writes(var_dir: Path, **server) -> Path:
    """What `make serve` does as it starts: its environment written to the env file."""
    env = bare_environment(var_dir, DJANGO_SETTINGS_MODULE="masthead.settings.production")
    env |= {"MASTHEAD_ALLOW_DEMO_PAYMENTS": "1", "MASTHEAD_HTTPS": "0", **server}
    subprocess.run(
        [sys.executable, "-m", "masthead.settings.server_env"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return var_dir / "masthead.env"


def masthead(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(MASTHEAD), *args], env=env, capture_output=True, text=True, timeout=120
    )


def settings_seen(env) -> dict:
    result = masthead("shell", "-c", PRINT_SETTINGS, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def server(tmp_path):
    """A machine whose `make serve` runs on its own database and mail server."""
    secret = 'it\'s a "secret" with $paces and `ticks`'
    serve_writes(
        tmp_path,
        MASTHEAD_SECRET_KEY=secret,
        DATABASE_URL=f"sqlite:///{tmp_path / 'paper.sqlite3'}",
        MASTHEAD_EMAIL_HOST="mail.lantern.example",
        MASTHEAD_BASE_URL="https://lantern.example",
    )
    return tmp_path, secret


def test_the_env_file_holds_the_servers_variables_for_its_owner_only(server):
    var_dir, secret = server
    path = var_dir / "masthead.env"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "DJANGO_SETTINGS_MODULE=masthead.settings.production" in text
    assert "MASTHEAD_EMAIL_HOST=mail.lantern.example" in text
    assert "PATH=" not in text and "HOME=" not in text  # only what the settings read


def test_the_command_line_runs_on_the_servers_settings(server):
    var_dir, secret = server
    seen = settings_seen(bare_environment(var_dir))
    assert seen == {
        "module": "masthead.settings.production",
        "database": str(var_dir / "paper.sqlite3"),
        "backend": "django.core.mail.backends.smtp.EmailBackend",
        "mail_host": "mail.lantern.example",
        "secret": secret,
        "base_url": "https://lantern.example",
    }


def test_a_variable_set_for_the_command_wins_over_the_file(server):
    var_dir, _ = server
    seen = settings_seen(bare_environment(var_dir, MASTHEAD_BASE_URL="https://staging.example"))
    assert seen["module"] == "masthead.settings.production"
    assert seen["base_url"] == "https://staging.example"


def test_other_settings_named_for_the_command_leave_the_servers_file_alone(server):
    """`make demo` names the development settings: its mail stays in the demo's mailbox."""
    var_dir, secret = server
    seen = settings_seen(bare_environment(var_dir, DJANGO_SETTINGS_MODULE="masthead.settings.dev"))
    assert seen["backend"] == "masthead.mailbox.backend.EmailBackend"
    assert seen["database"] == str(var_dir / "masthead.sqlite3")
    assert seen["secret"] != secret


def test_sending_through_the_console_on_the_servers_settings_is_refused(tmp_path):
    serve_writes(
        tmp_path,
        MASTHEAD_SECRET_KEY="s" * 50,
        MASTHEAD_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    result = masthead("newsletter", "send", "morning", env=bare_environment(tmp_path))
    assert result.returncode != 0
    assert "Refused" in result.stderr
    assert "prints each message to the terminal" in result.stderr
