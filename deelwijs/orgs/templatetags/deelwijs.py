from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def web_address(url):
    """The address when it is http(s), else nothing: a stored link is never rendered as javascript: or data:."""
    url = str(url or "")
    return url if url.lower().startswith(("http://", "https://")) else ""
