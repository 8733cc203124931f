from django.core.management.base import BaseCommand

from cdthub.catalog.loading import load_dataset


class Command(BaseCommand):
    help = "Copy the bundled CDT dataset into the database (skipped when already current)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="load even if unchanged")

    def handle(self, *args, force=False, **options):
        written = load_dataset(force=force)
        if written is None:
            self.stdout.write("dataset already current")
        else:
            self.stdout.write(f"loaded {written} codes")
