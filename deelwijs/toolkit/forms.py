from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.common.forms import InputLimits, cap_post_text
from deelwijs.consent.domain import consent_of
from deelwijs.content.forms import PhotoForm
from deelwijs.content.models import SHARE_NETWORKS
from deelwijs.content.uploads import KeepsUploads
from deelwijs.orgs.forms import FilterForm
from deelwijs.orgs.roles import ROLES

from . import domain
from .files import attachment_file
from .models import Banner, LibraryImage, Page, PostFormat

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AudienceForm(InputLimits, forms.ModelForm):
    """The roles a page or format is for, as the content hub asks them."""

    audience_roles = forms.MultipleChoiceField(
        label=_("Only for these roles"),
        choices=ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for all staff. Clients and volunteers only see what names their role."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The model's own value is the stored ",client,volunteer,", which ticks no box (and saved so, made the
            # item for everyone): the form's initial, which wins over a field's, takes the list.
            self.initial["audience_roles"] = self.instance.role_list

    def save(self, commit=True):
        self.instance.set_roles(self.cleaned_data.get("audience_roles") or [])
        return super().save(commit)


class PageForm(KeepsUploads, AudienceForm):
    kept_fields = ("attachment",)
    attachment = forms.FileField(
        label=_("Add a file"),
        required=False,
        help_text=_(
            "A PDF, Office or OpenDocument file, a text or an image, up to 15 MB. Photos lose their EXIF data."
        ),
    )

    class Meta:
        model = Page
        fields = ["title", "kind", "network", "summary", "body", "audience_roles", "published", "checked_on"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14}), "checked_on": DATE}
        help_texts = {
            "network": _("Only for a guide."),
            "checked_on": _(
                "Only for a guide: the day someone checked it against the network. After six months "
                "communications gets a reminder."
            ),
        }

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            try:
                self.attachment_file = attachment_file(upload)
            except ValidationError as e:
                raise forms.ValidationError(e.messages) from e
        return upload

    def clean(self):
        data = super().clean()
        kind, network = data.get("kind"), data.get("network")
        others = Page.objects.exclude(pk=self.instance.pk)
        if kind in Page.SINGLE_KINDS and others.filter(kind=kind).exists():
            self.add_error("kind", _("There is already a page of this kind. Edit that one instead."))
        if kind == Page.GUIDE:
            if not network:
                self.add_error("network", _("Choose the network this guide is for."))
            elif others.filter(kind=Page.GUIDE, network=network).exists():
                self.add_error("network", _("There is already a guide for this network. Edit that one instead."))
            if not data.get("checked_on"):
                self.add_error("checked_on", _("Fill in when the guide was last checked, for example today."))
            elif data["checked_on"] > timezone.localdate():
                self.add_error("checked_on", _("This day has not come yet. Fill in when it was checked."))
        return data


class WithPhotoForm(KeepsUploads, PhotoForm, forms.ModelForm):
    """A library image or a banner: the photo is needed for a new one, and may replace the one it has."""

    kept_fields = ("photo",)
    field_order = ["photo", "photo_alt", "photo_decorative"]
    missing_photo = _("Choose the photo or image to add.")

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        if self.instance.pk:
            self.fields["photo_alt"].initial = self.instance.image.alt
            self.fields["photo"].label = _("Another photo (leave empty to keep this one)")

    def clean(self):
        data = super().clean()
        if not self.instance.pk and not data.get("photo") and "photo" not in self.errors:
            self.add_error("photo", self.missing_photo)
        return data

    def describes_a_photo(self, data):
        # The description here is the photo's own, kept or changed on every save (toolkit.domain.save_with_photo).
        return super().describes_a_photo(data) or bool(self.instance.pk and self.instance.image_id)


class LibraryImageForm(WithPhotoForm):
    channels = forms.MultipleChoiceField(
        label=_("May be used on"), choices=SHARE_NETWORKS, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = LibraryImage
        fields = ["title", "licence", "source", "credit", "channels", "expires_on"]
        widgets = {"expires_on": DATE}

    nobody_recognisable = forms.BooleanField(
        label=_("Nobody recognisable is in it"),
        required=False,
        help_text=_(
            "For scenery, objects, or people who cannot be recognised. Otherwise the library offers the image only "
            "once everyone in it has given consent for staff's own social media: link their consent after saving."
        ),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        self.fields["channels"].error_messages["required"] = _("Choose at least one network it may be used on.")
        if self.instance.pk:
            # The instance's own value is the stored ",linkedin,x,", which ticks no box: the form's initial, which
            # wins over a field's, takes the list.
            self.initial["channels"] = self.instance.channel_list
            marked = consent_of(self.instance.image)
            self.fields["nobody_recognisable"].initial = bool(marked and marked.no_recognisable_people)

    def clean(self):
        data = super().clean()
        expires = data.get("expires_on")
        if expires and expires < timezone.localdate() and "expires_on" in self.changed_data:
            self.add_error("expires_on", _("This day has passed: the image could not be used any more."))
        return data

    def save(self, commit=True):
        self.instance.set_channels(self.cleaned_data["channels"])
        return super().save(commit)


class BannerForm(WithPhotoForm):
    missing_photo = _("Choose the banner image to add.")

    class Meta:
        model = Banner
        fields = ["network", "title"]


class PostFormatForm(AudienceForm):
    class Meta:
        model = PostFormat
        fields = ["title", "use", "network", "text", "audience_roles", "published"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap_post_text(self.fields["text"])


class ChecklistForm(InputLimits, forms.Form):
    ticked = forms.MultipleChoiceField(
        label=_("My profile"), choices=domain.CHECKLIST, required=False, widget=forms.CheckboxSelectMultiple
    )
    in_directory = forms.BooleanField(label=_("Show “profiel op orde” with my name in the directory"), required=False)


class HandleCheckForm(InputLimits, forms.Form):
    handle = forms.CharField(
        label=_("Your handle"),
        max_length=100,
        help_text=_("As it is on the network, with or without @. For Mastodon with the server: @naam@mastodon.nl"),
    )


class LibraryFilter(FilterForm):
    """The library's network, by the Dutch name the links use."""

    kanaal = forms.ChoiceField(choices=[("", _("All networks")), *SHARE_NETWORKS], required=False)
