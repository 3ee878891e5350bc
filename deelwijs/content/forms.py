from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from deelwijs.common.forms import InputLimits, cap_post_text
from deelwijs.orgs.forms import FilterForm
from deelwijs.orgs.models import Location, Team
from deelwijs.orgs.roles import ROLES
from deelwijs.photocheck import Box

from .images import process
from .models import Campaign, ContentItem, SuggestedText, Topic
from .uploads import KeepsUploads


class PhotoForm(InputLimits, forms.Form):
    """A photo with its description; the upload is processed (EXIF and GPS removed, resized) when it validates.

    A new photo needs a description for people who cannot see it, or the explicit word that it is decorative
    (then it is shown with alt=""): never decorative by leaving the description empty.
    """

    asks_description = True
    photo = forms.ImageField(
        label=_("Photo"), required=False, help_text=_("JPEG, PNG or WebP; location data is removed.")
    )
    photo_alt = forms.CharField(
        label=_("Photo description"),
        required=False,
        max_length=300,
        help_text=_("What is in the photo, for people who cannot see it."),
    )
    photo_decorative = forms.BooleanField(
        label=_("The photo is decorative: it adds nothing the text does not already say"), required=False
    )

    def clean(self):
        data = super().clean()
        if self.asks_description and self.describes_a_photo(data) and not data.get("photo_alt", "").strip():
            if not data.get("photo_decorative") and "photo_alt" not in self.errors:
                self.add_error("photo_alt", _("Describe what is in the photo, or tick that it is decorative."))
        if data.get("photo_decorative"):
            data["photo_alt"] = ""
        return data

    def describes_a_photo(self, data):
        """Whether this form gives a photo its description: a new one (a form that keeps the photo's description
        while it has one says so too)."""
        return bool(data.get("photo")) and "photo" not in self.errors

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
            # The model's own value is the stored ",client,volunteer,", which ticks no box (and saved so, made the
            # item for everyone): the form's initial, which wins over a field's, takes the list.
            self.initial["audience_roles"] = self.instance.role_list

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


class CampaignForm(InputLimits, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "colour"]
        widgets = {"colour": forms.RadioSelect}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Campaign.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is a campaign with this name already."))
        return name


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
    """The feed's search, topic and campaign, by the Dutch parameter names the links use."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    onderwerp = forms.ModelChoiceField(Topic.objects.none(), required=False)
    campagne = forms.ModelChoiceField(Campaign.objects.none(), required=False)

    def __init__(self, data, organisation):
        super().__init__(data)
        self.fields["onderwerp"].queryset = Topic.objects.all()
        self.fields["campagne"].queryset = Campaign.objects.all()


class BlurForm(InputLimits, forms.Form):
    """What to blur in a photo: findings of the photo check (by their number on the photo), and a region of one's
    own in pixels of the photo (the page's script fills these when a rectangle is dragged on the photo)."""

    marks = forms.TypedMultipleChoiceField(
        label=_("Blur what the photo check found"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    REGION = ("x", "y", "width", "height")
    # A region smaller than this blurs nothing one could see.
    SMALLEST = 8

    def __init__(self, *args, image, marks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.image, self.boxes_by_number = image, {number: box for number, box, *_rest in marks}
        self.fields["marks"].choices = self.mark_labels(marks)
        width, height = max(image.width, 1), max(image.height, 1)
        limits = {
            "x": (_("From the left (pixels)"), 0, width - 1),
            "y": (_("From the top (pixels)"), 0, height - 1),
            "width": (_("Width (pixels)"), 1, width),
            "height": (_("Height (pixels)"), 1, height),
        }
        for name, (label, low, high) in limits.items():
            self.fields[name] = forms.IntegerField(label=label, min_value=low, max_value=high, required=False)

    @staticmethod
    def mark_labels(marks):
        kinds = {"face": _("a face"), "text": _("text"), "code": _("a code"), "unread": _("the whole photo")}
        labels = []
        for number, _box, _severity, kind, text in marks:
            what = kinds.get(kind, kind)
            labels.append((number, f"{number}. {what} (“{text}”)" if text else f"{number}. {what}"))
        return labels

    def clean(self):
        data = super().clean()
        filled = [name for name in self.REGION if data.get(name) is not None]
        if filled and len(filled) < len(self.REGION) and not any(name in self.errors for name in self.REGION):
            self.add_error(None, _("Fill in all four numbers of the region, or none of them."))
        if len(filled) == len(self.REGION):
            if data["width"] < self.SMALLEST or data["height"] < self.SMALLEST:
                self.add_error("width", _("Choose a region of at least 8 by 8 pixels."))
            elif data["x"] + data["width"] > self.image.width or data["y"] + data["height"] > self.image.height:
                self.add_error(
                    None,
                    _("The region does not fit in the photo, which is %(w)s by %(h)s pixels.")
                    % {"w": self.image.width, "h": self.image.height},
                )
        if not self.errors and not data.get("marks") and len(filled) < len(self.REGION):
            self.add_error(None, _("Choose what to blur: tick a finding, or draw or type a region."))
        return data

    @property
    def boxes(self):
        """The boxes to blur, in pixels of the stored photo."""
        data = self.cleaned_data
        boxes = [self.boxes_by_number[n] for n in data.get("marks") or [] if n in self.boxes_by_number]
        if all(data.get(name) is not None for name in self.REGION):
            boxes.append(Box(data["x"], data["y"], data["width"], data["height"]))
        return boxes


class AcceptPhotoForm(InputLimits, forms.Form):
    """The reason communications gives to use a photo as it is although the photo check blocks it (audit log)."""

    reason = forms.CharField(label=_("Reason to use the photo as it is"), max_length=300)
