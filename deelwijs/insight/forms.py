from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.common import colours
from deelwijs.common.forms import InputLimits
from deelwijs.content.images import process
from deelwijs.content.uploads import KeepsUploads
from deelwijs.orgs.forms import FilterForm

from . import figures
from .models import ReportSettings

MAX_TARGET = 10_000_000


class LeaderboardFilter(FilterForm):
    """One of the periods on offer; anything else (a year 0, a quarter 5) is the current one."""

    period = forms.ChoiceField(required=False)

    def __init__(self, data):
        super().__init__(data)
        self.fields["period"].choices = figures.period_choices(timezone.localdate())
        self.fields["period"].initial = self.fields["period"].choices[0][0]


class ReportSettingsForm(KeepsUploads, InputLimits, forms.ModelForm):
    """The quarter's targets and the report's logo and house colour. A logo chosen on a page that comes back with
    an error is kept (KeepsUploads); it is cleaned and resized like every photo."""

    kept_fields = ("logo",)
    logo = forms.ImageField(
        label=_("Logo"),
        required=False,
        help_text=_("A PNG or JPEG, shown at the top of the report's first page. Its metadata is removed."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = ReportSettings
        fields = ["target_shares", "target_clicks", "target_active", "colour"]
        help_texts = {
            "target_shares": _("How often colleagues share something in a quarter. Empty: no target."),
            "target_clicks": _("Clicks on the links they shared, in a quarter. Empty: no target."),
            "target_active": _("People who shared at least once in the quarter. Empty: no target."),
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        for name in ("target_shares", "target_clicks", "target_active"):
            # No target of a programme runs into the millions; a larger number is a typing error.
            self.fields[name].validators.append(MaxValueValidator(MAX_TARGET))
            self.fields[name].widget.attrs["max"] = MAX_TARGET
        self.fields["colour"].widget.attrs.update({"placeholder": "#1f5e48", "autocomplete": "off"})
        if not self.instance.logo_id:
            del self.fields["remove_logo"]

    def clean_colour(self):
        typed = self.cleaned_data.get("colour", "")
        if not typed.strip():
            return ""
        colour = colours.normalise(typed)
        if colour is None:
            raise ValidationError(
                _("Write the colour as a hex code: a # and six digits or letters a to f, such as #1f5e48.")
            )
        ratio = colours.contrast(colour)
        if ratio < colours.TEXT_CONTRAST:
            raise ValidationError(
                _(
                    "This colour is too light for headings on white: the contrast is %(ratio)s to 1, and at least "
                    "4.5 to 1 is needed to read them. A darker shade of it that is readable: %(darker)s."
                ),
                params={"ratio": formats.number_format(ratio, 1), "darker": colours.darkened(colour)},
            )
        return colour

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            try:
                self.processed_logo = process(logo)
            except ValidationError as e:
                raise ValidationError(e.messages) from e
            logo.seek(0)
        return logo
