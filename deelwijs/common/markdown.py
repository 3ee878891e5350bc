import markdown
import nh3
from django.utils.safestring import mark_safe


def render_markdown(text):
    """Markdown from an administrator or communications, cleaned so it can never carry script."""
    return mark_safe(nh3.clean(markdown.markdown(text or "")))
