import secrets
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.common.forms import InputLimits
from deelwijs.content.images import content_type_of, process
from deelwijs.orgs.forms import FilterForm
from deelwijs.orgs.pickers import PersonField, Picker

from . import domain
from .domain import other_photo_of_one_photo_consent
from .models import CHANNELS, PENDING_DIR, ConsentRecord

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_FORM_FILE = 10 * 1024 * 1024
# A form that was valid on its own, uploaded with a page that had other errors: kept here for the next try,
# under a random name, and known only to the session that uploaded it.
PENDING_KEY = "consent_pending_forms"


def read_form_file(upload):
    """(ContentFile, content type) of an uploaded signed form: a PDF as it is, a photo of the form cleaned
    and resized like every photo (no EXIF or GPS). Raises ValidationError in Dutch."""
    if upload.size > MAX_FORM_FILE:
        raise ValidationError(_("This file is larger than 10 MB. Choose a smaller one."))
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return ContentFile(upload.read(), name="form.pdf"), "application/pdf"
    try:
        sizes = process(upload)
    except ValidationError as e:
        raise ValidationError(_("Upload the form as a PDF, or as a JPEG, PNG or WebP photo.")) from e
    stored = sizes["large"][0]
    return stored, content_type_of(stored.name)


# The order of the page: who, where, which photos, how long, how it was given.
FIELD_ORDER = [
    "name",
    "kind",
    "person",
    "description",
    "representative_name",
    "representative_relation",
    "channels",
    "scope",
    "scope_description",
    "valid_from",
    "valid_until",
    "given_as",
    "signed_form",
    "recorded_by",
]


