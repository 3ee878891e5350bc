from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijs.accounts.models import NETWORK_LABELS, CorporateAccount
from deelwijs.common.forms import InputLimits, cap_post_text
from deelwijs.content import photochecks
from deelwijs.content.forms import PhotoForm
from deelwijs.content.models import SHARE_NETWORKS, Campaign
from deelwijs.content.uploads import KeepsUploads
from deelwijs.orgs.forms import FilterDateField, FilterForm
from deelwijs.orgs.models import Team
from deelwijs.orgs.permissions import can_plan_everything
from deelwijs.orgs.pickers import PersonField, Picker

from . import domain
from .models import Event, Meeting, OwnHookDay, Pilot, PilotLesson, PlannedPost, RecurringActivity, TeamPlan

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MONTH, WEEK, LIST = "month", "week", "list"  # the calendar's views


class OrganisationChoicesMixin:
    """Limits the people, teams, accounts and campaigns to choose from to the organisation's own; who may be
    chosen for each person field is the domain's (PEOPLE)."""

    PEOPLE = {"responsible": domain.choosable_responsible}

    def limit_choices(self, organisation, teams=None):
        querysets = {
            CorporateAccount: CorporateAccount.objects.all(),
            Campaign: Campaign.objects.all(),
            Team: teams if teams is not None else Team.objects.all(),
            Event: Event.objects.all(),
            Pilot: Pilot.objects.all(),
        }
        for field in self.fields.values():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model in querysets:
                field.queryset = querysets[model]
        for name, choosable in self.PEOPLE.items():
            if name in self.fields:
                self.fields[name].queryset = choosable(organisation)


class PlannedPostForm(OrganisationChoicesMixin, KeepsUploads, PhotoForm, forms.ModelForm):
    # The photo survives a blocked text as well as a form error (content.uploads).
    kept_fields = ("photo",)
    feed_networks = forms.MultipleChoiceField(
        label=_("Networks in the ambassadors' feed"),
        choices=SHARE_NETWORKS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The networks the feed item offers this text for. Leave them all empty for every network."),
    )

    class Meta:
        model = PlannedPost
        fields = [
            "title",
            "text",
            "account",
            "for_ambassadors",
            "feed_networks",
            "scheduled_at",
            "responsible",
            "status",
            "team",
            "campaign",
            "event",
            "phase",
            "pilot",
            "remind_hours",
        ]
        field_classes = {"responsible": PersonField}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6, "data-check": "1", "data-preview": "post-preview"}),
            "scheduled_at": DATETIME,
            "responsible": Picker("verantwoordelijke"),
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        cap_post_text(self.fields["text"])
        teams = None if can_plan_everything(person) else person.teams.all()
        self.limit_choices(person.organisation, teams)
        if teams is not None:
            self.fields["team"].required = True
            self.fields["team"].help_text = _("Plan for one of your teams.")
        if self.instance.feed_networks:
            self.initial["feed_networks"] = self.instance.feed_networks.split(",")

    def clean_feed_networks(self):
        return ",".join(self.cleaned_data["feed_networks"])

    def clean(self):
        data = super().clean()
        if not data.get("account") and not data.get("for_ambassadors"):
            self.add_error("account", _("Choose a corporate account, or plan the post for the ambassadors' feed."))
        if (
            data.get("status") in (PlannedPost.DRAFT, PlannedPost.READY, PlannedPost.PUBLISHED)
            and not (data.get("text") or "").strip()
        ):
            self.add_error("text", _("Write the text first; an idea may stay without text."))
        # The photo consent: a new photo has nothing recorded yet.
        new_photo = bool(data.get("photo"))
        image = self.instance.image if self.instance.image_id and not new_photo else None
        self.consent_verdict = None
        if new_photo or image is not None:
            self.consent_verdict = domain.photo_verdict(
                self.person.organisation, image, data.get("account"), data.get("for_ambassadors"), new_photo
            )
            if self.consent_verdict.blocks and data.get("status") in domain.CONSENT_BLOCKS_STATUSES:
                self.add_error(
                    "status",
                    _(
                        "%(reason)s Save the post as an idea or a draft, let communications record who is in the "
                        "photo, then set it to ready."
                    )
                    % {"reason": self.consent_verdict.message},
                )
        # The photo check: a blocking finding stops a post from being ready, as a blocking text does.
        if image is not None and data.get("status") in domain.CONSENT_BLOCKS_STATUSES and photochecks.blocks(image):
            self.add_error(
                "status",
                _(
                    "The photo check found something in the photo that may not be posted (see beside the photo). "
                    "Save the post as an idea or a draft; communications can blur the photo or keep it with a reason."
                ),
            )
        return data


