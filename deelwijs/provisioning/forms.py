from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijs.common.forms import InputLimits
from deelwijs.orgs.roles import ROLES


class TokenForm(InputLimits, forms.Form):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=100,
        help_text=_("Where it is used, so you recognise it later: for example ‘Entra ID’."),
        error_messages={
            "required": _("Give the key a name, for example ‘Entra ID’."),
        },
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class GroupRoleForm(InputLimits, forms.Form):
    role = forms.ChoiceField(
        label=_("Role for the members of this group"),
        choices=[("", _("No role: roles are given by hand"))] + ROLES,
        required=False,
        help_text=_(
            "Everyone the identity provider puts in this group gets this role, and loses it again when they leave "
            "the group (unless they held it already). Roles given by hand stay as they are."
        ),
        error_messages={"invalid_choice": _("Choose one of the roles in the list.")},
    )
