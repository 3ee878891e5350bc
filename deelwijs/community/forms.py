import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from deelwijs.accounts.models import NETWORK_LABELS, Handle
from deelwijs.common.forms import InputLimits
from deelwijs.orgs.models import User
from deelwijs.orgs.roles import AMBASSADOR

from . import domain
from .models import Answer, HelpMessage, HelpRequest, JoinRequest, PeoplePage, PromotedAnswer, Question


class QuestionForm(InputLimits, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "title": _("For example: how do I make my LinkedIn profile show where I work?"),
            "text": _("What did you try, on which network? Never put client details in a question."),
        }


class AnswerForm(InputLimits, forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class PromoteForm(InputLimits, forms.ModelForm):
    """The question and its answer as the toolkit will show them: communications rewrites them without names."""

    class Meta:
        model = PromotedAnswer
        fields = ["question", "answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 8})}


class PairForm(InputLimits, forms.Form):
    newcomer = forms.ModelChoiceField(
        label=_("New ambassador"), queryset=User.members.none(), help_text=_("Someone who is starting out.")
    )
    buddy = forms.ModelChoiceField(
        label=_("Buddy"),
        queryset=User.members.none(),
        help_text=_("An experienced ambassador: someone who has no buddy of their own."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        buddies = domain.active_pairings().values("buddy")
        ambassadors = User.members.filter(is_active=True, role_assignments__role=AMBASSADOR).distinct()
        # A buddy of someone stays experienced: they cannot become a newcomer themselves.
        self.fields["newcomer"].queryset = ambassadors.exclude(pk__in=buddies)
        self.fields["buddy"].queryset = domain.experienced_ambassadors()

    def clean(self):
        data = super().clean()
        if data.get("newcomer") and data.get("newcomer") == data.get("buddy"):
            self.add_error("buddy", _("Choose someone else as buddy."))
        return data


class OnlineListingForm(InputLimits, forms.Form):
    handles = forms.MultipleChoiceField(
        label=_("Handles to show"), widget=forms.CheckboxSelectMultiple, choices=[], required=True
    )
    job_title = forms.CharField(
        label=_("Job title (optional)"),
        max_length=120,
        required=False,
        help_text=_(
            "Shown under your name, for example “Verpleegkundige wijkteam”. Leave empty to show only your name."
        ),
    )
    agree = forms.BooleanField(
        label=_("I want my name and these handles on the public page of our organisation."), required=True
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.own = {h.pk: h for h in Handle.objects.filter(user=person)}
        self.fields["handles"].choices = [
            (pk, f"{NETWORK_LABELS.get(h.platform, h.platform)}: {h.handle}") for pk, h in self.own.items()
        ]
        self.fields["handles"].error_messages["required"] = _("Choose at least one of your handles.")

    def clean_handles(self):
        return [self.own[int(pk)] for pk in self.cleaned_data["handles"]]


# An origin for frame-ancestors: a scheme and a host (and a port), nothing that could end or extend the header.
ORIGIN = re.compile(r"^https?://[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$")


class PeoplePageForm(InputLimits, forms.ModelForm):
    class Meta:
        model = PeoplePage
        fields = ["published", "intro", "embed_origins"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3}), "embed_origins": forms.Textarea(attrs={"rows": 3})}

    text_limits = {"intro": 2000, "embed_origins": 2000}

    def clean_embed_origins(self):
        lines = [line.strip().rstrip("/").lower() for line in self.cleaned_data["embed_origins"].splitlines()]
        lines = [line for line in lines if line]
        wrong = [line for line in lines if not ORIGIN.match(line)]
        if wrong:
            raise ValidationError(
                _("Write each website as https:// with its name only, such as https://www.example.nl (not: %(line)s).")
                % {"line": wrong[0][:80]}
            )
        if len(lines) > 10:
            raise ValidationError(_("At most 10 websites."))
        return "\n".join(dict.fromkeys(lines))


class JoinForm(InputLimits, forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "motivation": _("What would you like to share, and on which networks? A few sentences are enough.")
        }


class DecisionForm(InputLimits, forms.Form):
    ACCEPT, DECLINE = "accept", "decline"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Welcome to the team: give the ambassador role")), (DECLINE, _("Not now"))],
        widget=forms.RadioSelect,
    )
    buddy = forms.ModelChoiceField(
        label=_("Buddy (optional)"),
        queryset=User.members.none(),
        required=False,
        empty_label=_("No buddy"),
        help_text=_("An experienced ambassador who helps them start and sees their questions first."),
    )
    reason = forms.CharField(
        label=_("Explanation for your colleague"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed when you say not now: why, and what they could do."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buddy"].queryset = domain.experienced_ambassadors()

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.DECLINE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why not, so your colleague knows where they stand."))
        return data


class HelpForm(InputLimits, forms.ModelForm):
    asked = forms.MultipleChoiceField(label=_("Who do you ask?"), widget=forms.CheckboxSelectMultiple, choices=[])

    class Meta:
        model = HelpRequest
        fields = ["kind", "what_happened", "link"]
        widgets = {
            "kind": forms.RadioSelect,
            "what_happened": forms.Textarea(attrs={"rows": 6}),
            "link": forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
        }
        help_texts = {
            "what_happened": _("Tell it in your own words. You need not copy anything hurtful here: a link is enough."),
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        helpers = domain.helpers_for(person)
        self.helpers = {helper.pk: helper for helper, _why in helpers}
        self.fields["asked"].choices = [(helper.pk, f"{helper.full_name} ({why})") for helper, why in helpers]
        self.fields["asked"].error_messages["required"] = _("Choose at least one person to ask.")
        self.fields["link"].assume_scheme = "https"

    def clean_asked(self):
        return [self.helpers[int(pk)] for pk in self.cleaned_data["asked"]]


class AskMoreForm(InputLimits, forms.Form):
    more = forms.MultipleChoiceField(label=_("Ask someone else too"), widget=forms.CheckboxSelectMultiple, choices=[])

    def __init__(self, *args, person, already=(), **kwargs):
        super().__init__(*args, **kwargs)
        helpers = [(helper, why) for helper, why in domain.helpers_for(person) if helper.pk not in already]
        self.helpers = {helper.pk: helper for helper, _why in helpers}
        self.fields["more"].choices = [(helper.pk, f"{helper.full_name} ({why})") for helper, why in helpers]
        self.fields["more"].error_messages["required"] = _("Choose someone to ask.")

    def clean_more(self):
        return [self.helpers[int(pk)] for pk in self.cleaned_data["more"]]


class HelpMessageForm(InputLimits, forms.ModelForm):
    class Meta:
        model = HelpMessage
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class HelpStatusForm(InputLimits, forms.Form):
    """A plain form, not a ModelForm: the domain compares what was chosen with what the request holds."""

    status = forms.ChoiceField(label=_("Status"), choices=HelpRequest.STATUSES)
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What was done, and what was agreed. The person who asked reads it."),
    )
