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


GUIDANCE_HELP = (
    "Summary: plain sentences. Guidance: a heading such as “When to use it:”, then one point a "
    "line starting with “- ”. Related codes: one a line, e.g. “D0150 - first visit”."
)


class SuggestionForm(GuardedForm):
    form_name = "suggestion"
    part = forms.ChoiceField(
        choices=Suggestion.Part.choices,
        label="Which part of the page?",
    )
    proposed_text = forms.CharField(
        max_length=Suggestion._meta.get_field("proposed_text").max_length,
        label="Your proposed text",
        help_text=GUIDANCE_HELP,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    source = forms.CharField(
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

    field_order = ["part", "proposed_text", "source", "email", "website", "ts"]

    def __init__(self, *args, code: str, catalog, current: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.code, self.catalog, self.current = code, catalog, current or {}

    def clean(self):
        cleaned = super().clean()
        part, text = cleaned.get("part"), cleaned.get("proposed_text")
        if part and text:
            try:
                value = parts.parse(part, text, self.code, self.catalog)
            except parts.PartError as e:
                self.add_error("proposed_text", str(e))
            else:
                if part in parts.FIELD_PARTS and value == self.current.get(part):
                    self.add_error("proposed_text", "This is the same as the current text.")
                cleaned["value"] = value
        return cleaned


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
    """An editor's decision on a suggested update."""

    action = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject"), ("changes", "Ask for changes")]
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
