from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijs.common.forms import InputLimits
from deelwijs.orgs import pickers
from deelwijs.orgs.models import Location
from deelwijs.orgs.roles import CLIENT, ROLES

from . import domain
from .models import CorporateAccount, Handle, LocationPageRequest


class CorporateAccountForm(InputLimits, forms.ModelForm):
    # Never clients, as for the people named below: an organisation's account speaks for the organisation.
    allowed_roles = forms.MultipleChoiceField(
        label=_("Roles that may use it"),
        choices=[(role, label) for role, label in ROLES if role != CLIENT],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CorporateAccount
        fields = [
            "platform",
            "handle",
            "url",
            "purpose",
            "owner_department",
            "location",
            "owners",
            "allowed_roles",
            "allowed_people",
        ]
        field_classes = {"owners": pickers.PeopleField, "allowed_people": pickers.PeopleField}
        widgets = {"owners": pickers.Picker("eigenaar"), "allowed_people": pickers.Picker("accountgebruiker")}
        help_texts = {
            "owners": _("Staff only. Choose at least two, so an account never leaves with one person."),
            "allowed_people": _("Besides the roles above: staff or volunteers, never clients."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["owners"].queryset = domain.choosable_owners(organisation)
        self.fields["allowed_people"].queryset = domain.choosable_users(organisation)
        self.fields["location"].queryset = Location.objects.all()

    def clean_handle(self):
        handle = self.cleaned_data["handle"].strip()
        if not handle:
            raise forms.ValidationError(_("Fill in the handle."))
        return handle

    def clean(self):
        data = super().clean()
        platform, handle = data.get("platform"), data.get("handle")
        duplicate = CorporateAccount.objects.filter(platform=platform, handle__iexact=handle).exclude(
            pk=self.instance.pk
        )
        if platform and handle and duplicate.exists():
            self.add_error("handle", _("This account is already in the register."))
        return data


class PageRequestForm(InputLimits, forms.ModelForm):
    class Meta:
        model = LocationPageRequest
        fields = ["platform", "name", "location", "purpose", "audience", "editors"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.all()


class IntakeForm(InputLimits, forms.Form):
    agreements = forms.CharField(
        label=_("Agreements from the intake"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who posts, how often, who replies to comments, what is never posted."),
    )


class DecisionForm(InputLimits, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("refuse", _("Refuse"))], widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Explanation for the requester"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not data.get("note", "").strip():
            self.add_error("note", _("Explain why the request is refused."))
        return data


class RegisterForm(InputLimits, forms.Form):
    handle = forms.CharField(label=_("Handle of the new page"), max_length=100)
    url = forms.URLField(label=_("Address (URL)"), required=False)


VISIBILITY_HELP = _(
    "Colleagues: staff see it in the directory and under Follow your team, so you can follow each other. "
    "Only communications: only the communications team sees it, for example to mention you in a post. "
    "Clients and volunteers never see colleagues' handles."
)


class HandleForm(InputLimits, forms.ModelForm):
    class Meta:
        model = Handle
        fields = ["platform", "handle", "visibility"]
        widgets = {"visibility": forms.RadioSelect}
        help_texts = {"visibility": VISIBILITY_HELP}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if CLIENT in user.roles:
            # Clients are never listed for others: there is nobody to choose.
            del self.fields["visibility"]
        else:
            # Left out (an old form, a script), a handle gets the default that the radio buttons show.
            self.fields["visibility"].required = False

    def clean_visibility(self):
        return self.cleaned_data["visibility"] or Handle.COLLEAGUES

    def clean_handle(self):
        handle = self.cleaned_data["handle"].strip()
        if " " in handle:
            raise forms.ValidationError(_("A handle has no spaces."))
        return handle

    def clean(self):
        data = super().clean()
        platform = data.get("platform")
        if platform and Handle.objects.filter(user=self.user, platform=platform).exclude(pk=self.instance.pk).exists():
            self.add_error("platform", _("You already listed a handle on this network; change that one."))
        return data


class HandleVisibilityForm(InputLimits, forms.ModelForm):
    """Who sees one handle, changed on its own from the list of your handles."""

    class Meta:
        model = Handle
        fields = ["visibility"]
        widgets = {"visibility": forms.RadioSelect}
