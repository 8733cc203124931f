"""Learn-more links of a code page (Resource), as workflow steps: add, change, remove, put back
an earlier list. Every step records a Revision of the code's whole list (before and after, so
the history shows it and an editor can restore it), writes an AuditEntry and refreshes the code
pages (versions.pages_changed: new page-cache entries and ETags)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from cdthub.catalog.versions import pages_changed

from .models import Resource, Revision, Suggestion

FIELDS = ("kind", "title", "url", "source", "note")
PART = Suggestion.Part.RESOURCE


def listed(code: str) -> list[dict[str, Any]]:
    """The code's links as a Revision keeps them."""
    return [r.as_value() for r in Resource.objects.for_code(code)]


def public(code: str) -> list[dict[str, Any]]:
    """The code's links as the API shows them."""
    return [
        {
            "kind": r.kind,
            "title": r.title,
            "url": r.url,
            "domain": r.domain,
            "source": r.source,
            "note": r.note,
            "from_reader": r.from_reader,
        }
        for r in Resource.objects.for_code(code)
    ]


def _record(
    code: str, editor, before: list, *, kind: str = Revision.Kind.EDIT, note: str = "", **extra
) -> Revision:
    revision = Revision.objects.create(
        code=code,
        part=PART,
        kind=kind,
        previous_value=before,
        new_value=listed(code),
        editor=editor,
        note=note[:2000],
        **extra,
    )
    pages_changed()
    return revision


def _audit(action: str, editor, obj, detail: str = "") -> None:
    from .services import audit  # services imports this module for restoring

    audit(action, editor, obj, detail=detail)


def _checked(resource: Resource) -> Resource:
    resource.full_clean(exclude=["position", "created_at"])
    return resource


def add(code: str, editor, *, suggestion: Suggestion | None = None, **fields) -> Resource:
    """Attach a link to a code (at the end of its list). Raises ValidationError."""
    with transaction.atomic():
        before = listed(code)
        last = Resource.objects.for_code(code).order_by("-position").first()
        resource = _checked(
            Resource(
                code=code,
                position=(last.position + 1) if last else 0,
                **{k: (fields.get(k) or "").strip() for k in FIELDS},
                from_reader=bool(fields.get("from_reader")) or suggestion is not None,
            )
        )
        resource.save()
        _record(
            code,
            editor,
            before,
            kind=Revision.Kind.SUGGESTION if suggestion else Revision.Kind.EDIT,
            note=f"Added the link “{resource.title}”.",
            suggestion=suggestion,
            source=resource.url,
        )
        _audit("resource.added", editor, resource, detail=resource.url)
    return resource


def change(resource: Resource, editor, **fields) -> Resource:
    """Change a link's fields (those given). Raises ValidationError."""
    with transaction.atomic():
        before = listed(resource.code)
        for k in FIELDS:
            if k in fields:
                setattr(resource, k, (fields[k] or "").strip())
        if "position" in fields:
            resource.position = fields["position"]
        _checked(resource).save()
        _record(resource.code, editor, before, note=f"Changed the link “{resource.title}”.")
        _audit("resource.changed", editor, resource, detail=resource.url)
    return resource


def remove(resource: Resource, editor) -> None:
    with transaction.atomic():
        code, title = resource.code, resource.title
        before = listed(code)
        _audit("resource.removed", editor, resource, detail=resource.url)
        resource.delete()
        _record(code, editor, before, note=f"Removed the link “{title}”.")


def replace_all(code: str, value: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Inside a transaction: make the code's list `value` (restoring a revision); returns the
    list it had. Raises ValidationError when a stored link is no longer valid."""
    before = listed(code)
    Resource.objects.filter(code=code).delete()
    for n, item in enumerate(value or []):
        resource = Resource(
            code=code,
            position=n,
            from_reader=bool(item.get("from_reader")),
            **{k: item.get(k, "") for k in FIELDS},
        )
        _checked(resource).save()
    pages_changed()
    return before


__all__ = ["ValidationError", "add", "change", "listed", "public", "remove", "replace_all"]
