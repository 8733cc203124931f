"""The Editor, Staff and Admin groups with their permissions (see community/accounts.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# group -> community permission codenames; a frozen copy of accounts.ROLES at this migration
ROLES = {
    "Editor": [
        "moderate_comment", "view_comment", "change_comment",
        "review_suggestion", "view_suggestion", "change_suggestion",
        "restore_revision", "view_revision", "view_auditentry",
    ],
    "Staff": [
        "view_contactmessage", "change_contactmessage", "view_auditentry",
    ],
}


def _permissions(apps):
    """Permissions are normally made after all migrations ran; make them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    _permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="community",
                                          codename__in=codenames)
        group.permissions.add(*perms)
    admin, _ = Group.objects.get_or_create(name="Admin")
    admin.permissions.add(*Permission.objects.all())


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[*ROLES, "Admin"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalog", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
