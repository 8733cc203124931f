"""Row ids sent back by staff forms (the desk's and the admin's bulk actions). Anything else
there is a forged or mangled request: a 400, never a database error (an id past the
databases' 64-bit range made SQLite raise OverflowError, a 500)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import BadRequest

MAX_ID = 2**63 - 1  # the largest row id the databases hold


def row_ids(values: Iterable[object]) -> list[int]:
    """The ids in `values` (empty ones skipped); BadRequest (400) on anything else."""
    out = []
    for v in values:
        if v in (None, ""):
            continue
        if not (isinstance(v, str) and v.isascii() and v.isdigit() and 0 < int(v) <= MAX_ID):
            raise BadRequest("Not a row id.")
        out.append(int(v))
    return out


class RowIdAdmin(admin.ModelAdmin):
    """A ModelAdmin whose bulk actions accept only row ids (every cdthub admin uses it)."""

    def response_action(self, request, queryset):
        row_ids(request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
        return super().response_action(request, queryset)