class ConsentRecordForm(InputLimits, forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Where the photos may be used"), choices=CHANNELS, widget=forms.CheckboxSelectMultiple, required=False
    )
    signed_form = forms.FileField(
        label=_("Signed form"),
        required=False,
        help_text=_("A PDF, or a photo of the form (JPEG, PNG or WebP), at most 10 MB."),
    )
    kept_form = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = ConsentRecord
        fields = [f for f in FIELD_ORDER if f not in ("channels", "signed_form")]
        widgets = {
            "valid_from": DATE,
            "valid_until": DATE,
            "kind": forms.RadioSelect,
            "given_as": forms.RadioSelect,
            "person": Picker("afgebeelde"),
            "recorded_by": Picker("toestemming-gehoord"),
        }
        field_classes = {"person": PersonField, "recorded_by": PersonField}

    def __init__(self, *args, organisation, pending=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = pending or {}
        self.upload = None  # (ContentFile or stored name, content type, original name) once valid
        self.fields["person"].queryset = domain.choosable_subjects(organisation)
        self.fields["recorded_by"].queryset = domain.choosable_witnesses(organisation)
        self.fields["scope"].widget = forms.RadioSelect(choices=ConsentRecord.SCOPES)
        if self.instance.pk:
            self.fields["channels"].initial = self.instance.channel_list
        self.order_fields(FIELD_ORDER)
        if self.kept:
            self.say_kept(self.kept["original"])

    def say_kept(self, original):
        text = _("The form %(name)s is kept; choose another file only to replace it.") % {"name": original}
        # The bound field copies its help text when it is made (validation made it already).
        self.fields["signed_form"].help_text = self["signed_form"].help_text = text

    @property
    def kept(self):
        """The pending upload this form carries (its session entry), or None."""
        return self.pending.get(self.data.get("kept_form") or "") if self.is_bound else None

    def clean_signed_form(self):
        upload = self.cleaned_data.get("signed_form")
        if upload:
            try:
                content, content_type = read_form_file(upload)
            except ValidationError as e:
                raise forms.ValidationError(e.messages) from e
            self.upload = (content, content_type, PurePosixPath(upload.name).name[:100])
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("channels"):
            self.add_error("channels", _("Choose at least one place where the photos may be used."))
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The last day cannot come before the first day."))
        if data.get("scope") == ConsentRecord.SERIES and not data.get("scope_description", "").strip():
            self.add_error("scope_description", _("Say which series or event the consent is for."))
        name, relation = data.get("representative_name", "").strip(), data.get("representative_relation", "").strip()
        if name and not relation:
            self.add_error("representative_relation", _("Say how the representative is related, e.g. mentor."))
        if relation and not name:
            self.add_error("representative_name", _("Fill in the name of the representative."))
        if data.get("given_as") == ConsentRecord.FORM:
            kept = self.kept
            if self.upload is None and kept:
                self.upload = (kept["name"], kept["content_type"], kept["original"])
            if self.upload is None and not self.instance.form and "signed_form" not in self.errors:
                self.add_error("signed_form", _("Upload the signed form, as a PDF or a photo."))
        elif data.get("given_as") == ConsentRecord.IN_APP and not data.get("recorded_by"):
            self.add_error("recorded_by", _("Choose the employee who heard the consent given."))
        return data

    def keep_upload(self, session):
        """The page has errors, but its signed form was fine: store it for the next try and say so."""
        if self.upload is None or not isinstance(self.upload[0], ContentFile):
            return
        content, content_type, original = self.upload
        suffix = ".pdf" if content_type == "application/pdf" else PurePosixPath(content.name).suffix
        name = default_storage.save(f"{PENDING_DIR}{secrets.token_hex(16)}{suffix}", content)
        token = secrets.token_urlsafe(16)
        pending = dict(session.get(PENDING_KEY, {}))
        pending[token] = {"name": name, "content_type": content_type, "original": original}
        session[PENDING_KEY] = pending
        self.upload = (name, content_type, original)
        self.data = self.data.copy()
        self.data["kept_form"] = token
        self.pending = pending
        self.say_kept(original)


class WithdrawForm(InputLimits, forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(
        label=_("How it was withdrawn"),
        required=False,
        max_length=300,
        help_text=_("For example: by phone to the team leader, or by e-mail from the mentor."),
    )

    def clean_withdrawn_on(self):
        day = self.cleaned_data["withdrawn_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A withdrawal cannot be dated in the future."))
        return day


class RecordsField(forms.ModelMultipleChoiceField):
    """Consent records by id; an id past any the database holds is an invalid choice, not a database error."""

    def _check_values(self, value):
        for pk in value:
            if len(str(pk)) > 18:
                message = self.error_messages["invalid_choice"]
                raise ValidationError(message, code="invalid_choice", params={"value": pk})
        return super()._check_values(value)


class PhotoConsentForm(InputLimits, forms.Form):
    records = RecordsField(
        ConsentRecord.objects.none(),
        label=_("The people in this photo"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Choose everyone who can be recognised (hold Ctrl or ⌘ to choose more than one)."),
    )
    no_recognisable_people = forms.BooleanField(label=_("Nobody in this photo can be recognised"), required=False)

    def __init__(self, *args, image, **kwargs):
        super().__init__(*args, **kwargs)
        self.image = image
        # Consents still running, and whatever is linked already (also when it has ended since).
        self.fields["records"].queryset = (
            ConsentRecord.objects.filter(Q(ended_at__isnull=True) | Q(images__image=image))
            .distinct()
            .order_by("name", "pk")
        )
        self.fields["records"].label_from_instance = self.choice_label

    @staticmethod
    def choice_label(record):
        details = [record.get_kind_display(), record.scope_description or record.get_scope_display()]
        return f"{record.name} ({', '.join(str(d) for d in details)}) · {record.status_label}"

    def clean(self):
        data = super().clean()
        records = list(data.get("records") or [])
        if records and data.get("no_recognisable_people"):
            raise forms.ValidationError(
                _("Choose the people in the photo, or tick that nobody can be recognised: not both.")
            )
        for record in records:
            if other_photo_of_one_photo_consent(record, self.image):
                self.add_error(
                    "records",
                    _("The consent of %(name)s is for one photo, and it is linked to another photo already.")
                    % {"name": record.name},
                )
        return data


class ConsentFilter(FilterForm):
    q = forms.CharField(required=False, max_length=100, initial="")
    status = forms.ChoiceField(choices=[("", "")] + ConsentRecord.STATUSES, required=False, initial="")
    kind = forms.ChoiceField(choices=[("", "")] + ConsentRecord.KINDS, required=False, initial="")


class PhotoFilter(FilterForm):
    NOTHING, NOBODY, PEOPLE, ENDED = "niets", "niemand", "mensen", "beeindigd"
    STATES = [
        (NOTHING, _("Nothing recorded")),
        (NOBODY, _("Nobody recognisable")),
        (PEOPLE, _("People linked")),
        (ENDED, _("With a consent that ended")),
    ]
    state = forms.ChoiceField(choices=[("", "")] + STATES, required=False, initial="")
