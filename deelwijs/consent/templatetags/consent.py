"""The photo consent panel beside a photo (the item editor, the story review, the planned post)."""

from django import template

from deelwijs.orgs.permissions import can_keep_consent

from .. import domain
from ..forms import PhotoConsentForm

register = template.Library()


@register.inclusion_tag("consent/_photo_consent_panel.html", takes_context=True)
def photo_consent(context, image, number=""):
    """Who is in the photo and per channel whether it may be used. Communications and administrators also get
    the names and the form to link consent records; anyone else sees only whether consent is in order."""
    request = context.get("request")
    if not image or request is None:
        return {"show": False}
    consent = domain.consent_of(image)
    records = list(consent.records.all()) if consent else []
    keeps = can_keep_consent(request.user)
    data = {
        "show": True,
        "image": image,
        "number": number,
        "consent": consent,
        "records": records,
        "keeps": keeps,
        "channels": domain.channels_of(consent),
        "next": request.get_full_path(),
    }
    if keeps:
        initial = {"records": records, "no_recognisable_people": bool(consent and consent.no_recognisable_people)}
        data["form"] = PhotoConsentForm(image=image, initial=initial, prefix=f"photo{image.pk}")
    return data
