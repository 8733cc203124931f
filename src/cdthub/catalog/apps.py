from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "cdthub.catalog"
    label = "catalog"
    verbose_name = "CDT catalog"
