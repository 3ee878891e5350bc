from django import template
from django.utils.crypto import salted_hmac

register = template.Library()


@register.simple_tag(takes_context=True)
def person_tag(context):
    """A code for the signed-in person, the same on every page and telling nothing about them; empty when signed
    out. The service worker keeps the last feed only for the person with this code (static/js/pwa.js)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    # In letters only: a page's figures and dates are searched for digits (by people and by tests) and should not
    # turn up in it.
    return salted_hmac("deelwijs.push.person_tag", str(user.pk)).hexdigest()[:16].translate(LETTERS)


LETTERS = str.maketrans("0123456789abcdef", "ghijklmnopqrstuv")
