import sys

from django.core.management.base import BaseCommand, CommandError

from cdthub.community import erasure


class Command(BaseCommand):
    help = (
        "Erase what cdthub holds for one e-mail address (comments, contact messages, suggested "
        "updates), as /privacy/ promises. Shows what it finds and asks first."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the address the person wrote from")
        parser.add_argument("--yes", action="store_true", help="erase without asking")
        parser.add_argument("--dry-run", action="store_true", help="only show what would be erased")

    def handle(self, *args, email: str, yes: bool = False, dry_run: bool = False, **options):
        try:
            held = erasure.preview(email)
        except erasure.ErasureError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(
            f"Found {held.comments} comment(s) ({held.comments_replied_to} with replies from "
            f"others: anonymised, not deleted), {held.messages} contact message(s), "
            f"{held.suggestions} suggested update(s) ({held.suggestions_approved} approved: "
            "they keep their text and lose the address)."
        )
        earlier = erasure.erased_before(email)
        if earlier:
            when = earlier[0].created_at
            self.stdout.write(f"This address was erased before, on {when:%Y-%m-%d}.")
        if not held.anything:
            self.stdout.write("Nothing to erase.")
            return
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
            return
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("Not a terminal: add --yes to erase without asking.")
            if input("Erase all of it? [y/N] ").strip().lower() not in ("y", "yes"):
                self.stdout.write("Nothing changed.")
                return
        done = erasure.erase_person(email)
        self.stdout.write(f"Erased: {done.summary()}. Audit fingerprint {done.fingerprint}.")
