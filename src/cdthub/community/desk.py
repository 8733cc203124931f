"""The editor and staff desk: moderation queue, suggested-update review, restoring revisions,
contact messages. Each page needs login and a role; each action is one call into services."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cdthub.catalog.models import CodeEntry
from cdthub.web.rowids import row_ids

from . import duplicates, parts, services
from .accounts import CONTACT, MODERATE, RESTORE, REVIEW, role_required
from .diffs import changes
from .forms import ReviewForm
from .models import Comment, ContactMessage, Resemblance, Revision, Suggestion
from .views import code_or_404

PAGE_SIZE = 50
ACTION_WORDS = {"approve": "approved", "reject": "rejected", "spam": "marked as spam"}


@role_required(MODERATE, REVIEW, CONTACT)
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "community/desk/home.html",
        {
            "pending_comments": Comment.objects.in_moderation().count()
            if user.has_perm(MODERATE)
            else None,
            "open_suggestions": Suggestion.objects.open().count()
            if user.has_perm(REVIEW)
            else None,
            "new_messages": ContactMessage.objects.unhandled().count()
            if user.has_perm(CONTACT)
            else None,
        },
    )


@role_required(MODERATE)
def moderation(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Comment.Status.PENDING)
    if status not in Comment.Status.values:
        status = Comment.Status.PENDING
    if request.method == "POST":
        single = request.POST.get("single", "")
        if single:
            action, _, raw_id = single.partition(":")
            ids = row_ids([raw_id])
        else:
            action, ids = request.POST.get("bulk", ""), row_ids(request.POST.getlist("ids"))
        if action not in services.MODERATION_ACTIONS:
            messages.error(request, "Choose approve, reject or spam.")
        elif not ids:
            messages.error(request, "Tick at least one comment first.")
        else:
            comments = list(Comment.objects.filter(pk__in=ids))
            n = services.moderate_comments(comments, request.user, action)
            messages.success(request, f"{n} comment{'s' if n != 1 else ''} {ACTION_WORDS[action]}.")
        return redirect(f"{reverse('community:moderation')}?status={status}")
    order = "created_at" if status == Comment.Status.PENDING else "-created_at"
    queue = (
        Comment.objects.filter(status=status)
        .select_related("parent")
        .prefetch_related(
            Prefetch("resemblances", queryset=Resemblance.objects.select_related("other")),
            Prefetch("resembled_by", queryset=Resemblance.objects.select_related("comment")),
        )
        .order_by(order)
    )
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    for c in page.object_list:
        c.flags = duplicates.flags(c)
    counts = {s: Comment.objects.filter(status=s).count() for s in Comment.Status.values}
    return render(
        request,
        "community/desk/moderation.html",
        {
            "page": page,
            "status": status,
            "statuses": Comment.Status.choices,
            "counts": counts,
        },
    )


@role_required(REVIEW)
def suggestions(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Suggestion.Status.PENDING)
    if status not in Suggestion.Status.values:
        status = Suggestion.Status.PENDING
    order = "created_at" if status == Suggestion.Status.PENDING else "-reviewed_at"
    page = Paginator(Suggestion.objects.filter(status=status).order_by(order), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "community/desk/suggestions.html",
        {
            "page": page,
            "status": status,
            "statuses": Suggestion.Status.choices,
        },
    )


def _decide(request: HttpRequest, item: Suggestion, action: str, note: str, text: str) -> str:
    """One editor decision; returns the message for the editor."""
    if action in ("save", "approve") and text.strip() and text.strip() != item.text_to_apply:
        item = services.edit_suggestion(item, request.user, text)
        if action == "save":
            return "Your version is saved; approving applies it."
    elif action == "save":
        return "Nothing changed in the text."
    if action == "approve":
        services.approve_suggestion(item, request.user)
        if item.part == parts.RESOURCE:
            return f"Approved: the link shows under “Learn more” on {item.code} now."
        return f"Approved: the page of {item.code} shows it now."
    if action == "reject":
        services.reject_suggestion(item, request.user, note)
        return "Rejected; the reason is recorded."
    services.request_changes(item, request.user, note)
    return "Changes requested."


@role_required(REVIEW)
def suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Suggestion, pk=pk)
    form = ReviewForm(request.POST or None, initial={"text": item.text_to_apply})
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        try:
            said = _decide(
                request, item, action, form.cleaned_data["note"], form.cleaned_data["text"]
            )
        except (services.WorkflowError, parts.PartError) as e:
            if action not in ("save", "approve"):
                messages.error(request, str(e))
                return redirect("community:suggestion", pk=item.pk)
            form.add_error("text", str(e))  # keep the editor's text to fix it
        else:
            messages.success(request, said)
            if action == "save":
                return redirect("community:suggestion", pk=item.pk)
            nxt = Suggestion.objects.open().order_by("created_at").first()
            return (
                redirect("community:suggestion", pk=nxt.pk)
                if nxt
                else redirect("community:suggestions")
            )
    item.refresh_from_db()
    entry = CodeEntry.objects.filter(code=item.code).first()
    if item.part == parts.RESOURCE:
        current = None
    elif item.part == parts.OTHER:
        current = ""
    else:
        current = parts.value_of(entry, item.part) if entry else None
    try:
        proposed = parts.parse(item.part, item.text_to_apply, item.code)
        problem = ""
    except parts.PartError as e:
        proposed, problem = item.text_to_apply, str(e)
    reader_diff = None
    if item.edited_text:
        reader_diff = changes(item.part, _lines_value(item.part, item.proposed_text), proposed)
    return render(
        request,
        "community/desk/suggestion.html",
        {
            "item": item,
            "form": form,
            "diff": changes(item.part, current, proposed),
            "reader_diff": reader_diff,
            "problem": problem,
            "section": parts.section_label(item.section) if item.section else "",
            "code": code_or_404(item.code),
            "open_count": Suggestion.objects.open().count(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _lines_value(part: str, text: str):
    """The reader's text as a value to compare, even if it does not parse."""
    try:
        return parts.parse(part, text, "")
    except parts.PartError:
        return text


@require_POST
@role_required(RESTORE)
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    revision = get_object_or_404(Revision, pk=pk)
    try:
        services.restore_revision(revision, request.user, side=request.POST.get("side", "after"))
        messages.success(request, f"Restored the {revision.part_label.lower()} of {revision.code}.")
    except services.WorkflowError as e:
        messages.error(request, str(e))
    return redirect("community:history", code=revision.code)


@require_POST
@role_required(REVIEW)
def mark_reviewed(request: HttpRequest, code: str) -> HttpResponse:
    found = code_or_404(code)
    services.mark_reviewed(found, request.user, request.POST.get("note", "")[:2000])
    messages.success(request, f"{found.code} marked as reviewed today.")
    return redirect("community:history", code=found.code)


@role_required(CONTACT)
def contact_messages(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "new")
    if request.method == "POST":
        msg = ContactMessage.objects.filter(pk__in=row_ids([request.POST.get("handled")])).first()
        if msg is not None and request.user.has_perm("community.change_contactmessage"):
            services.mark_contact_handled(msg, request.user)
            messages.success(request, f"Message from {msg.name} marked as handled.")
        else:
            messages.error(request, "That message cannot be marked as handled.")
        return redirect(f"{reverse('community:contact_messages')}?show={show}")
    queue = ContactMessage.objects.unhandled() if show == "new" else ContactMessage.objects.all()
    page = Paginator(queue.order_by("-created_at"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "community/desk/contact_messages.html", {"page": page, "show": show})
