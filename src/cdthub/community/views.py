"""Reader pages: leave a reply on a code, suggest an update, a code's public history, contact.

Every POST here is guarded the same way (`_guarded`): a per-client rate limit, a honeypot
(a bot is thanked and nothing is stored) and the form's time stamp. A form with errors comes
back with what the reader typed, each error next to its field.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cdthub.catalog import snapshot
from cdthub.catalog.models import CodeEntry
from cdthub.core.codes import GUIDANCE_SECTIONS, Code

from . import forms as forms_module
from . import parts, ratelimit, services, trust
from .accounts import RESTORE
from .diffs import side_by_side
from .forms import CommentForm, ContactForm, GuardedForm, SuggestionForm
from .models import Comment, Revision, Suggestion
from .moderation import default_policy

HISTORY_LIMIT = 200


def code_or_404(code: str) -> Code:
    found = snapshot.get().catalog.get(code)
    if found is None:
        raise Http404("No such CDT code")
    return found


def _guarded(
    request: HttpRequest,
    scope: str,
    form: GuardedForm,
    what: str,
    on_valid: Callable[[], HttpResponse | None],
    on_bot: Callable[[], HttpResponse],
) -> HttpResponse | None:
    """Run a public form's POST; None means: show the form again (with its errors).

    A valid form takes its place under the rate limit in one atomic step before anything is
    stored (so posts arriving together cannot all pass), and gives it back when nothing was."""
    counter = ratelimit.Counter.for_client(scope, request)
    if counter.exceeded():
        return ratelimit.too_many(request, counter, what)
    if form.caught_bot:
        counter.take()
        return on_bot()
    if not form.is_valid():
        return None
    if not counter.take():
        return ratelimit.too_many(request, counter, what)
    response = on_valid()
    if response is None:
        counter.give_back()
    return response


def _parent(code: Code, raw) -> Comment | None:
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    return Comment.objects.published().for_code(code.code).filter(pk=pk).first()


# comments -----------------------------------------------------------------------------------
def comment_form(request: HttpRequest, code: str) -> HttpResponse:
    found = code_or_404(code)
    opened = default_policy.comments_open(found)
    raw_parent = (
        request.POST.get("parent") if request.method == "POST" else request.GET.get("reply_to")
    )
    parent = _parent(found, raw_parent)
    if request.method == "POST" and raw_parent and parent is None:
        parent = False  # asked to reply to something that is not there
    thanks = reverse("community:comment_thanks", args=[found.code])
    form = CommentForm(request.POST or None, initial={"parent": parent.pk if parent else None})
    status = 200
    if request.method == "POST":
        if not opened:
            status = 403
        elif parent is False:
            form.is_valid()
            form.add_error(None, "The comment you replied to is no longer available.")
            status = 400
        else:

            def on_valid():
                try:
                    comment = services.post_comment(
                        code=found,
                        parent=parent,
                        name=form.cleaned_data["name"],
                        email=form.cleaned_data["email"],
                        body=form.cleaned_data["body"],
                        notify_replies=form.cleaned_data["notify_replies"],
                        confirmed=trust.confirmed(request, form.cleaned_data["email"]),
                    )
                except services.WorkflowError as e:
                    form.add_error(None, str(e))
                    return None
                return redirect(f"{thanks}?published=1" if comment.is_published else thanks)

            response = _guarded(
                request, "comment", form, "comments", on_valid, lambda: redirect(thanks)
            )
            if response is not None:
                return response
            status = 400
    return render(
        request,
        "community/comment_form.html",
        {"code": found, "form": form, "parent": parent or None, "opened": opened},
        status=status,
    )


def comment_thanks(request: HttpRequest, code: str) -> HttpResponse:
    found = code_or_404(code)
    published = request.GET.get("published") == "1"
    return render(
        request,
        "community/thanks.html",
        {
            "code": found,
            "title": "Your comment is published" if published else "Thank you for your comment",
            "lines": ["It is on the page now."]
            if published
            else [
                "An editor reads every comment before it appears on the page; this usually takes "
                "a day or two.",
                "Your email address stays private.",
                "Commented here before? We may e-mail you a link: open it in this browser and "
                "your next comments appear at once.",
            ],
            "back": reverse("catalog:code", args=[found.code]) + "#comments",
        },
    )


@never_cache
def confirm_address(request: HttpRequest, token: str) -> HttpResponse:
    """The link e-mailed to a regular commenter: this browser now vouches for the address."""
    try:
        held = trust.read_confirm_token(token)
    except trust.BadLink as e:
        return _link_page(request, "This link does not work", [str(e), _ASK_AGAIN], 400)
    response = _link_page(
        request,
        "Your address is confirmed",
        [
            "From this browser, your next comments appear on the page at once.",
            "A comment you already sent still waits for an editor.",
            "This browser remembers it for a year with a cookie that holds no address.",
        ],
    )
    trust.remember(response, held)
    return response


_ASK_AGAIN = (
    "If you have commented here before, send a new comment: we e-mail a new link, at most once "
    "a day."
)


@csrf_exempt  # the signed link is the authority; mail clients stop with a POST (RFC 8058)
@require_http_methods(["GET", "POST"])
@never_cache
def stop_replies(request: HttpRequest, token: str) -> HttpResponse:
    """One click from a reply e-mail: no more of them, for any comment from that address."""
    try:
        pk = trust.read_stop_token(token)
    except trust.BadLink as e:
        return _link_page(request, "This link does not work", [str(e)], 400)
    services.stop_reply_emails(pk)
    return _link_page(
        request,
        "No more reply e-mails",
        [
            "You will get no more e-mails about replies to your comments on cdthub.",
            "To get them again, tick “E-mail me when someone replies” on your next comment.",
        ],
    )


def _link_page(request: HttpRequest, title: str, lines: list[str], status: int = 200):
    return render(
        request,
        "community/thanks.html",
        {"title": title, "lines": lines, "back": reverse("catalog:home")},
        status=status,
    )


# suggested updates --------------------------------------------------------------------------
def _current_values(code: str) -> dict:
    entry = CodeEntry.objects.filter(code=code).first()
    return {p: parts.value_of(entry, p) for p in parts.FIELD_PARTS} if entry else {}


def _choices(current: dict) -> list[dict]:
    """What a reader may change, as links to the suggest form (one guidance section each)."""
    guidance = current.get(parts.GUIDANCE) or {}
    out = [{"part": parts.SUMMARY, "section": "", "label": "Summary"}]
    for key, label in GUIDANCE_SECTIONS:
        out.append(
            {
                "part": parts.GUIDANCE,
                "section": key,
                "label": label,
                "count": len(guidance.get(key) or []),
            }
        )
    out += [
        {"part": parts.RELATED, "section": "", "label": "Related codes"},
        {"part": parts.RESOURCE, "section": "", "label": "A link to learn more"},
        {"part": parts.OTHER, "section": "", "label": "Something else"},
    ]
    return out


def _edit_lines(request: HttpRequest) -> bool:
    """A line-editor button without JavaScript ("add a line below", "remove"): change the
    posted lines in place and show the form again; nothing is checked or stored yet."""
    action = "insert" if "insert" in request.POST else "remove" if "remove" in request.POST else ""
    if not action:
        return False
    data = request.POST.copy()
    lines = data.getlist("line")
    raw = data.get(action, "")
    at = len(lines) - 1 if raw == "end" else int(raw) if raw.isdigit() else -1
    if action == "insert":
        lines.insert(min(at + 1, len(lines)) if at >= -1 else len(lines), "")
    elif 0 <= at < len(lines):
        del lines[at]
    data.setlist("line", lines[: forms_module.LINES_MAX])
    data["focus"] = str(min(max(at + (1 if action == "insert" else 0), 0), len(lines) - 1))
    request.POST = data
    return True


def _rows(line: str) -> int:
    """Rows of a line's text box: long points wrap, so the whole of each one shows."""
    return min(1 + len(line) // 75, 6)


def suggest(request: HttpRequest, code: str) -> HttpResponse:
    found = code_or_404(code)
    current = _current_values(found.code)
    part = request.GET.get("part", parts.SUMMARY)
    if part not in Suggestion.Part.values:
        part = parts.SUMMARY
    section = request.GET.get("section", "")
    if part == parts.GUIDANCE and section not in dict(GUIDANCE_SECTIONS):
        section = GUIDANCE_SECTIONS[0][0]
    initial = {
        "part": part,
        "section": section if part == parts.GUIDANCE else "",
        "text": parts.to_text(part, current.get(part)) if part == parts.SUMMARY else "",
        "kind": "article",
    }
    editing_lines = request.method == "POST" and _edit_lines(request)
    form = SuggestionForm(
        request.POST if request.method == "POST" else None,
        code=found.code,
        catalog=snapshot.get().catalog,
        current=current,
        initial=initial,
    )
    thanks = reverse("community:suggest_thanks", args=[found.code])
    status = 200
    if editing_lines:
        form.show_unchecked()
    elif request.method == "POST":

        def on_valid():
            services.submit_suggestion(
                code=found,
                part=form.cleaned_data["part"],
                section=form.cleaned_data["section"],
                proposed_text=form.cleaned_data["proposed_text"],
                source=form.cleaned_data["source"],
                email=form.cleaned_data.get("email") or "",
            )
            return redirect(thanks)

        response = _guarded(
            request, "suggestion", form, "suggested updates", on_valid, lambda: redirect(thanks)
        )
        if response is not None:
            return response
        status = 400
    chosen_part, chosen_section = form.chosen_part, form.chosen_section
    focus = request.POST.get("focus", "") if editing_lines else ""
    return render(
        request,
        "community/suggest.html",
        {
            "code": found,
            "form": form,
            "choices": _choices(current),
            "chosen_part": chosen_part,
            "chosen_section": chosen_section,
            "chosen_label": parts.section_label(chosen_section)
            if chosen_part == parts.GUIDANCE
            else Suggestion.Part(chosen_part).label,
            "lines": [(n, line, _rows(line)) for n, line in enumerate(form.line_values())]
            if form.uses_lines
            else [],
            "focus_line": int(focus) if focus.isdigit() else None,
            "current_text": parts.to_text(chosen_part, current.get(chosen_part))
            if chosen_part != parts.OTHER
            else "",
        },
        status=status,
    )


def suggest_thanks(request: HttpRequest, code: str) -> HttpResponse:
    found = code_or_404(code)
    return render(
        request,
        "community/thanks.html",
        {
            "code": found,
            "title": "Thank you for your suggestion",
            "lines": [
                "An editor will compare it with the current text and check the source. Nothing "
                "changes on the page until an editor approves it.",
                "If you left an email address, we will tell you what became of it.",
            ],
            "back": reverse("catalog:code", args=[found.code]),
        },
    )


# history ------------------------------------------------------------------------------------
def history(request: HttpRequest, code: str) -> HttpResponse:
    found = code_or_404(code)
    revisions = list(Revision.objects.for_code(found.code).select_related("editor")[:HISTORY_LIMIT])
    rows = []
    for rev in revisions:
        diff = None
        if rev.restorable:
            diff = side_by_side(
                rev.part,
                rev.previous_value,
                rev.new_value,
                before_label="Before",
                after_label="After",
            )
        rows.append((rev, diff))
    return render(
        request,
        "community/history.html",
        {
            "code": found,
            "rows": rows,
            "can_restore": request.user.has_perm(RESTORE),
        },
    )


# contact ------------------------------------------------------------------------------------
def contact(request: HttpRequest) -> HttpResponse:
    topic = request.GET.get("topic", "")
    form = ContactForm(request.POST or None, initial={"topic": topic} if topic else None)
    thanks = reverse("community:contact_thanks")
    status = 200
    if request.method == "POST":

        def on_valid():
            services.submit_contact(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                topic=form.cleaned_data["topic"],
                message=form.cleaned_data["message"],
            )
            return redirect(thanks)

        response = _guarded(
            request, "contact", form, "messages", on_valid, lambda: redirect(thanks)
        )
        if response is not None:
            return response
        status = 400
    return render(request, "community/contact.html", {"form": form}, status=status)


def contact_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/thanks.html",
        {
            "title": "Thank you, your message is on its way",
            "lines": [
                "It reached the cdthub team. We answer coding questions and corrections as a "
                "rule within a few working days, by email.",
            ],
            "back": reverse("catalog:home"),
        },
    )
