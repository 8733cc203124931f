from django.apps import AppConfig


class CheckerConfig(AppConfig):
    name = "cdthub.checker"
    label = "checker"
    verbose_name = "Claim checker"
