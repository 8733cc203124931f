"""The public forms (comment, suggested update, contact) and their guards against bots:
a honeypot field people never see and a signed time stamp (`ts`).

A stamp says when the form was shown, for which form, and carries a nonce: it is refused when
the form comes back faster than settings.CDTHUB_FORM_MIN_SECONDS or later than
CDTHUB_FORM_MAX_AGE, on another form (each form signs with its own salt), or a second time (the
nonce is spent in the shared cache on first acceptance; a form shown again carries a new one).
"""

from __future__ import annotations

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.forms.utils import ErrorDict

from cdthub.core.codes import GUIDANCE_SECTIONS

from . import parts, ratelimit
from .models import Comment, ContactMessage, Suggestion

_SALT = "cdthub.community.form-stamp"


def _signer(form: str) -> signing.Signer:
    return signing.Signer(salt=f"{_SALT}:{form}")


def stamp(form: str, now: float | None = None) -> str:
    """A signed time stamp for one showing of the public form named `form`."""
    shown = now if now is not None else time.time()
    return _signer(form).sign(f"{shown:.3f}:{secrets.token_urlsafe(12)}")


def _spend(nonce: str) -> bool:
    """Record a stamp's nonce as used; False when it already was (one atomic cache.add)."""
    timeout = settings.CDTHUB_FORM_MAX_AGE + 60
    return ratelimit.shared_cache().add(f"cdthub:stamp:{nonce}", 1, timeout=timeout)


