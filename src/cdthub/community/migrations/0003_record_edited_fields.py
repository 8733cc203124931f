"""Before CodeEntry.edited existed, the catalog asked this app's revisions which fields editors
had changed. Copy that into CodeEntry.edited, so a reload of the bundled dataset keeps them."""

from django.db import migrations

FIELD_PARTS = ("summary", "guidance", "related")


def record_edited_fields(apps, schema_editor):
    Revision = apps.get_model("community", "Revision")
    CodeEntry = apps.get_model("catalog", "CodeEntry")
    edited: dict[str, set[str]] = {}
    for code, part in Revision.objects.filter(part__in=FIELD_PARTS).values_list("code", "part"):
        edited.setdefault(code, set()).add(part)
    for entry in CodeEntry.objects.filter(code__in=list(edited)):
        entry.edited = sorted(set(entry.edited) | edited[entry.code])
        entry.save(update_fields=["edited"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_codeentry_edited"),
        ("community", "0002_roles"),
    ]

    operations = [migrations.RunPython(record_edited_fields, migrations.RunPython.noop)]
