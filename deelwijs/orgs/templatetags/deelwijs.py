from django import template

from deelwijs.common import dates

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def web_address(url):
    """The address when it is http(s), else nothing: a stored link is never rendered as javascript: or data:."""
    url = str(url or "")
    return url if url.lower().startswith(("http://", "https://")) else ""


@register.filter
def short_date(value, format="j M"):
    """{{ day|short_date }} gives "1 dec.", {{ moment|short_date:"j M Y H:i" }} "1 dec. 2026 17:29"."""
    return dates.short_date(value, format)
