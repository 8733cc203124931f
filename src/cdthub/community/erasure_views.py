"""The desk page that erases a person's data by e-mail address (erasure.py does the work).
Only for accounts allowed to delete comments, contact messages and suggestions (Admin)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from . import erasure
from .accounts import role_required


class ErasureForm(forms.Form):
    email = forms.EmailField(label="E-mail address", max_length=254)


@never_cache
@role_required(*erasure.PERMISSIONS)
def erase(request: HttpRequest) -> HttpResponse:
    if not erasure.can_erase(request.user):
        raise PermissionDenied("Erasing needs the right to delete comments, messages, suggestions.")
    form = ErasureForm(request.POST or None)
    held = earlier = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if request.POST.get("confirm") == "erase":
            done = erasure.erase_person(email, request.user)
            messages.success(
                request, f"Erased: {done.summary()}. Audit fingerprint {done.fingerprint}."
            )
            return redirect("community:erase")
        held = erasure.preview(email)
        earlier = erasure.erased_before(email)
    return render(
        request,
        "community/desk/erase.html",
        {"form": form, "held": held, "earlier": earlier},
    )
