"""The editors' desk for "Learn more" links: the list of every code's links, adding,
changing and removing one. Each change is one call into resources.py (revision, audit, page
refresh), as in the admin."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cdthub.catalog import snapshot
from cdthub.core.codes import normalize_code

from . import resources
from .accounts import RESOURCES, role_required
from .models import Resource

PAGE_SIZE = 50


class ResourceForm(forms.ModelForm):
    code = forms.CharField(max_length=12, label="Code", help_text="The code page it belongs on.")
    url = forms.URLField(
        assume_scheme="https",
        max_length=500,
        label="Address (URL)",
        help_text="An http:// or https:// address; without one, https:// is assumed.",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = Resource
        fields = ["code", "kind", "title", "url", "source", "note", "position"]
        labels = {"position": "Order on the page"}
        help_texts = {
            "note": "One line: what the reader gets from it (length, audience…).",
            "position": "Lower numbers come first.",
            "source": "Who published it: a payer, a dental society, a journal…",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a link stays on its code; remove it and add another to move it
            self.fields["code"].disabled = True
        else:
            self.fields["position"].required = False

    def clean_code(self) -> str:
        code = normalize_code(self.cleaned_data["code"] or "")
        if not code or snapshot.get().catalog.get(code) is None:
            raise ValidationError("Not a CDT code in the dataset.")
        return code


def _values(form: ResourceForm) -> dict:
    return {k: form.cleaned_data.get(k) or "" for k in resources.FIELDS}


@role_required(RESOURCES)
def resource_list(request: HttpRequest) -> HttpResponse:
    code = normalize_code(request.GET.get("code", "")) or ""
    queryset = Resource.objects.all().order_by("code", "position", "pk")
    if code:
        queryset = queryset.filter(code=code)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/desk/resources.html",
        {"page": page, "code": code, "query": f"code={code}" if code else ""},
    )


@role_required(RESOURCES)
def resource_add(request: HttpRequest) -> HttpResponse:
    initial = {"code": normalize_code(request.GET.get("code", "")) or ""}
    form = ResourceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = resources.add(form.cleaned_data["code"], request.user, **_values(form))
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Link added: the page of {item.code} shows it now.")
            return redirect(f"{reverse('community:resources')}?code={item.code}")
    return render(
        request,
        "community/desk/resource_form.html",
        {"form": form, "item": None},
        status=400 if request.method == "POST" else 200,
    )


@role_required(RESOURCES)
def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Resource, pk=pk)
    form = ResourceForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            resources.change(
                item, request.user, **_values(form), position=form.cleaned_data["position"]
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Link changed on the page of {item.code}.")
            return redirect(f"{reverse('community:resources')}?code={item.code}")
    return render(
        request,
        "community/desk/resource_form.html",
        {"form": form, "item": item},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@role_required(RESOURCES)
def resource_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Resource, pk=pk)
    resources.remove(item, request.user)
    messages.success(
        request, f"Link “{item.title}” removed from {item.code}; its history can restore it."
    )
    return redirect(f"{reverse('community:resources')}?code={item.code}")
