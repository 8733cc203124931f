"""Template tags of code pages: what a claim line needs, and what other apps add to a code page
(code_page.py).

    {% load catalog_tags %}
    {% for n in code|claim_needs %}…{% endfor %}
    {% code_page_fragments "end" code %}
"""

from django import template
from django.template import Context
from django.utils.safestring import SafeString, mark_safe

from cdthub.core.codes import Code
from cdthub.core.codes import claim_needs as _claim_needs

from ..code_page import code_page

register = template.Library()


@register.filter
def claim_needs(code: Code) -> list[str]:
    return _claim_needs(code)


@register.simple_tag(takes_context=True)
def code_page_fragments(context: Context, place: str, code: Code) -> SafeString:
    """Every fragment registered for `place`, rendered as inclusion tags render (the page's CSRF
    token, or its placeholder in a cached page, carried over)."""
    html = []
    for fragment in code_page.fragments(place):
        t = context.template.engine.get_template(fragment.template)
        inner = context.new(fragment.context(code, context))
        if context.get("csrf_token") is not None:
            inner["csrf_token"] = context["csrf_token"]
        html.append(t.render(inner))
    return mark_safe("".join(html))
