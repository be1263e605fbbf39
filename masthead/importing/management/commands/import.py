"""``masthead import wordpress FILE`` and ``masthead import ghost FILE``: move a paper in.

The whole file is read first: a file that cannot be read stops the command
before anything is written. Running it again updates what changed and
duplicates nothing; ``--dry-run`` prints what would change and changes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import pluralize

from masthead.importing.records import ExportUnreadable


class Command(BaseCommand):
    help = "Import a WordPress (WXR) or Ghost (JSON) export: stories, authors, pictures, old links."

    def add_arguments(self, parser):
        sources = parser.add_subparsers(dest="source", required=True, metavar="{wordpress,ghost}")
        for source, what in (
            ("wordpress", "a WordPress export (Tools → Export, WXR .xml)"),
            (
                "ghost",
                "a Ghost export (.json: Settings → Advanced → Import/Export, or the Admin "
                "API's db export with include=members), members included",
            ),
        ):
            sub = sources.add_parser(source, help=f"Import {what}.")
            sub.add_argument("file", type=Path, help="The export file.")
            sub.add_argument(
                "--media-dir",
                type=Path,
                help="Where the pictures are (WordPress: uploads; Ghost: content/images).",
            )
            sub.add_argument(
                "--dry-run", action="store_true", help="Say what would change; change nothing."
            )
            sub.add_argument(
                "--progress",
                action="store_true",
                help="Show a progress bar even when the output is not a terminal.",
            )

    def handle(self, *args, source: str, file: Path, **options):
        from masthead.importing.writer import apply_export

        media_dir: Path | None = options.get("media_dir")
        dry_run: bool = options["dry_run"]
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder.")
        try:
            export = _reader(source)(file)
        except ExportUnreadable as error:
            message = str(error).rstrip()
            if not message.endswith((".", "!", "?")):
                message += "."
            raise CommandError(f"{file}: {message} Nothing was changed.") from error
        except FileNotFoundError as error:
            raise CommandError(f"{file}: no such file. Nothing was changed.") from error

        bar = self._bar(len(export.stories), options["progress"])
        try:
            report = apply_export(
                export, media_dir=media_dir, dry_run=dry_run, progress=bar.update if bar else None
            )
        finally:
            if bar:
                bar.close()
        for line in report.lines():
            self.stdout.write(line)
        self._changes(report.changes, dry_run, options["verbosity"])
        if source == "ghost" and export.members:
            self._members(export, dry_run)
        if not dry_run and report.changes:
            # Left out of the import's time: about 4 ms a story, and only the admin reads it.
            self.stdout.write(
                "The newsroom's usage lists (which stories use an image, an author) catch up "
                "with: masthead rebuild_references_index"
            )
        rate = len(export.stories) / report.seconds if report.seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Dry run done' if dry_run else 'Done'}: {len(export.stories)} stories "
                f"in {report.seconds:.1f} s ({rate:.0f} a second)."
            )
        )

    def _changes(self, changes: list[str], dry_run: bool, verbosity: int) -> None:
        """Each story a dry run would create or update (the first 50 unless -v 2)."""
        if not changes or not (dry_run or verbosity >= 2):
            return
        shown = changes if verbosity >= 2 else changes[:50]
        self.stdout.write(f"Stories {'that would be ' if dry_run else ''}created or updated:")
        for change in shown:
            self.stdout.write(f"  {change}")
        if len(shown) < len(changes):
            self.stdout.write(f"  … and {len(changes) - len(shown)} more (-v 2 lists them all)")

    def _bar(self, total: int, forced: bool):
        if not (forced or sys.stderr.isatty()) or total < 1:
            return None
        from tqdm import tqdm

        return tqdm(total=total, unit="story", file=sys.stderr, desc="Importing")

    def _members(self, export, dry_run: bool) -> None:
        try:
            from masthead.importing.members import apply_members
        except ImportError:
            self.stdout.write(f"Members: {len(export.members)} in the export, not imported.")
            return
        report = apply_members(export.members, dry_run=dry_run)
        would = "would be " if dry_run else ""
        self.stdout.write("Members:")
        for outcome in ("created", "updated", "unchanged"):
            counts = getattr(report, outcome)
            described = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            label = outcome if outcome == "unchanged" else f"{would}{outcome}"
            self.stdout.write(f"  {label}: {described or 'none'}")
        if report.signups_created:
            self.stdout.write(f"  newsletter sign-ups {would}made: {report.signups_created}")
        for name, count in sorted(report.newsletters_missing.items()):
            self.stdout.write(
                f"  newsletter “{name}” does not exist here: {count} member{pluralize(count)}"
            )
        for email, reason in report.awaiting_stripe:
            self.stdout.write(f"  {email}: {reason}")
        for email, reason in report.paid_without_access:
            self.stdout.write(f"  {email} was paid at the old paper, but {reason}: no access here")
        for skipped in report.skipped:
            self.stdout.write(f"  skipped {skipped.kind} {skipped.source_id}: {skipped.reason}")


def _reader(source: str):
    """The parser for ``source``, imported only when asked for."""
    if source == "wordpress":
        from masthead.importing.wordpress import read_export
    else:
        from masthead.importing.ghost import read_export
    return read_export
