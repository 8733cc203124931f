"""The editor and staff desk: moderation queue, suggested-update review, restoring revisions,
contact messages. Each page needs login and a role; each action is one call into services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cdthub.catalog.models import CodeEntry

from . import duplicates, parts, services
from .accounts import CONTACT, MODERATE, RESTORE, REVIEW, role_required
from .diffs import side_by_side
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


MAX_ID = 2**63 - 1  # the largest row id the databases hold


def _ids(values) -> list[int]:
    """Row ids from the desk's own forms; anything else there is a forged request (400)."""
    out = []
    for v in values:
        if v in (None, ""):
            continue
        if not (isinstance(v, str) and v.isascii() and v.isdigit() and 0 < int(v) <= MAX_ID):
            raise BadRequest("Not a row id.")
        out.append(int(v))
    return out


@role_required(MODERATE)
def moderation(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Comment.Status.PENDING)
    if status not in Comment.Status.values:
        status = Comment.Status.PENDING
    if request.method == "POST":
        single = request.POST.get("single", "")
        if single:
            action, _, raw_id = single.partition(":")
            ids = _ids([raw_id])
        else:
            action, ids = request.POST.get("bulk", ""), _ids(request.POST.getlist("ids"))
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


@role_required(REVIEW)
def suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Suggestion, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action, note = form.cleaned_data["action"], form.cleaned_data["note"]
        try:
            if action == "approve":
                services.approve_suggestion(item, request.user)
                messages.success(request, f"Approved: the page of {item.code} shows it now.")
            elif action == "reject":
                services.reject_suggestion(item, request.user, note)
                messages.success(request, "Rejected; the reason is recorded.")
            else:
                services.request_changes(item, request.user, note)
                messages.success(request, "Changes requested.")
        except (services.WorkflowError, parts.PartError) as e:
            messages.error(request, str(e))
            return redirect("community:suggestion", pk=item.pk)
        nxt = Suggestion.objects.open().order_by("created_at").first()
        return (
            redirect("community:suggestion", pk=nxt.pk)
            if nxt
            else redirect("community:suggestions")
        )
    entry = CodeEntry.objects.filter(code=item.code).first()
    current = parts.value_of(entry, item.part) if entry else None
    try:
        proposed = parts.parse(item.part, item.proposed_text, item.code)
        problem = ""
    except parts.PartError as e:
        proposed, problem = item.proposed_text, str(e)
    diff = side_by_side(item.part, current if item.part != parts.OTHER else "", proposed)
    return render(
        request,
        "community/desk/suggestion.html",
        {
            "item": item,
            "form": form,
            "diff": diff,
            "problem": problem,
            "code": code_or_404(item.code),
            "open_count": Suggestion.objects.open().count(),
        },
        status=400 if request.method == "POST" else 200,
    )


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
        msg = ContactMessage.objects.filter(pk__in=_ids([request.POST.get("handled")])).first()
        if msg is not None and request.user.has_perm("community.change_contactmessage"):
            services.mark_contact_handled(msg, request.user)
            messages.success(request, f"Message from {msg.name} marked as handled.")
        else:
            messages.error(request, "That message cannot be marked as handled.")
        return redirect(f"{reverse('community:contact_messages')}?show={show}")
    queue = ContactMessage.objects.unhandled() if show == "new" else ContactMessage.objects.all()
    page = Paginator(queue.order_by("-created_at"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "community/desk/contact_messages.html", {"page": page, "show": show})
