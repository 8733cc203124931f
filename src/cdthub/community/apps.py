from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "cdthub.community"
    label = "community"
    verbose_name = "Community"

    def ready(self) -> None:
        from . import code_page

        code_page.register()  # the review bar, comments and form stamp on every code page