class GuardedForm(forms.Form):
    """A public form with a honeypot (`website`) and a signed time stamp (`ts`)."""

    form_name = ""  # each public form names itself; its stamps work on it alone

    website = forms.CharField(
        required=False,
        max_length=200,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    ts = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ts"].initial = stamp(self.form_name)

    @property
    def caught_bot(self) -> bool:
        """The hidden field was filled in: treat as spam, store nothing."""
        return bool(self.is_bound and (self.data.get("website") or "").strip())

    def _restamp(self) -> None:
        self.data = self.data.copy()
        self.data["ts"] = stamp(self.form_name)

    def clean(self):
        cleaned = super().clean()
        try:
            shown, nonce = _signer(self.form_name).unsign(self.data.get("ts") or "").split(":")
            age = time.time() - float(shown)
        except (signing.BadSignature, ValueError):
            self._restamp()
            raise forms.ValidationError(
                "This form could not be checked. Please send it again.", code="stamp"
            ) from None
        if age > settings.CDTHUB_FORM_MAX_AGE:
            self._restamp()
            raise forms.ValidationError(
                "This form was open for a long time. Please check it and send it again.",
                code="expired",
            )
        if age < settings.CDTHUB_FORM_MIN_SECONDS:
            raise forms.ValidationError(  # the stamp stays good for a later try
                "That was very quick. Please check what you wrote and send it again.",
                code="too_fast",
            )
        self._restamp()  # this stamp is spent: if the form comes back, it carries a new one
        if not _spend(nonce):
            raise forms.ValidationError(
                "This copy of the form was already sent, so it was not stored again. To send "
                "it once more, send the form again.",
                code="replayed",
            )
        return cleaned


class CommentForm(GuardedForm):
    form_name = "comment"
    name = forms.CharField(max_length=80, label="Name", help_text="Shown with your comment.")
    email = forms.EmailField(
        max_length=254,
        label="Email",
        help_text="Never shown. Used only if an editor needs to reach you about this comment.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        max_length=Comment._meta.get_field("body").max_length,
        min_length=2,
        label="Comment",
        help_text="Plain text. Links become clickable after an editor approves the comment.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    notify_replies = forms.BooleanField(
        required=False,
        initial=False,
        label="E-mail me when someone replies",
        help_text="One e-mail per published reply, each with a link to stop them.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    field_order = ["name", "email", "body", "notify_replies", "website", "parent", "ts"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"


LINE_MAX = parts.ITEM_MAX
LINES_MAX = 40  # lines a reader may send for one section
EXTRA_LINE = ""


class SuggestionForm(GuardedForm):
    """A reader's proposed change to one part of a code page, edited in place: the summary or
    a note as text, one guidance section or the related codes as lines (one input a line,
    posted as `line`), a learn-more link as its fields. `clean()` turns it into the part's
    text format (parts.py) as `proposed_text`, the form the editors review."""

    form_name = "suggestion"
    part = forms.ChoiceField(choices=Suggestion.Part.choices, widget=forms.HiddenInput)
    section = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    text = forms.CharField(
        required=False,
        max_length=Suggestion._meta.get_field("proposed_text").max_length,
        label="Your text",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    lines = forms.CharField(required=False)  # errors about the lines; the lines are `line`
    kind = forms.ChoiceField(choices=parts.RESOURCE_KINDS, required=False, label="Kind of link")
    title = forms.CharField(
        required=False, max_length=parts.RESOURCE_LIMITS["title"], label="Title of the page"
    )
    url = forms.CharField(
        required=False,
        max_length=parts.RESOURCE_LIMITS["url"],
        label="Address (URL)",
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
    )
    publisher = forms.CharField(
        required=False,
        max_length=parts.RESOURCE_LIMITS["source"],
        label="Published by",
        help_text="A payer, a dental society, a journal, a university…",
    )
    note = forms.CharField(
        required=False,
        max_length=parts.RESOURCE_LIMITS["note"],
        label="One line on why it helps",
    )
    source = forms.CharField(
        required=False,
        max_length=500,
        label="Source or citation",
        help_text="Where this comes from: a payer policy, an ADA guide, an article, your "
        "experience with claims…",
    )
    email = forms.EmailField(
        required=False,
        max_length=254,
        label="Email (optional)",
        help_text="Only to tell you what became of your suggestion. Never shown.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["part", "section", "text", "source", "email", "website", "ts"]

    def __init__(self, *args, code: str, catalog, current: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.code, self.catalog, self.current = code, catalog, current or {}
        for name in self.REQUIRED.get(self.chosen_part, ("source",)):
            self.fields[name].required = True

    # the fields each part needs (the others are not shown)
    REQUIRED = {
        parts.SUMMARY: ("text", "source"),
        parts.OTHER: ("text", "source"),
        parts.RESOURCE: ("title", "url", "publisher"),
    }

    # what the form edits --------------------------------------------------------------------
    @property
    def chosen_part(self) -> str:
        value = self.data.get("part") if self.is_bound else self.initial.get("part")
        return value if value in Suggestion.Part.values else parts.SUMMARY

    @property
    def chosen_section(self) -> str:
        value = self.data.get("section") if self.is_bound else self.initial.get("section")
        return value if value in dict(GUIDANCE_SECTIONS) else ""

    @property
    def uses_lines(self) -> bool:
        return self.chosen_part == parts.RELATED or (
            self.chosen_part == parts.GUIDANCE and bool(self.chosen_section)
        )

    def current_lines(self) -> list[str]:
        """The lines as the page has them now."""
        if self.chosen_part == parts.GUIDANCE:
            return list((self.current.get(parts.GUIDANCE) or {}).get(self.chosen_section) or [])
        if self.chosen_part == parts.RELATED:
            return parts.to_text(parts.RELATED, self.current.get(parts.RELATED)).splitlines()
        return []

    def line_values(self) -> list[str]:
        """The lines to show: what the reader sent, else the current ones (one empty line
        when there are none)."""
        if self.is_bound:
            lines = [line[:LINE_MAX] for line in self.data.getlist("line")][:LINES_MAX]
        else:
            lines = self.current_lines()
        return lines or [EXTRA_LINE]

    def show_unchecked(self) -> None:
        """Show the sent form again without checking it (a line was added or removed)."""
        self._errors = ErrorDict()
        self.cleaned_data = {}

    # checking -------------------------------------------------------------------------------
    def clean(self):
        cleaned = super().clean()
        part = cleaned.get("part")
        if not part:
            return cleaned
        if part == parts.GUIDANCE and not self.chosen_section:
            self.add_error(None, "Choose which section of the guidance to change.")
            return cleaned
        try:
            text = self._proposed_text(part, cleaned)
        except forms.ValidationError as e:
            self.add_error(None, e)
            return cleaned
        if text is None:
            return cleaned  # a field error was added
        where = "lines" if self.uses_lines else "text"
        try:
            value = parts.parse(part, text, self.code, self.catalog)
        except parts.PartError as e:
            self.add_error("note" if part == parts.RESOURCE else where, str(e))
            return cleaned
        if part in parts.FIELD_PARTS and value == self.current.get(part):
            self.add_error(where, "This is the same as the current text: change something first.")
            return cleaned
        cleaned["proposed_text"] = text
        cleaned["section"] = self.chosen_section if part == parts.GUIDANCE else ""
        return cleaned

    def _proposed_text(self, part: str, cleaned: dict) -> str | None:
        if part in (parts.SUMMARY, parts.OTHER):
            text = cleaned.get("text", "").strip()
            return text or None  # empty: the required field's error is shown
        if part == parts.RESOURCE:
            return self._resource_text(cleaned)
        lines = [" ".join(line.split()) for line in self.data.getlist("line")]
        if len(lines) > LINES_MAX:
            self.add_error("lines", f"Send at most {LINES_MAX} lines for one section.")
            return None
        if any(len(line) > LINE_MAX for line in lines):
            self.add_error("lines", f"A line is longer than {LINE_MAX} characters; split it.")
            return None
        if part == parts.RELATED:
            if not any(lines):
                self.add_error("lines", "List at least one code, one a line.")
                return None
            return "\n".join(line for line in lines if line)
        guidance = parts.with_section(self.current.get(parts.GUIDANCE), self.chosen_section, lines)
        if not guidance:
            self.add_error("lines", "Keep at least one point in the guidance.")
            return None
        return parts.to_text(parts.GUIDANCE, guidance)

    def _resource_text(self, cleaned: dict) -> str | None:
        if not all(cleaned.get(name, "").strip() for name in ("title", "url", "publisher")):
            return None  # the required fields' errors are shown
        try:
            url = parts.check_url(cleaned["url"])
        except parts.PartError as e:
            self.add_error("url", str(e))
            return None
        value = {
            "kind": cleaned.get("kind") or "other",
            "title": cleaned["title"],
            "url": url,
            "source": cleaned["publisher"],
            "note": cleaned.get("note", ""),
        }
        cleaned["source"] = cleaned.get("source", "").strip() or url
        return parts.to_text(parts.RESOURCE, value)


class ContactForm(GuardedForm):
    form_name = "contact"
    name = forms.CharField(max_length=80, label="Name")
    email = forms.EmailField(
        max_length=254,
        label="Email",
        help_text="We answer here. Never shown or shared.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topic = forms.ChoiceField(
        choices=[("", "Choose a topic…"), *ContactMessage.Topic.choices], label="Topic"
    )
    message = forms.CharField(
        max_length=ContactMessage._meta.get_field("message").max_length,
        min_length=10,
        label="Message",
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    field_order = ["name", "email", "topic", "message", "website", "ts"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"


class ReviewForm(forms.Form):
    """An editor's decision on a suggested update, and their version of its text."""

    action = forms.ChoiceField(
        choices=[
            ("approve", "Approve"),
            ("save", "Save my version"),
            ("reject", "Reject"),
            ("changes", "Ask for changes"),
        ]
    )
    text = forms.CharField(
        required=False,
        max_length=Suggestion._meta.get_field("proposed_text").max_length,
        label="Text to apply",
        help_text="Edit the proposal before approving it if it needs it: approving applies this "
        "version; the reader’s original is kept with the suggestion.",
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        label="Reason or requested change",
        help_text="Needed to reject or to ask for changes; sent to the reader if they left "
        "an email.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in ("reject", "changes") and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why, so the reader knows what to do.")
        return cleaned
