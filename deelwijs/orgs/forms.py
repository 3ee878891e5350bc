from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from deelwijs.guard import Policy, PolicyError

from .models import ROLES, Organisation


class SignInForm(AuthenticationForm):
    username = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True,
                                                                                         "autocomplete": "email"}))
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match. Check both and try again."),
        "inactive": _("This account is no longer active."),
    }


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=ROLES, widget=forms.CheckboxSelectMultiple,
                                      required=False)


class SettingsForm(forms.ModelForm):
    word_list_text = forms.CharField(
        label=_("Tone-of-voice word list"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One rule per line: words to avoid, separated by commas, then = and the word to use. "
                    "For example: klant, klanten = cliënt"),
    )

    class Meta:
        model = Organisation
        fields = ["name", "policy_text", "code_of_conduct_url", "blog_disclaimer", "public_contacts",
                  "naming_convention", "handle_suffix"]
        widgets = {"policy_text": forms.Textarea(attrs={"rows": 10}), "public_contacts": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["word_list_text"].initial = "\n".join(
            f"{', '.join(e['avoid'])} = {e['use']}" for e in self.instance.word_list
        )

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
        value = self.cleaned_data["naming_convention"]
        try:
            value.format(voornaam="a", achternaam="b", organisatie="c")
        except (KeyError, IndexError, ValueError) as e:
            raise forms.ValidationError(
                _("Use only {voornaam}, {achternaam} and {organisatie} between braces.")
            ) from e
        return value

    def save(self, commit=True):
        self.instance.word_list = self.cleaned_data["word_list_text"]
        return super().save(commit)
