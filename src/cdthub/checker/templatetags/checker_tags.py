"""Template filters of the /check/ page.

{% load checker_tags %}
{{ line.area|area_name }}   → "upper right quadrant" for "10" ("" for a code it lacks)
"""

from django import template

from cdthub.core.teeth import AREA_CODES

register = template.Library()


@register.filter
def area_name(code: str | None) -> str:
    return AREA_CODES.get(code or "", "")
