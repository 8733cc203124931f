from django import template

from cdthub.core.codes import claim_needs as _claim_needs

register = template.Library()


@register.filter
def claim_needs(code):
    return _claim_needs(code)
