"""The ``masthead`` console command: Django's management commands, with our settings.

``masthead``, ``masthead --help`` and ``masthead help`` list Masthead's own
commands first, by what they are for, then Django's, Wagtail's and the other
installed apps' by name. That answer comes from the table below and a look at
the apps' folders, without starting Django (which takes seconds: every app,
model and hook); a test holds the table to the commands that exist and their
help, so it cannot drift. Everything else goes to Django.

On a machine where ``make serve`` runs, the command takes the server's settings
from ``var/masthead.env`` (masthead/settings/server_env.py): the same database,
mail, secret and address as the site. Without that file it runs on the
development settings.
"""

from __future__ import annotations

import os
import pkgutil
import shutil
import sys
import textwrap
from importlib import import_module, util
from pathlib import Path

from masthead.settings import server_env

SETTINGS = "masthead.settings.dev"

# Masthead's own commands: (group, name, the command's help), in the order shown.
COMMANDS = (
    (
        "Newsroom",
        "load_demo",
        "Load the demo newspaper, The Daily Lantern, into an empty database.",
    ),
    ("Newsroom", "scheduler", "Publish scheduled stories as their time comes, until stopped."),
    (
        "Readers & revenue",
        "offers_to_stripe",
        "Send to Stripe the offers it has not confirmed yet (a coupon and a promotion code each).",
    ),
    (
        "Readers & revenue",
        "purge_meter",
        "Forget which articles readers read in months before this one (run daily or monthly).",
    ),
    (
        "Newsletters",
        "newsletter",
        "Import newsletter readers from a CSV file, or send today's edition of a newsletter.",
    ),
    (
        "Readers & revenue",
        "analytics",
        "Report page views, sources and conversions for a range of days, as JSON or CSV.",
    ),
    (
        "Readers & revenue",
        "experiments",
        "List the tests of the asks, or report one test's figures and verdict, as JSON or text.",
    ),
    (
        "Similar stories",
        "rebuild_similar",
        "Rebuild every published story's similar stories from the whole archive.",
    ),
    (
        "Similar stories",
        "similar",
        "For each article of a JSONL corpus, print its most similar others as JSONL.",
    ),
    (
        "Similar stories",
        "similar-eval",
        "Print leave-one-out P@5, P@10 and nDCG@10 of similar stories for a labelled corpus.",
    ),
    (
        "Import",
        "import",
        "Import a WordPress (WXR) or Ghost (JSON) export: stories, authors, pictures, old links.",
    ),
    (
        "Operations",
        "resume_tasks",
        "Queue again the tasks of a database task backend left running by a killed worker.",
    ),
    (
        "Operations",
        "seed",
        "Fill the database with synthetic published articles across twelve sections.",
    ),
)

HELP_ARGUMENTS = ([], ["help"], ["--help"], ["-h"])


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    try:
        servers = server_env.apply()
    except (OSError, ValueError) as error:  # unreadable: never fall back to other settings
        sys.exit(f"masthead: the server's settings cannot be read: {error}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    if argv[1:] in HELP_ARGUMENTS:
        sys.stdout.write(help_text(servers))
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def help_text(servers: Path | None = None) -> str:
    """The list of commands; ``servers`` is the server's env file the settings came from."""
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    column = max(len(name) for _, name, _ in COMMANDS) + 4
    source = f"the server's, from {servers}" if servers else "DJANGO_SETTINGS_MODULE"
    lines = [
        "Usage: masthead COMMAND [options]",
        "       masthead help COMMAND   (a command's options and arguments)",
        f"Settings: {os.environ['DJANGO_SETTINGS_MODULE']} ({source})",
    ]
    group = None
    for command_group, name, help_line in COMMANDS:
        if command_group != group:
            group = command_group
            lines += ["", group]
        lines += textwrap.wrap(
            help_line,
            width,
            initial_indent=f"  {name:<{column - 2}}",
            subsequent_indent=" " * column,
        )
    lines += ["", "Django's, Wagtail's and the other apps' commands"]
    others = other_commands()
    if not others:
        lines.append("  (the settings do not load here: masthead help --commands lists them)")
    for owner, names in others.items():
        lines += textwrap.wrap(
            ", ".join(names), width, initial_indent=f"  {owner:<9}", subsequent_indent=" " * 11
        )
    return "\n".join(lines) + "\n"


def other_commands() -> dict[str, list[str]]:
    """The commands of Django and the installed apps not Masthead's, by name, Django unstarted.

    Read from the settings' ``INSTALLED_APPS`` and each app's folder, as Django
    finds them; no app's code is run.
    """
    try:
        installed = import_module(os.environ["DJANGO_SETTINGS_MODULE"]).INSTALLED_APPS
    except Exception:  # noqa: BLE001 - missing secrets and the like: Django will say, not the help
        return {}
    django_dir = Path(util.find_spec("django").origin).parent
    found = {"Django": set(_commands_in(django_dir / "core")), "Wagtail": set(), "Others": set()}
    for app in installed:
        if app.split(".")[0] == "masthead":
            continue
        spec = util.find_spec(app)
        if spec is None or not spec.submodule_search_locations:
            continue
        owner = {"django": "Django", "wagtail": "Wagtail"}.get(app.split(".")[0], "Others")
        for folder in spec.submodule_search_locations:
            found[owner].update(_commands_in(Path(folder)))
    seen = {name for _, name, _ in COMMANDS}
    listed = {}
    for owner, names in found.items():
        listed[owner] = sorted(names - seen)
        seen |= names
    return {owner: names for owner, names in listed.items() if names}


def _commands_in(app_dir: Path) -> list[str]:
    folder = app_dir / "management" / "commands"
    return [
        name
        for _, name, is_package in pkgutil.iter_modules([str(folder)])
        if not is_package and not name.startswith("_")
    ]


if __name__ == "__main__":
    main()
