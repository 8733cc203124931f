"""Pieces of code pages that belong to the community: the review bar (last reviewed, history,
suggest an update, editors' notes) and the comments with the "Leave a reply" form.

    {% load community_tags %}
    {% review_bar code %}
    {% comments_section code %}
"""

from django import template
from django.forms import BoundField

from cdthub.community.forms import CommentForm
from cdthub.community.models import Comment, Revision
from cdthub.community.moderation import default_policy

register = template.Library()


@register.inclusion_tag("community/_review_bar.html")
def review_bar(code):
    return {
        "code": code,
        "last_reviewed": Revision.objects.last_reviewed(code.code),
        "notes": list(Revision.objects.filter(code=code.code).notes()[:5]),
    }


@register.inclusion_tag("community/_comments.html", takes_context=True)
def comments_section(context, code):
    threads = list(Comment.objects.threads(code.code))
    count = sum(1 + len(t.published_replies) for t in threads)
    return {
        "code": code,
        "threads": threads,
        "count": count,
        "opened": default_policy.comments_open(code),
        # a cached page renders a placeholder stamp, filled in per request (catalog.page_cache)
        "form": CommentForm(initial={"ts": context["form_stamp"]})
        if context.get("form_stamp")
        else CommentForm(),
        "request": context.get("request"),
    }


@register.filter
def described(field: BoundField):
    """The field's widget with aria-describedby pointing at its help text and its errors."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    attrs = {}
    if field.errors:
        ids.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)
