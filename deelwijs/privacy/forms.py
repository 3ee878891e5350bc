from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijs.common.forms import InputLimits


def _plain(name):
    return " ".join(name.split()).casefold()


class EraseForm(InputLimits, forms.Form):
    """The confirmation of an erasure: the administrator types the person's name, as a second look."""

    name = forms.CharField(label=_("Type the name of the person to confirm"), max_length=300)
    remove_register = forms.BooleanField(
        label=_("Also remove the entries of the register of conversations about this person"),
        required=False,
        help_text=_("Leave this off while the organisation's HR retention still applies to them."),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["name"].widget.attrs["autocomplete"] = "off"

    def clean_name(self):
        name = self.cleaned_data["name"]
        if _plain(name) != _plain(self.person.full_name):
            raise forms.ValidationError(
                _("This is not the name of the person. Type %(name)s, as shown above."),
                params={"name": self.person.full_name},
                code="mismatch",
            )
        return name
