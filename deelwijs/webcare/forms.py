from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijs.common.clientdata import client_data
from deelwijs.common.forms import InputLimits, cap_post_text, live_check
from deelwijs.content.forms import PhotoForm
from deelwijs.orgs.forms import FilterForm
from deelwijs.orgs.models import User
from deelwijs.orgs.pickers import PersonField, Picker

from . import domain
from .models import Conversation, InboxItem, ResponseTemplate, Source

URGENCIES = [
    (InboxItem.LOW, _("It can wait")),
    (InboxItem.NORMAL, _("Today would be good")),
    (InboxItem.HIGH, _("Now: it is spreading or it hurts someone")),
]


class SignalForm(PhotoForm):
    asks_description = False  # a screenshot is described by what it is (webcare.views)
    field_order = ["description", "url", "photo", "urgency"]
    url = forms.URLField(
        label=_("Link (if you have one)"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )
    description = forms.CharField(
        label=_("What did you see?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000
    )
    urgency = forms.ChoiceField(
        label=_("How urgent does it feel?"), choices=URGENCIES, initial=InboxItem.NORMAL, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].label = _("Screenshot (optional)")
        self.fields["photo_alt"].widget = forms.HiddenInput()
        del self.fields["photo_decorative"]


class SourceForm(InputLimits, forms.ModelForm):
    class Meta:
        model = Source
        fields = ["name", "kind", "url", "query", "interval_minutes", "active"]

    def clean(self):
        data = super().clean()
        if data.get("kind") in (Source.MASTODON, Source.BLUESKY) and not (data.get("query") or "").strip():
            self.add_error("query", _("Say which hashtag or words to search for."))
        minutes = data.get("interval_minutes")
        if minutes is not None and not 5 <= minutes <= 1440:
            self.add_error("interval_minutes", _("Choose between 5 and 1440 minutes."))
        return data


class TermsForm(InputLimits, forms.Form):
    monitor_terms = forms.CharField(
        label=_("Extra terms to watch for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. The name of the organisation and its locations are always watched."),
    )


class ItemForm(InputLimits, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[s for s in InboxItem.STATUSES if s[0] != InboxItem.ESCALATED]
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=InboxItem.PRIORITIES)
    assigned_to = forms.ModelChoiceField(User.members.none(), label=_("Assigned to"), required=False)
    note = forms.CharField(label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    feedback = forms.CharField(
        label=_("Message to the colleague who reported it"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = domain.choosable_handlers(item.organisation)
        if item.kind != InboxItem.SIGNAL:
            del self.fields["feedback"]


class NoteForm(InputLimits, forms.Form):
    """A note from someone who follows an item without handling it (a manager it was escalated to)."""

    note = forms.CharField(label=_("Add a note for webcare"), widget=forms.Textarea(attrs={"rows": 2}))


class EscalateForm(InputLimits, forms.Form):
    to = forms.ChoiceField(label=_("Escalate to"), choices=InboxItem.ESCALATIONS, widget=forms.RadioSelect)
    manager = PersonField(label=_("Which manager"), required=False, purpose="leidinggevende")
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = domain.choosable_managers(organisation)

    def clean(self):
        data = super().clean()
        if data.get("to") == InboxItem.TO_MANAGER and not data.get("manager"):
            self.add_error("manager", _("Choose the manager."))
        return data


class AnswerForm(InputLimits, forms.Form):
    template = forms.ModelChoiceField(ResponseTemplate.objects.none(), label=_("Start from a template"), required=False)
    text = cap_post_text(forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}), required=False))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ResponseTemplate.objects.all()


class TemplateForm(InputLimits, forms.ModelForm):
    class Meta:
        model = ResponseTemplate
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap_post_text(self.fields["text"])  # an answer made from it is post-checked


class ConversationForm(InputLimits, forms.ModelForm):
    text_limits = {"conversation": 10_000}
    # The texts of an entry; none may make a client recognisable, as the help text of "the post" promises.
    TEXTS = ("post", "conversation", "follow_up", "outcome")

    class Meta:
        model = Conversation
        fields = ["employee", "post", "severity", "held_on", "conversation", "follow_up", "follow_up_on", "outcome"]
        widgets = {
            "post": forms.Textarea(attrs={"rows": 2}),
            "conversation": forms.Textarea(attrs={"rows": 5}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "follow_up_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "severity": forms.RadioSelect,
            "employee": Picker("medewerker"),
        }
        field_classes = {"employee": PersonField}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = domain.choosable_employees(person)
        cap_post_text(self.fields["post"])
        self.person = person
        for name in self.TEXTS:
            live_check(self.fields[name], purpose="record")
        if self.instance.pk:
            del self.fields["employee"]

    def clean(self):
        """Refuse client data in any text of the entry: a name, a room number, a BSN (common.clientdata)."""
        data = super().clean()
        policy = self.person.organisation.guard_policy()
        for name in self.TEXTS:
            found = client_data(data.get(name) or "", policy)
            if found:
                quoted = ", ".join(f"“{data[name][f.start : f.end]}”" for f in found[:3])
                self.add_error(
                    name,
                    _(
                        "This points at a client (%(found)s). The register never holds client data: describe the "
                        "post without saying who it was about, or link to it."
                    )
                    % {"found": quoted},
                )
        return data


class InboxFilter(FilterForm):
    OPEN, MINE, DONE = "open", "mine", "done"

    view = forms.ChoiceField(choices=[(OPEN, OPEN), (MINE, MINE), (DONE, DONE)], required=False, initial=OPEN)
    kind = forms.ChoiceField(choices=[("", ""), *InboxItem.KINDS], required=False)
