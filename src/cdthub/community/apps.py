from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "cdthub.community"
    label = "community"
    verbose_name = "Community"
