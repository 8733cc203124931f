"""Template filters of the community's forms.

{% load community_tags %}
{{ form.name|described }}
"""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def described(field: BoundField) -> SafeString:
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
