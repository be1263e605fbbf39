"""``masthead newsletter import FILE.csv``, ``send SLUG`` and ``resume``.

``resume`` queues again every edition left half-sent (its worker was killed):
the task worker's queue does not restart a task that was running when its
process died, and sending again sends only to those who have not had it.

``send`` refuses, before it assembles anything, when the settings are
production's and their email backend delivers nothing (the console, the demo's
mailbox): the edition would count as sent and no reader would get it.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Import newsletter readers from a CSV file, or send today's edition of a newsletter."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        importing = commands.add_parser(
            "import", help="Import readers: email, name, newsletters, status"
        )
        importing.add_argument("file")
        sending = commands.add_parser(
            "send",
            help="Assemble today's edition from the latest stories (unless one exists) and send it",
        )
        sending.add_argument("slug")
        sending.add_argument("--date", help="The edition's date (YYYY-MM-DD); today by default")
        commands.add_parser("resume", help="Queue every half-sent edition for the sending worker")

    def handle(self, *args, action, **options):
        if action == "import":
            return self.import_file(options["file"])
        if action == "resume":
            return self.resume()
        return self.send(options["slug"], options.get("date"))

    def import_file(self, file):
        from masthead.newsletters.importing import ImportRefused, import_signups

        try:
            report = import_signups(file)
        except (ImportRefused, OSError) as error:
            raise CommandError(f"Nothing imported: {error}") from error
        for line, reason in report.problems:
            self.stderr.write(f"line {line}: {reason}")
        self.stdout.write(
            f"{report.created} sign-ups imported, {report.updated} updated, "
            f"{report.unchanged} already there, {report.linked} linked to accounts, "
            f"{len(report.problems)} rows skipped."
        )

    def send(self, slug, on):
        from datetime import date

        from masthead.core.outgoing_mail import MailGoesNowhere, refuse_undelivered_mail
        from masthead.newsletters.assembly import edition_assemble
        from masthead.newsletters.models import Newsletter
        from masthead.newsletters.sending import edition_send

        try:  # before anything is assembled, claimed or marked sent
            refuse_undelivered_mail(f"the newsletter “{slug}”")
        except MailGoesNowhere as error:
            raise CommandError(str(error)) from error
        newsletter = Newsletter.objects.filter(slug=slug).first()
        if newsletter is None:
            known = ", ".join(Newsletter.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No newsletter “{slug}” (there are: {known}).")
        try:
            day = date.fromisoformat(on) if on else None
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD, not {on!r}") from error
        edition = edition_assemble(newsletter, on=day)
        report = edition_send(edition)
        if report.nobody:
            raise CommandError(
                f"{edition}: no reader would receive it. Nothing was sent; it stays a draft."
            )
        self.stdout.write(
            f"{edition}: {report.sent} sent, {report.refused} refused, "
            f"{report.recipients} recipients ({report.rate:.0f} a second)."
        )

    def resume(self):
        from masthead.newsletters.models import Edition
        from masthead.newsletters.tasks import send_edition_task

        editions = list(Edition.objects.filter(status=Edition.Status.SENDING))
        for edition in editions:
            send_edition_task.enqueue(edition_id=edition.pk)
        self.stdout.write(f"{len(editions)} half-sent editions queued again.")
