from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from deelwijs.common.forms import InputLimits, cap_post_text
from deelwijs.orgs.forms import FilterForm
from deelwijs.orgs.models import Location, Team
from deelwijs.orgs.roles import ROLES

from .images import process
from .models import Campaign, ContentItem, SuggestedText, Topic
from .uploads import KeepsUploads


class PhotoForm(InputLimits, forms.Form):
    """A photo with its description; the upload is processed (EXIF and GPS removed, resized) when it validates."""

    photo = forms.ImageField(
        label=_("Photo"), required=False, help_text=_("JPEG, PNG or WebP; location data is removed.")
    )
    photo_alt = forms.CharField(
        label=_("Photo description"),
        required=False,
        max_length=300,
        help_text=_("What is in the photo, for people who cannot see it."),
    )

    def clean_photo(self):

        photo = self.cleaned_data.get("photo")
        if photo:
            try:
                self.processed_photo = process(photo)
            except ValidationError as e:
                raise forms.ValidationError(e.messages) from e
            photo.seek(0)
        return photo


class ContentItemForm(KeepsUploads, PhotoForm, forms.ModelForm):
    # The photo survives a blocked suggested text as well as a form error (content.uploads).
    kept_fields = ("photo",)
    audience_roles = forms.MultipleChoiceField(
        label=_("Only for these roles"),
        choices=ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for all staff. Clients and volunteers only see items that name their role."),
    )

    class Meta:
        model = ContentItem
        fields = [
            "title",
            "link",
            "body",
            "topics",
            "campaign",
            "audience_roles",
            "audience_teams",
            "audience_locations",
            "starts_at",
            "expires_at",
            "pinned",
            "published",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 3}),
            "topics": forms.CheckboxSelectMultiple,
            "audience_teams": forms.CheckboxSelectMultiple,
            "audience_locations": forms.CheckboxSelectMultiple,
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "expires_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["campaign"].queryset = Campaign.objects.all()
        self.fields["audience_teams"].queryset = Team.objects.all()
        self.fields["audience_locations"].queryset = Location.objects.all()
        if self.instance.pk:
            self.fields["audience_roles"].initial = self.instance.role_list

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("expires_at") and data["expires_at"] <= data["starts_at"]:
            self.add_error("expires_at", _("The end must come after the start."))
        return data


class SuggestedTextForm(InputLimits, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap_post_text(self.fields["text"])


SuggestedTextFormSet = inlineformset_factory(
    ContentItem,
    SuggestedText,
    form=SuggestedTextForm,
    fields=["network", "text"],
    extra=2,
    # A few per network; without a maximum a posted TOTAL_FORMS of 10**40 built 2 000 forms (13 s).
    max_num=30,
    absolute_max=30,
    validate_max=True,
    can_delete=True,
    widgets={"text": forms.Textarea(attrs={"rows": 4})},
)


class OverrideForm(InputLimits, forms.Form):
    """The reason communications gives to keep a text the post check blocks; it goes into the audit log."""

    override_reason = forms.CharField(label=_("Reason to keep the blocked text"), required=False, max_length=300)


class ShareForm(InputLimits, forms.Form):
    text = cap_post_text(forms.CharField(label=_("Your text"), widget=forms.Textarea(attrs={"rows": 7})))
    confirmed = forms.BooleanField(label=_("I have read the warnings and still want to share this."), required=False)
    mastodon_instance = forms.CharField(
        label=_("Your Mastodon server"),
        required=False,
        max_length=200,
        help_text=_("For example mastodon.nl; we remember it on this device."),
    )


class FeedFilter(FilterForm):
    """The feed's topic and campaign, by the Dutch parameter names the links use."""

    onderwerp = forms.ModelChoiceField(Topic.objects.none(), required=False)
    campagne = forms.ModelChoiceField(Campaign.objects.none(), required=False)

    def __init__(self, data, organisation):
        super().__init__(data)
        self.fields["onderwerp"].queryset = Topic.objects.all()
        self.fields["campagne"].queryset = Campaign.objects.all()
