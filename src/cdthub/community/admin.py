"""The Django admin for the community. Bulk actions call the same services as the desk pages,
so each step is audited the same way. Commenters' and suggesters' e-mail addresses are not
shown at all; a contact message's address is shown (read-only) on its own page only, since
staff answer it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models

from cdthub.web.rowids import RowIdAdmin

from . import parts, resources, services
from .accounts import MODERATE, REVIEW
from .models import AuditEntry, Comment, ContactMessage, Resource, Revision, Suggestion


def _moderate(action: str, label: str):
    @admin.action(description=label, permissions=["moderate"])
    def act(modeladmin, request, queryset):
        n = services.moderate_comments(list(queryset), request.user, action)
        label = services.MODERATION_ACTIONS[action].label
        modeladmin.message_user(request, f"{n} comment(s): {label}.")

    act.__name__ = f"{action}_comments"
    return act


@admin.register(Comment)
class CommentAdmin(RowIdAdmin):
    list_display = ["code", "name", "short_body", "status", "created_at", "is_reply"]
    list_filter = ["status", "created_at"]
    search_fields = ["code", "name", "body"]
    exclude = ["email"]
    readonly_fields = [
        "code",
        "parent",
        "name",
        "body",
        "created_at",
        "moderated_at",
        "moderated_by",
        "status",
        "notify_replies",
        "replies_told_at",
    ]
    actions = [
        _moderate("approve", "Approve selected comments"),
        _moderate("reject", "Reject selected comments"),
        _moderate("spam", "Mark selected comments as spam"),
    ]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE)

    @admin.display(description="comment")
    def short_body(self, obj):
        return obj.body[:80]

    @admin.display(boolean=True, description="reply")
    def is_reply(self, obj):
        return obj.parent_id is not None


@admin.register(Suggestion)
class SuggestionAdmin(RowIdAdmin):
    list_display = ["code", "part", "status", "created_at", "reviewed_by", "reviewed_at"]
    list_filter = ["status", "part"]
    search_fields = ["code", "proposed_text", "source"]
    exclude = ["email"]
    readonly_fields = [
        "code",
        "part",
        "section",
        "proposed_text",
        "edited_text",
        "source",
        "status",
        "created_at",
        "reviewed_at",
        "reviewed_by",
        "review_note",
    ]
    actions = ["approve"]

    def has_add_permission(self, request):
        return False

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW)

    @admin.action(description="Approve selected suggestions (apply them)", permissions=["review"])
    def approve(self, request, queryset):
        done = 0
        for item in queryset.order_by("created_at"):
            try:
                services.approve_suggestion(item, request.user)
                done += 1
            except (services.WorkflowError, parts.PartError) as e:
                self.message_user(request, f"{item}: {e}", messages.ERROR)
        self.message_user(request, f"{done} suggestion(s) approved.")


@admin.register(Revision)
class RevisionAdmin(RowIdAdmin):
    list_display = ["code", "kind", "part", "editor", "created_at"]
    list_filter = ["kind", "part"]
    search_fields = ["code", "source", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Resource)
class ResourceAdmin(RowIdAdmin):
    """Learn-more links; saving and deleting go through resources.py, so the admin's changes
    are in the code's history (and restorable) like the desk's."""

    list_display = ["code", "title", "kind", "source", "domain", "from_reader", "position"]
    list_filter = ["kind", "from_reader"]
    search_fields = ["code", "title", "url", "source"]
    fields = ["code", "kind", "title", "url", "source", "note", "position"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        values = {k: getattr(obj, k) for k in resources.FIELDS}
        if change:
            resources.change(obj, request.user, **values, position=obj.position)
        else:
            saved = resources.add(obj.code, request.user, **values)
            obj.pk, obj.position = saved.pk, saved.position

    def delete_model(self, request, obj):
        resources.remove(obj, request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            resources.remove(obj, request.user)


@admin.register(ContactMessage)
class ContactMessageAdmin(RowIdAdmin):
    list_display = ["created_at", "topic", "name", "short_message", "handled_at"]
    list_filter = ["topic", ("handled_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "message"]
    readonly_fields = [
        "name",
        "email",
        "topic",
        "message",
        "created_at",
        "handled_at",
        "handled_by",
    ]
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="message")
    def short_message(self, obj):
        return obj.message[:80]

    @admin.action(description="Mark selected messages as handled", permissions=["change"])
    def mark_handled(self, request, queryset):
        n = 0
        for msg in queryset.filter(handled_at__isnull=True):
            services.mark_contact_handled(msg, request.user)
            n += 1
        self.message_user(request, f"{n} message(s) marked as handled.")


@admin.register(AuditEntry)
class AuditEntryAdmin(RowIdAdmin):
    list_display = ["created_at", "action", "actor", "object_type", "object_id", "code"]
    list_filter = ["action"]
    search_fields = ["code", "action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
