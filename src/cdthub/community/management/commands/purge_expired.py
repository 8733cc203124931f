from django.core.management.base import BaseCommand

from cdthub.community import retention


class Command(BaseCommand):
    help = (
        "Delete what has passed the keeping periods /privacy/ states (rejected comments, "
        "handled contact messages, reviewed suggestions' addresses, expired sessions). Run daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(retention.purge().summary())