class MoveForm(InputLimits, forms.Form):
    day = forms.DateField(label=_("New date"), widget=DATE)
    # Dropped on an hour of the week view: the post moves to that hour, its minutes stay.
    hour = forms.IntegerField(min_value=0, max_value=23, required=False, widget=forms.HiddenInput)


class DuplicateForm(InputLimits, forms.Form):
    day = forms.DateField(label=_("Date of the copy"), widget=DATE, help_text=_("The copy keeps the time."))


class EventForm(OrganisationChoicesMixin, InputLimits, forms.ModelForm):
    posts = forms.MultipleChoiceField(
        label=_("Propose these posts"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Event
        fields = ["title", "starts_at", "ends_at", "place", "description", "responsible", "account", "team", "campaign"]
        field_classes = {"responsible": PersonField}
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 3}),
            "responsible": Picker("verantwoordelijke"),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(organisation)
        choices = domain.event_post_choices()
        if self.instance.pk:
            del self.fields["posts"]
            self.fields["starts_at"].help_text = _(
                "Moving the event moves its posts that are not published yet with it."
            )
        else:
            self.fields["posts"].choices = choices
            self.fields["posts"].initial = [key for key, _label in choices]

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The end must come after the start."))
        return data


class RecurringActivityForm(OrganisationChoicesMixin, InputLimits, forms.ModelForm):
    class Meta:
        model = RecurringActivity
        fields = [
            "title",
            "text",
            "frequency",
            "interval",
            "weekday",
            "ordinal",
            "day_of_month",
            "time",
            "starts_on",
            "ends_on",
            "account",
            "for_ambassadors",
            "team",
            "responsible",
            "active",
        ]
        field_classes = {"responsible": PersonField}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DATE,
            "ends_on": DATE,
            "time": TIME,
            "responsible": Picker("verantwoordelijke"),
        }

    # The fields each rhythm needs; page.js hides the others while that rhythm is chosen.
    SHOWN_WHEN = {
        "interval": [RecurringActivity.WEEKLY],
        "weekday": [RecurringActivity.WEEKLY, RecurringActivity.MONTHLY_WEEKDAY],
        "ordinal": [RecurringActivity.MONTHLY_WEEKDAY],
        "day_of_month": [RecurringActivity.MONTHLY_DAY],
    }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        for name, rhythms in self.SHOWN_WHEN.items():
            self.fields[name].widget.attrs["data-shown-when"] = "frequency:" + " ".join(rhythms)
        teams = None if can_plan_everything(person) else person.teams.all()
        self.limit_choices(person.organisation, teams)
        if teams is not None:
            self.fields["team"].required = True

    def clean(self):
        data = super().clean()
        if not data.get("account") and not data.get("for_ambassadors"):
            self.add_error("account", _("Choose a corporate account, or plan the post for the ambassadors' feed."))
        if data.get("interval") is not None and not 1 <= data["interval"] <= 12:
            self.add_error("interval", _("Choose between 1 and 12 weeks."))
        if data.get("day_of_month") is not None and not 1 <= data["day_of_month"] <= 31:
            self.add_error("day_of_month", _("Choose a day between 1 and 31."))
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end must come after the start."))
        return data


class OwnHookDayForm(InputLimits, forms.ModelForm):
    class Meta:
        model = OwnHookDay
        fields = ["name", "day", "yearly", "description"]
        widgets = {"day": DATE}


class TeamPlanForm(InputLimits, forms.ModelForm):
    class Meta:
        model = TeamPlan
        fields = TeamPlan.QUESTIONS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in TeamPlan.QUESTIONS}


class PilotForm(OrganisationChoicesMixin, InputLimits, forms.ModelForm):
    class Meta:
        model = Pilot
        fields = [
            "title",
            "theme",
            "event",
            "campaign",
            "goals",
            "audiences",
            "channels",
            "lead_communications",
            "lead_ambassador",
            "starts_on",
            "ends_on",
            "conclusion",
        ]
        field_classes = {"lead_communications": PersonField, "lead_ambassador": PersonField}
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 3}),
            "audiences": forms.Textarea(attrs={"rows": 2}),
            "channels": forms.Textarea(attrs={"rows": 2}),
            "conclusion": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DATE,
            "ends_on": DATE,
            "lead_communications": Picker("trekker-communicatie"),
            "lead_ambassador": Picker("trekker-ambassadeur"),
        }

    PEOPLE = {
        "lead_communications": domain.choosable_communications_leads,
        "lead_ambassador": domain.choosable_ambassador_leads,
    }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(organisation)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end must come after the start."))
        if data.get("lead_communications") and data.get("lead_communications") == data.get("lead_ambassador"):
            self.add_error("lead_ambassador", _("A pilot has two leads: choose someone else."))
        return data


