"""Admin for the catalog app."""

from django.contrib import admin

from cdthub.web.rowids import RowIdAdmin

from .models import OfficialText


@admin.register(OfficialText)
class OfficialTextAdmin(RowIdAdmin):
    """The ADA's text as imported by `cdthub import FILE --edition YEAR`: staff can look, not
    edit; the licensed file stays the only way in, so every row matches a file."""

    list_display = ("code", "edition", "short_nomenclature", "imported_at")
    list_filter = ("edition",)
    search_fields = ("code",)
    ordering = ("code", "-edition")
    readonly_fields = ("code", "edition", "nomenclature", "descriptor", "imported_at")

    @admin.display(description="nomenclature")
    def short_nomenclature(self, obj: OfficialText) -> str:
        text = obj.nomenclature
        return text if len(text) <= 80 else text[:79] + "…"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
