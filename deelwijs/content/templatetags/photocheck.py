"""The photo check's panel beside a photo (the item editor, the story review, the planned post, the share flow)."""

from django import template

from .. import photochecks

register = template.Library()


@register.inclusion_tag("content/_photo_check_panel.html", takes_context=True)
def photo_check(context, image, number=""):
    """What the photo check found in the photo, with the photo framed and numbered; while it is being checked, a
    note that photocheck.js replaces with the findings (a link reloads the page without JavaScript)."""
    request = context.get("request")
    if not image or request is None:
        return {"show": False}
    return photochecks.panel(request.user, image, number, request.get_full_path())