class PilotLessonForm(InputLimits, forms.ModelForm):
    class Meta:
        model = PilotLesson
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class MeetingForm(InputLimits, forms.ModelForm):
    text_limits = {"notes": 20_000}  # minutes of a meeting

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "place", "interval_weeks", "agenda", "notes"]
        widgets = {
            "starts_at": DATETIME,
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_interval_weeks(self):
        weeks = self.cleaned_data["interval_weeks"]
        if weeks > 52:
            raise forms.ValidationError(_("Choose at most 52 weeks."))
        return weeks


class CalendarFilter(InputLimits, forms.Form):
    """The calendar's filters. Every view link keeps them (calendar_view's filter_query)."""

    OPEN = "open"  # idea, draft or ready: what still needs work
    AMBASSADORS = "ambassadors"  # the ambassadors' feed, where a post has no corporate account

    status = forms.ChoiceField(label=_("Status"), required=False)
    network = forms.ChoiceField(label=_("Network"), required=False)
    account = forms.ModelChoiceField(CorporateAccount.objects.none(), label=_("Account"), required=False)
    team = forms.ModelChoiceField(Team.objects.none(), label=_("Team"), required=False)
    campaign = forms.ModelChoiceField(Campaign.objects.none(), label=_("Campaign"), required=False)
    person = PersonField(label=_("Responsible"), required=False, purpose="verantwoordelijke")

    def __init__(self, data, organisation):
        super().__init__(data)
        self.fields["status"].choices = [
            ("", _("All")),
            (self.OPEN, _("Still open (idea, draft, ready)")),
            *PlannedPost.STATUSES,
        ]
        # The networks the organisation has accounts on, in the register's order.
        platforms = set(CorporateAccount.objects.values_list("platform", flat=True))
        self.fields["network"].choices = [
            ("", _("All")),
            *[(code, label) for code, label in NETWORK_LABELS.items() if code in platforms],
            (self.AMBASSADORS, _("Ambassadors' feed")),
        ]
        self.fields["account"].queryset = CorporateAccount.objects.all()
        self.fields["team"].queryset = Team.objects.all()
        self.fields["campaign"].queryset = Campaign.objects.all()
        self.fields["person"].queryset = domain.choosable_responsible(organisation)

    def apply(self, posts):
        self.is_valid()  # a malformed value drops only its own filter: cleaned_data keeps the valid ones
        data = self.cleaned_data
        status, network = data.get("status"), data.get("network")
        if status == self.OPEN:
            posts = posts.filter(status__in=PlannedPost.OPEN)
        elif status:
            posts = posts.filter(status=status)
        if network == self.AMBASSADORS:
            posts = posts.filter(account=None, for_ambassadors=True)
        elif network:
            posts = posts.filter(account__platform=network)
        lookups = {"account": "account", "team": "team", "campaign": "campaign", "person": "responsible"}
        for name, field in lookups.items():
            if data.get(name):
                posts = posts.filter(**{field: data[name]})
        return posts


class CalendarPeriodForm(FilterForm):
    """Which view of the calendar and around which day; a bad date means today."""

    view = forms.ChoiceField(choices=[(MONTH, MONTH), (WEEK, WEEK), (LIST, LIST)], required=False, initial=MONTH)
    date = FilterDateField()


class NewPostStart(FilterForm):
    """A new post can start from a day, a hook day (by key) or one of the organisation's own days."""

    date = FilterDateField()
    hook = forms.CharField(required=False, max_length=100)
    own = forms.ModelChoiceField(OwnHookDay.objects.none(), required=False)

    def __init__(self, data, organisation):
        super().__init__(data)
        self.fields["own"].queryset = OwnHookDay.objects.all()


class CalendarFeedForm(InputLimits, forms.Form):
    """Which feed to make a link for: your own plan (no team) or one of the teams you may follow."""

    team = forms.ModelChoiceField(
        Team.objects.none(), required=False, error_messages={"invalid_choice": _("Choose one of your teams.")}
    )

    def __init__(self, data, teams):
        super().__init__(data)
        self.fields["team"].queryset = teams
