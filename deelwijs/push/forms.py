import base64
import binascii
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijs.common.forms import InputLimits
from deelwijs.common.outbound import allowed_hosts
from deelwijs.orgs.permissions import can_see_plan, is_webcare

from .models import DAILY_CAP_MAX, KINDS, REMINDER, URGENT, PushPreferences

# Kinds only some people can receive: a reminder goes to who is responsible for a planned post, an urgent inbox
# item to webcare (webcare.domain.report_signal).
KIND_RULES = {REMINDER: can_see_plan, URGENT: is_webcare}
TIME_MESSAGE = _("Fill in a time, such as 22:00.")


class PushPreferencesForm(InputLimits, forms.ModelForm):
    class Meta:
        model = PushPreferences
        fields = [kind.field for kind in KINDS.values() if kind.field] + ["quiet_start", "quiet_end", "daily_cap"]
        widgets = {
            "quiet_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "quiet_end": _(
                "No notifications between these times; they come when the quiet hours end. The same "
                "time twice means no quiet hours."
            ),
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        for code, rule in KIND_RULES.items():
            if not rule(person):
                del self.fields[KINDS[code].field]
        for name in ("quiet_start", "quiet_end"):
            self.fields[name].error_messages.update(required=TIME_MESSAGE, invalid=TIME_MESSAGE)
        cap = self.fields["daily_cap"]
        cap.widget.attrs.update(min=1, max=DAILY_CAP_MAX)
        between = _("Fill in a number from 1 to %(max)s.") % {"max": DAILY_CAP_MAX}
        cap.error_messages.update(required=between, invalid=between, min_value=between, max_value=between)
        cap.help_text = _("Urgent webcare items always come through.") if URGENT in self.kinds else ""

    @property
    def kinds(self):
        return [code for code, kind in KINDS.items() if kind.field in self.fields]


def _decoded(value):
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


UNUSABLE = _(
    "This browser gave an address for notifications that Deelwijs cannot use. Try again, or use another browser."
)


class SubscriptionForm(InputLimits, forms.Form):
    """What the browser's pushManager.subscribe() gave, filled in by static/js/push.js."""

    endpoint = forms.CharField(max_length=1000, widget=forms.HiddenInput, error_messages={"required": UNUSABLE})
    p256dh = forms.CharField(max_length=100, widget=forms.HiddenInput, error_messages={"required": UNUSABLE})
    auth = forms.CharField(max_length=40, widget=forms.HiddenInput, error_messages={"required": UNUSABLE})

    def clean_endpoint(self):
        """A push service is reached over https; plain http only for a host the installation names itself
        (OUTBOUND_ALLOWED_HOSTS, as the tests' own push service on 127.0.0.1). Sending checks the address again."""
        endpoint = self.cleaned_data["endpoint"].strip()
        try:
            parts = urlsplit(endpoint)
            host = (parts.hostname or "").lower()
            parts.port  # noqa: B018 - raises ValueError for a port that is no number
        except ValueError as error:
            raise forms.ValidationError(UNUSABLE) from error
        secure = parts.scheme == "https" or (parts.scheme == "http" and host in allowed_hosts())
        if not host or not secure or any(c.isspace() for c in endpoint):
            raise forms.ValidationError(UNUSABLE)
        return endpoint

    def clean_p256dh(self):
        """The browser's public key: an uncompressed point on P-256 (65 bytes), as RFC 8291 requires."""
        value = self.cleaned_data["p256dh"].strip()
        raw = _decoded(value)
        try:
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw or b"")
        except ValueError as error:
            raise forms.ValidationError(UNUSABLE) from error
        if len(raw) != 65:
            raise forms.ValidationError(UNUSABLE)
        return value

    def clean_auth(self):
        """The browser's authentication secret: 16 bytes."""
        value = self.cleaned_data["auth"].strip()
        if len(_decoded(value) or b"") != 16:
            raise forms.ValidationError(UNUSABLE)
        return value
