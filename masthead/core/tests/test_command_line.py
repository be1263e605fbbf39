"""``masthead --help``: Masthead's own commands first, by group, one name each, answered at once."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

from masthead import cli

MASTHEAD = Path(sys.executable).parent / "masthead"


def run(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", code] if code else [str(MASTHEAD), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def test_the_table_is_every_command_of_ours_with_its_own_help():
    ours = {name: app for name, app in get_commands().items() if app.startswith("masthead.")}
    table = {name: help_line for _group, name, help_line in cli.COMMANDS}
    assert sorted(table) == sorted(ours)
    for name, app in ours.items():
        assert table[name] == load_command_class(app, name).help, name


@pytest.mark.parametrize("args", [(), ("--help",), ("help",)])
def test_help_lists_ours_by_group_then_djangos_and_wagtails(args):
    out = run(*args).stdout
    groups = ["Newsroom", "Readers & revenue", "Newsletters", "Similar stories", "Import"]
    positions = [out.index(f"\n{group}\n") for group in [*groups, "Operations"]]
    assert positions == sorted(positions)
    assert "  rebuild_similar   Rebuild every published story's similar stories" in out
    assert out.count("similar-eval") == 1 and "similar_eval" not in out
    theirs = out.index("Django's, Wagtail's and the other apps' commands")
    assert theirs > positions[-1]
    for name in ("migrate", "createsuperuser", "db_worker", "fixtree", "update_index"):
        assert name in out[theirs:], name


def test_help_starts_no_app():
    """Django is not set up and no app's code is imported: that is what takes seconds."""
    code = (
        "import sys; from masthead import cli; cli.main(['masthead', '--help']);"
        "from django.apps import apps;"
        "print(apps.ready, [m for m in sys.modules if m.startswith(('masthead.news', 'wagtail.admin'))],"
        " file=sys.stderr)"
    )
    assert run(code=code).stderr.strip() == "False []"


def test_a_commands_own_help_is_still_djangos():
    out = run("help", "rebuild_similar").stdout
    assert out.startswith("usage: masthead rebuild_similar")
    assert "Rebuild every published story's similar stories" in out
