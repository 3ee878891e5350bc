from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from deelwijs.accounts.models import CorporateAccount
from deelwijs.common.forms import InputLimits, cap_post_text, live_check
from deelwijs.content.images import process
from deelwijs.content.models import SHARE_NETWORKS
from deelwijs.content.uploads import KeepsUploads

from .models import MAX_PHOTOS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultiplePhotoField, self).clean(f, initial) for f in files]


class StoryForm(KeepsUploads, InputLimits, forms.Form):
    # The photos survive a consent error and a blocked text: nobody chooses four photos twice (content.uploads).
    kept_fields = ("photos",)
    text = cap_post_text(
        forms.CharField(
            label=_("Your story"),
            widget=forms.Textarea(attrs={"rows": 8}),
            help_text=_("What happened, and why is it worth sharing? Communications may edit it."),
        )
    )
    photos = MultiplePhotoField(
        label=_("Photos (at most 4)"), required=False, help_text=_("JPEG, PNG or WebP; location data is removed.")
    )
    networks = forms.MultipleChoiceField(
        label=_("Where would it fit?"), choices=SHARE_NETWORKS, required=False, widget=forms.CheckboxSelectMultiple
    )
    consent = forms.BooleanField(label=_("Everyone in the photos agreed to be shown online."), required=False)
    confirmed = forms.BooleanField(label=_("I have read the warnings and still want to send this."), required=False)
    field_order = ["text", "photos"]  # then each photo's description, then the rest

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        # Each photo its own description (or the word that it is decorative), in the order the photos were chosen;
        # page.js shows as many as were chosen and names each after its file.
        for n in range(1, MAX_PHOTOS + 1):
            self.fields[f"photo_alt_{n}"] = forms.CharField(
                label=_("Description of photo %(n)d") % {"n": n},
                required=False,
                max_length=300,
                help_text=_("What is in the photo, for people who cannot see it."),
                widget=forms.TextInput(attrs={"data-photo-slot": n}),
            )
            self.fields[f"photo_decorative_{n}"] = forms.BooleanField(
                label=_("Photo %(n)d is decorative: it adds nothing the text does not already say") % {"n": n},
                required=False,
                widget=forms.CheckboxInput(attrs={"data-photo-slot": n}),
            )
        self.order_fields([*self.field_order, *(f for f in self.fields if f.startswith("photo_")), "networks"])
        # Checked as a post for the first network ticked (stories.views.check_story); the live findings replace
        # the ones the page came back with.
        live_check(self.fields["text"], network_field="networks", replaces="story-findings")

    def clean_photos(self):
        photos = self.cleaned_data["photos"]
        if len(photos) > MAX_PHOTOS:
            raise forms.ValidationError(_("Choose at most 4 photos."))
        self.processed = []
        for photo in photos:
            try:
                self.processed.append(process(photo))
            except ValidationError as e:
                raise forms.ValidationError(e.messages) from e
        return photos

    def clean(self):
        data = super().clean()
        if data.get("photos") and not data.get("consent"):
            self.add_error("consent", _("Confirm that everyone in the photos agreed, or leave the photos out."))
        self.descriptions = []
        for n, _photo in enumerate(data.get("photos") or [], start=1):
            alt = "" if data.get(f"photo_decorative_{n}") else data.get(f"photo_alt_{n}", "").strip()
            if not alt and not data.get(f"photo_decorative_{n}") and f"photo_alt_{n}" not in self.errors:
                self.add_error(
                    f"photo_alt_{n}",
                    _("Describe what is in photo %(n)d, or tick that it is decorative.") % {"n": n},
                )
            self.descriptions.append(alt)
        return data


class ReviewForm(InputLimits, forms.Form):
    text = cap_post_text(forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8})))
    title = forms.CharField(label=_("Title in the feed"), required=False, max_length=200)
    account = forms.ModelChoiceField(label=_("Plan on corporate account"), queryset=None, required=False)
    scheduled_at = forms.DateTimeField(
        label=_("Planned for"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    feedback = forms.CharField(
        label=_("Feedback for the author"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    ACTIONS = ("approve", "reject", "feed", "plan")

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["account"].queryset = CorporateAccount.objects.all()

    def clean(self):
        """What each decision needs: feedback to decline, a title for the feed, an account and a time to plan."""
        data = super().clean()
        if self.action == "reject" and not data.get("feedback", "").strip():
            self.add_error("feedback", _("Tell the author why, so they know what to send next time."))
        elif self.action == "feed" and not data.get("title", "").strip():
            self.add_error("title", _("Give the item a title for the feed."))
        elif self.action == "plan" and not (data.get("account") and data.get("scheduled_at")):
            self.add_error("account", _("Choose the corporate account and the date and time."))
        return data
