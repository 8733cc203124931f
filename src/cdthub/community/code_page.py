"""What the community adds to every code page, registered with the catalog at start-up
(apps.py): the "Learn more" links, the review bar (last reviewed, history, suggest an update,
editors' notes), the comments with the "Leave a reply" form, and that form's time stamp as a
hole in cached pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template import Context

from cdthub.catalog.code_page import code_page
from cdthub.core.codes import Code

from . import resources
from .forms import CommentForm, stamp
from .models import Comment, Resource, Revision
from .moderation import default_policy


def review_bar(code: Code, context: Context) -> dict[str, Any]:
    return {
        "code": code,
        "last_reviewed": Revision.objects.last_reviewed(code.code),
        "notes": list(Revision.objects.filter(code=code.code).notes()[:5]),
    }


def learn_more(code: Code, context: Context) -> dict[str, Any]:
    links = list(Resource.objects.for_code(code.code))
    return {
        "code": code,
        "resources": links,
        "any_from_reader": any(r.from_reader for r in links),
    }


def comments(code: Code, context: Context) -> dict[str, Any]:
    threads = list(Comment.objects.threads(code.code))
    # a cached page renders a placeholder stamp, filled in per request (the "form_stamp" hole)
    given = context.get("form_stamp")
    return {
        "code": code,
        "threads": threads,
        "count": sum(1 + len(t.published_replies) for t in threads),
        "opened": default_policy.comments_open(code),
        "form": CommentForm(initial={"ts": given}) if given else CommentForm(),
        "request": context.get("request"),
    }


def _form_stamp(request: HttpRequest) -> str:
    return stamp(CommentForm.form_name)


def register() -> None:
    code_page.add_fragment("review", "community/_resources.html", learn_more)
    code_page.add_fragment("review", "community/_review_bar.html", review_bar)
    code_page.add_fragment("end", "community/_comments.html", comments)
    code_page.add_hole("form_stamp", _form_stamp)
    code_page.add_detail("resources", resources.public)
