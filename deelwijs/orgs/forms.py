from datetime import date
from string import Formatter

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from deelwijs.common.clientip import client_address
from deelwijs.common.forms import InputLimits
from deelwijs.guard import Policy, PolicyError

from . import domain, pickers, retention
from .domain import failed_sign_ins_from
from .models import SESSION_IDLE_MAX, SESSION_IDLE_MIN, Invitation, Location, Organisation, Team, User
from .roles import ROLES

NAMING_PLACEHOLDERS = {"voornaam", "achternaam", "organisatie"}


class SignInForm(InputLimits, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match. Check both and try again."),
        "inactive": _("This account is no longer active."),
        "closed": _(
            "Your account is closed, so you cannot sign in. "
            "Do you work with us again? Ask an administrator of your organisation to reopen it."
        ),
        "address_limit": _(
            "There were too many failed sign-ins from this network. Wait half an hour, or ask your administrator."
        ),
    }

    def clean(self):
        # Before the password is even compared: many accounts tried from one address is an attack.
        address = client_address(self.request) if self.request is not None else ""
        if address and failed_sign_ins_from(address) >= settings.SIGNIN_ADDRESS_LIMIT:
            raise forms.ValidationError(self.error_messages["address_limit"], code="address_limit")
        try:
            return super().clean()
        except forms.ValidationError:
            if self._closed_account():
                raise forms.ValidationError(self.error_messages["closed"], code="closed") from None
            raise

    def _closed_account(self):
        """Whether the address and password are right but the account is closed (said only to who knows both)."""
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        person = User.objects.filter(email__iexact=email or "", is_active=False).first() if email else None
        return bool(person and password and person.check_password(password))


