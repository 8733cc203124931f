from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "cdthub.community"
    label = "community"
    verbose_name = "Community"

    def ready(self) -> None:
        from django.contrib import admin

        from . import code_page, logins, ratelimit

        code_page.register()  # the review bar, comments and form stamp on every code page
        admin.site.login_form = logins.AdminLoginForm  # the same limits on failed logins
        ratelimit.watch_for_proxies()
