import ipaddress
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijs.common import outbound
from deelwijs.common.forms import InputLimits
from deelwijs.orgs.models import Team

from .models import ChatChannel, host_is_known


class ChannelForm(InputLimits, forms.ModelForm):
    """A channel; its webhook address is never shown again once saved: left empty, the stored one stays."""

    webhook_url = forms.URLField(
        label=_("Webhook address"),
        max_length=2000,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    class Meta:
        model = ChatChannel
        fields = ["name", "kind", "webhook_url", "team", "sends_items", "sends_digest", "sends_webcare", "active"]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {
            "team": _(
                "Without a team the channel hears of the items for everyone; with one, of the items that team sees."
            ),
            "sends_webcare": _("Only urgent items, without the author; for a channel of webcare."),
            "active": _("Switched off, the channel gets nothing; saving it switched on also ends a pause."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].empty_label = _("The whole organisation")
        self.fields["team"].queryset = Team.objects.order_by("name")
        stored = self.instance.webhook_url
        # The stored secret never goes back into the page.
        self.initial["webhook_url"] = ""
        self.fields["webhook_url"].help_text = (
            _("Stored: %(masked)s. Leave this empty to keep it; paste a new address to replace it.")
            % {"masked": self.instance.masked_url}
            if stored
            else _("The address Teams' workflow or Slack's incoming webhook gives you; it begins with https://.")
        )

    def clean_webhook_url(self):
        url = self.cleaned_data["webhook_url"].strip()
        if not url:
            if self.instance.webhook_url:
                return self.instance.webhook_url
            raise forms.ValidationError(_("Paste the webhook address from Teams or Slack."), code="required")
        parts = urlsplit(url)
        if parts.scheme != "https":
            raise forms.ValidationError(
                _("Use an address that begins with https://; Teams and Slack always give one."), code="https"
            )
        if parts.username or parts.password:
            raise forms.ValidationError(_("An address with a name and password in it is not taken."), code="userinfo")
        host = (parts.hostname or "").strip("[]")
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None
        if address is not None and host not in outbound.allowed_hosts() and not outbound.is_public(str(address)):
            raise forms.ValidationError(
                _("This address is in an internal network; Deelwijs sends nothing there."), code="internal"
            )
        return url

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("sends_items", "sends_digest", "sends_webcare")):
            self.add_error("sends_items", _("Choose at least one kind of message for this channel."))
        return data

    def host_warning(self):
        """A word of warning (not an error) when the address is not on a host Teams or Slack use."""
        channel = self.instance
        if not channel.webhook_url or host_is_known(channel.kind, channel.host):
            return ""
        return _(
            "%(host)s is not an address of %(where)s that we know. If that is right (a relay of your own), fine; "
            "otherwise check the address and send a test message."
        ) % {"host": channel.host, "where": channel.get_kind_display()}