class RetentionForm(InputLimits, forms.ModelForm):
    """The organisation's retention periods; each field's help text says what is kept, why and how long."""

    class Meta:
        model = Organisation
        fields = list(retention.PERIODS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            low, high = retention.bounds(name)
            field.required = True
            field.validators = []  # the range is checked in clean(), with one message that names it
            field.widget.attrs.update(min=low, max=high)
            field.help_text = f"{field.help_text} {self.range_text(name)}"

    @staticmethod
    def range_text(name):
        low, high = retention.bounds(name)
        if retention.UNITS.get(name) == "days":
            return gettext("Between %(low)s and %(high)s days.") % {"low": low, "high": high}
        if retention.UNITS.get(name) == "years":
            return gettext("Between %(low)s and %(high)s years.") % {"low": low, "high": high}
        return gettext("Between %(low)s and %(high)s months.") % {"low": low, "high": high}

    def clean(self):
        for name in retention.PERIODS:
            value = self.cleaned_data.get(name)
            low, high = retention.bounds(name)
            if value is not None and not low <= value <= high:
                self.add_error(name, gettext("Choose a number from %(low)s to %(high)s.") % {"low": low, "high": high})
        return self.cleaned_data


class RolesForm(InputLimits, forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ROLES, widget=forms.CheckboxSelectMultiple, required=False
    )


class SettingsForm(InputLimits, forms.ModelForm):
    # The policy is a document of its own; the word list can hold hundreds of lines.
    text_limits = {"policy_text": 50_000, "word_list_text": 20_000}
    word_list_text = forms.CharField(
        label=_("Tone-of-voice word list"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One rule per line: words to avoid, separated by commas, then = and the word to use. "
            "For example: klant, klanten = cliënt"
        ),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "policy_text",
            "code_of_conduct_url",
            "blog_disclaimer",
            "public_contacts",
            "naming_convention",
            "handle_suffix",
            "training_required",
            "news_feed_url",
            "oidc_issuer",
            "oidc_client_id",
            "oidc_client_secret",
            "session_idle_minutes",
            "require_two_factor",
            "photo_consent_blocks",
        ]
        widgets = {
            "policy_text": forms.Textarea(attrs={"rows": 10}),
            "public_contacts": forms.Textarea(attrs={"rows": 4}),
            # Never shown again; "new-password" keeps a browser from filling in the administrator's own password.
            "oidc_client_secret": forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        }

    # The settings page in parts, each under its own heading; single sign-on last, beside what it shows about it.
    SECTIONS = [
        (
            _("The organisation and its policy"),
            ["name", "policy_text", "code_of_conduct_url", "blog_disclaimer", "public_contacts"],
        ),
        (_("Tone of voice"), ["word_list_text"]),
        (_("Handle names"), ["naming_convention", "handle_suffix"]),
        (_("Sharing"), ["training_required", "photo_consent_blocks", "news_feed_url"]),
        (_("Signing in"), ["session_idle_minutes", "require_two_factor"]),
    ]
    SSO_FIELDS = ["oidc_issuer", "oidc_client_id", "oidc_client_secret"]

    def sections(self):
        """[(heading, [bound field, ...])] for the page, then the single sign-on fields under their own heading."""
        return [(heading, [self[name] for name in names]) for heading, names in self.SECTIONS]

    def sso_fields(self):
        return [self[name] for name in self.SSO_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, the idle timeout stays what it was.
        self.fields["session_idle_minutes"].required = False
        self.fields["session_idle_minutes"].widget.attrs.update(min=SESSION_IDLE_MIN, max=SESSION_IDLE_MAX)
        self.fields["oidc_client_secret"].help_text = (
            _("A client secret is stored (it is never shown again). Leave this empty to keep it.")
            if self.instance.oidc_client_secret
            else _("No client secret is stored yet.")
        )
        # An example handle rather than the bare "{voornaam}_{organisatie}" alone.
        self.fields["naming_convention"].help_text = _(
            "Use {voornaam} for the first name, {achternaam} for the last name and {organisatie} for the "
            "organisation part. As saved now, Anna de Vries gets the handle %(example)s."
        ) % {"example": self.instance.handle_for("Anna", "de Vries")}
        self.fields["word_list_text"].initial = "\n".join(
            f"{', '.join(e['avoid'])} = {e['use']}" for e in self.instance.word_list
        )

    def clean_session_idle_minutes(self):
        minutes = self.cleaned_data["session_idle_minutes"]
        if minutes is None:
            return self.instance.session_idle_minutes
        if not SESSION_IDLE_MIN <= minutes <= SESSION_IDLE_MAX:
            raise forms.ValidationError(
                _("Choose between %(low)s and %(high)s minutes."),
                params={"low": SESSION_IDLE_MIN, "high": SESSION_IDLE_MAX},
            )
        return minutes

    def clean_word_list_text(self):
        entries = []
        for number, line in enumerate(self.cleaned_data["word_list_text"].splitlines(), start=1):
            if not line.strip():
                continue
            avoid, sep, use = line.partition("=")
            words = [w.strip() for w in avoid.split(",") if w.strip()]
            if not sep or not words or not use.strip():
                raise forms.ValidationError(
                    _("Line %(number)s is not in the form ‘word, word = better word’."), params={"number": number}
                )
            entries.append({"avoid": words, "use": use.strip()})
        try:
            Policy.from_dict({"word_list": entries})
        except PolicyError as e:
            raise forms.ValidationError(str(e)) from e
        return entries

    def clean_naming_convention(self):
        # Only the bare names: "{voornaam:>999999999}" would build a gigabyte on every directory page,
        # "{voornaam.__class__}" reaches into Python.
        value = self.cleaned_data["naming_convention"]
        try:
            fields = [
                (name, spec, conversion)
                for _text, name, spec, conversion in Formatter().parse(value)
                if name is not None
            ]
        except ValueError:
            fields = [("", "", None)]  # an unmatched brace
        if any(name not in NAMING_PLACEHOLDERS or spec or conversion for name, spec, conversion in fields):
            raise forms.ValidationError(_("Use only {voornaam}, {achternaam} and {organisatie} between braces."))
        return value

    def clean_oidc_client_secret(self):
        # An empty field keeps the stored secret: it is never shown again.
        return self.cleaned_data["oidc_client_secret"] or self.initial.get("oidc_client_secret", "")

    def save(self, commit=True):
        self.instance.word_list = self.cleaned_data["word_list_text"]
        return super().save(commit)


class InviteForm(InputLimits, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=ROLES, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.members.filter(email__iexact=email, is_active=False).exists():
            raise forms.ValidationError(
                _("This person's account is closed. Reopen it under People, closed accounts, instead of inviting.")
            )
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Someone with this e-mail address already has an account."))
        if Invitation.objects.filter(email=email, accepted__isnull=True).exists():
            raise forms.ValidationError(_("This person has already been invited."))
        return email


class ChoosePasswordForm(InputLimits, forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common word or only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                validate_password(first)
            except forms.ValidationError as e:
                self.add_error("password1", e)
        return data


class TokenForm(InputLimits, forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(_("The code has 6 digits."))
        return token


class TeamForm(InputLimits, forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "location", "managers", "members"]
        field_classes = {"managers": pickers.PeopleField}
        widgets = {"managers": pickers.Picker("teamleider")}
        help_texts = {"managers": _("People with the manager role: they see how their team is doing.")}

    members = pickers.PeopleField(label=_("Members"), required=False, purpose="teamlid")

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["managers"].queryset = domain.choosable_team_managers(organisation)
        self.fields["members"].queryset = domain.choosable_team_members(organisation)
        self.fields["location"].queryset = Location.objects.all()
        if self.instance.pk:
            self.fields["members"].initial = self.instance.members.all()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Team.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a team with this name."))
        return name

    def save(self, commit=True):
        team = super().save(commit=False)
        team.organisation = self.organisation
        team.save()
        self.save_m2m()
        team.members.set(self.cleaned_data["members"])
        return team


class LocationForm(InputLimits, forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "address"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Location.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a location with this name."))
        return name

    def save(self, commit=True):
        self.instance.organisation = self.organisation
        return super().save(commit)


class PreferencesForm(InputLimits, forms.ModelForm):
    class Meta:
        model = User
        fields = ["wants_digest", "on_leaderboard"]


class FilterForm(InputLimits, forms.Form):
    """The query-string filters of a list: a value that does not parse is dropped, the valid ones still apply.

    A bookmark, a hand-edited link or a scanner must never break a page: "?team=abc" simply shows every team.
    Read the result from .values, never from request.GET.
    """

    def __init__(self, data=None, **kwargs):
        # Always bound (to nothing when there is no query), so .values works the same with and without one.
        super().__init__(data if data is not None else {}, **kwargs)

    @property
    def values(self):
        """Per field its clean value, or its initial value (usually "all") when it is missing or malformed."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            if self.cleaned_data.get(name) not in field.empty_values
            else self.get_initial_for_field(field, name)
            for name, field in self.fields.items()
        }


class FilterDateField(forms.DateField):
    """A date in a link: years outside 1970-2100 are refused, so arithmetic on the range never overflows."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("validators", [MinValueValidator(date(1970, 1, 1)), MaxValueValidator(date(2100, 12, 31))])
        super().__init__(**kwargs)


class PeopleFilter(FilterForm):
    """Which people the list shows: open accounts (the default), closed ones, or everyone."""

    ACTIVE, CLOSED, ALL = "active", "closed", "all"
    status = forms.ChoiceField(choices=[(ACTIVE, ACTIVE), (CLOSED, CLOSED), (ALL, ALL)], required=False, initial=ACTIVE)


class SSOLookupForm(InputLimits, forms.Form):
    code = forms.SlugField(max_length=50)


class PeopleSearchForm(InputLimits, forms.Form):
    """What a people picker's script asks for (orgs.views.people_search)."""

    q = forms.CharField(
        label=_("Search by name"),
        min_length=pickers.MIN_QUERY,
        max_length=pickers.MAX_QUERY,
        error_messages={"min_length": _("Type at least %(limit_value)d letters of the name.")},
    )
