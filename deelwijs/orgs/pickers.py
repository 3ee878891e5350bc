"""People pickers that scale: a search box instead of a list of everyone.

An organisation may have 5 000 people. A form that chooses some of them (an account's owners, a post's
responsible person, the colleague of a register entry) never lists them all, and never offers someone who does
not belong there (a client as an account's owner). Each purpose says once who may be chosen, in the owning
app's domain (``accounts.domain.choosable_owners``), and registers it here with the rule of who may search for
it, under the key the search address takes: ``/mensen/zoeken/?doel=eigenaar&q=jan``.

The fields work without JavaScript. The search box is a text field: what was typed is looked up when the form
is sent, and one match is chosen, several are offered to pick from, none is an error. ``static/js/picker.js``
turns the box into a combobox that suggests people as you type (orgs.views.people_search).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Prefetch, Q, QuerySet, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from deelwijs.common.forms import TextLengthValidator, storable

from .models import RoleAssignment, Team, User
from .permissions import Rule
from .roles import STAFF_ROLES

MIN_QUERY = 2  # letters before anyone is looked up
MAX_QUERY = 100
MAX_RESULTS = 20
MAX_WORDS = 4
SEARCH = "_zoek"  # the search box is named after its field: "owners_zoek"
ASKED = "_gevraagd"  # the text that several people matched, sent along with the boxes to tick


# Who may be chosen


@dataclass(frozen=True)
class Purpose:
    key: str  # the search address's doel=
    rule: Rule  # who may search for it
    people: Callable  # the person searching -> the queryset of who they may choose


PURPOSES = {}


def register(key, rule, people):
    """Make a purpose searchable; ``people(chooser)`` is the owning domain's function for it."""
    PURPOSES[key] = Purpose(key, rule, people)


def open_accounts(organisation):
    """Everyone of the organisation whose account is open: who may be chosen at all."""
    return User.members.filter(organisation=organisation, is_active=True)


def holding(organisation, roles):
    """People of the organisation with an open account and one of these roles."""
    holders = RoleAssignment.objects.filter(role__in=roles).values("user_id")
    return open_accounts(organisation).filter(pk__in=holders)


def staff(organisation):
    """Employees and every other staff role; never someone who is only a client or a volunteer."""
    return holding(organisation, STAFF_ROLES)


# Looking people up


def words(text):
    return text.split()[:MAX_WORDS]


def matching(people, text):
    """Who of ``people`` the text names: every word in the first or the last name, whose name starts with the
    first word first, then by name."""
    typed = words(text)
    condition = Q()
    for word in typed:
        condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    starts = Q(first_name__istartswith=typed[0]) | Q(last_name__istartswith=typed[0]) if typed else Q()
    return (
        people.filter(condition)
        .annotate(starts=Case(When(starts, then=Value(0)), default=Value(1)))
        .order_by("starts", "first_name", "last_name", "pk")
    )


def with_teams(people):
    """The teams come along in one query: they tell two people of the same name apart."""
    return people.prefetch_related(Prefetch("teams", queryset=Team.objects.order_by("name")))


def search(people, text):
    """At most MAX_RESULTS + 1 matches (the one more says there are more), with their teams: two queries."""
    return list(with_teams(matching(people, text))[: MAX_RESULTS + 1])


def names_match(person, text):
    """Whether the text still names this person (as typed, or as the box shows a chosen name)."""
    typed = [word.casefold() for word in words(text)]
    names = (person.first_name.casefold(), person.last_name.casefold())
    return bool(typed) and all(any(word in name for name in names) for word in typed)


def detail(person):
    """What is shown next to a name: the person's teams (two, and how many more)."""
    teams = [team.name for team in person.teams.all()]
    shown = ", ".join(teams[:2])
    return f"{shown} +{len(teams) - 2}" if len(teams) > 2 else shown


def as_result(person, with_email=False):
    result = {"id": person.pk, "name": person.full_name, "detail": detail(person)}
    if with_email:
        result["email"] = person.email
    return result


# The form fields


class PickerValue(NamedTuple):
    ids: tuple  # the ids the form sent (the chosen person, the ticked boxes)
    text: str | None  # what the search box held; None when the form had none (a script, an old form)
    asked: str | None = None  # the text whose candidates were offered to tick: answered, not to look up again


class Picked(NamedTuple):
    chosen: list  # the people chosen, with their teams
    candidates: list  # whom the typed text could mean, when it named several
    error: ValidationError | None


class PickerMixin:
    """What both fields share: turning the ids and the typed text into people, once per value."""

    multiple = False
    default_error_messages = {
        "nobody": _("Nobody who can be chosen here is called “%(text)s”. Type part of the first or last name."),
        "several": ngettext_lazy(
            "%(count)s person matches “%(text)s”: choose who you mean.",
            "%(count)s people match “%(text)s”: choose who you mean.",
            "count",
        ),
        "too_many": _("More than %(count)s people match “%(text)s”: type more of the name."),
        "too_short": _("Type at least %(count)s letters of the name."),
        "null": _("Null characters are not allowed."),
    }

    def __init__(self, queryset=None, *, purpose=None, **kwargs):
        kwargs.setdefault("widget", Picker(purpose))
        super().__init__(queryset, **kwargs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._picked = {}
        return result

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self._picked = {}

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def prepare_value(self, value):
        if isinstance(value, PickerValue):
            return value
        values = value if isinstance(value, (list, tuple, set, QuerySet)) else [value]
        ids = tuple(str(v.pk if hasattr(v, "_meta") else v) for v in values if v not in self.empty_values)
        return PickerValue(ids, None)

    def answered(self, value):
        """Whether the boxes sent answer the question the text raised (several matched; whom did you mean?)."""
        if not self.multiple or value.text is None or value.asked is None:
            return False
        return value.text.strip() == value.asked.strip()

    def picked(self, value):
        value = self.prepare_value(value)
        if value not in self._picked:
            self._picked[value] = self._pick(value)
        return self._picked[value]

    def _pick(self, value):
        ids = value.ids if self.multiple else value.ids[-1:]
        if not all(i.isascii() and i.isdigit() and len(i) < 19 for i in ids):
            return Picked([], [], self._invalid(ids))
        chosen = list(with_teams(self.queryset).filter(pk__in=ids)) if ids else []
        if len(chosen) < len(set(ids)):
            # Someone who may not be chosen here (a client, another organisation's person, a closed account).
            found = {str(person.pk) for person in chosen}
            return Picked(chosen, [], self._invalid([i for i in ids if i not in found]))
        if value.text is None:
            return Picked(chosen, [], None)
        text = value.text.strip()
        problem = self._unreadable(text)
        if problem:
            return Picked(chosen if self.multiple else [], [], problem)
        if not self.multiple:
            # The chosen person stays while the box still names them (as the script fills it in, or a choice
            # among namesakes); an emptied box chooses nobody; any other text is looked up.
            if not text or (chosen and names_match(chosen[0], text)):
                return Picked(chosen if text else [], [], None)
            chosen = []
        elif not text or self.answered(value):
            return Picked(chosen, [], None)
        found, candidates, error = self._find(self.queryset, text)
        return Picked(chosen + [p for p in found if p not in chosen], candidates, error)

    def _unreadable(self, text):
        if "\x00" in text:
            return ValidationError(self.error_messages["null"], code="null")
        try:
            TextLengthValidator(MAX_QUERY)(text)
            storable(text)
        except ValidationError as e:
            return e
        return None

    def _find(self, people, text):
        """(found, candidates, error) for the typed text: one match is found, and so is an exact full name among
        several; otherwise the error says why, with the candidates to pick from."""
        if len(text) < MIN_QUERY:
            return [], [], ValidationError(self.error_messages["too_short"], "too_short", {"count": MIN_QUERY})
        matches = search(people, text)
        exact = [person for person in matches if person.full_name.casefold() == " ".join(words(text)).casefold()]
        if len(matches) == 1 or len(exact) == 1:
            return matches if len(matches) == 1 else exact, [], None
        params = {"text": text, "count": min(len(matches), MAX_RESULTS)}
        if not matches:
            return [], [], ValidationError(self.error_messages["nobody"], "nobody", params)
        code = "too_many" if len(matches) > MAX_RESULTS else "several"
        return [], matches[:MAX_RESULTS], ValidationError(self.error_messages[code], code, params)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        before = set(self.prepare_value(initial).ids)
        return before != {str(person.pk) for person in self.picked(data).chosen}

    def clean(self, value):
        picked = self.picked(value)
        if picked.error:
            raise picked.error
        if self.required and not picked.chosen:
            raise ValidationError(self.error_messages["required"], code="required")
        return self.result(picked.chosen)


class Picker(forms.Widget):
    """A search box, with the chosen person's id (PersonField) or the chosen people as ticked boxes (PeopleField);
    the candidates to pick from when the typed text named several."""

    template_name = "orgs/_picker.html"
    input_type = "search"

    def __init__(self, purpose=None, attrs=None):
        super().__init__(attrs)
        self.purpose = purpose  # the search address's doel=; without one, the box is looked up on sending only

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if values is None:
            values = []
        elif not isinstance(values, (list, tuple)):
            values = [values]
        ids = tuple(str(v).strip() for v in values if str(v).strip())
        return PickerValue(ids, data.get(name + SEARCH), data.get(name + ASKED))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + SEARCH not in data

    def format_value(self, value):
        return value

    def use_required_attribute(self, initial):
        return False  # the box may stay empty while people are ticked

    def id_for_label(self, id_):
        return id_  # the search box

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = self.choices.field
        value = field.prepare_value(value)
        picked = field.picked(value)
        box = context["widget"]["attrs"]
        box.setdefault("id", "id_" + name)
        box["maxlength"] = MAX_QUERY
        box["aria-describedby"] = " ".join(filter(None, [box.get("aria-describedby"), box["id"] + "_uitleg"]))
        chosen = [] if picked.error and not field.multiple else picked.chosen
        if value.text is None or field.answered(value) or (chosen and not picked.error and value.text.strip()):
            # Nothing typed yet, or the text found its person: the box shows the one chosen, or is empty again
            # for the next one.
            text = chosen[0].full_name if chosen and not field.multiple else ""
        else:
            text = value.text  # as typed, also when it found nobody
        context["picker"] = {
            "search_name": name + SEARCH,
            "asked_name": name + ASKED,
            "text": text,
            "chosen": [(person, detail(person)) for person in chosen],
            "candidates": [(person, detail(person)) for person in picked.candidates if person not in chosen],
            "typed": (value.text or "").strip(),
            "url": f"{reverse('people_search')}?doel={self.purpose}" if self.purpose else "",
            "multiple": field.multiple,
            "label": field.label,
        }
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates (deelwijs/templates), not the form renderer's, which sees only Django's own.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


class PersonField(PickerMixin, forms.ModelChoiceField):
    """One person, chosen by searching: set ``queryset`` to who may be chosen (the purpose's domain function)."""

    default_error_messages = {
        "invalid_choice": _("This person cannot be chosen here: search by name and choose from the list."),
    }

    def result(self, chosen):
        return chosen[0] if chosen else None

    def _invalid(self, ids):
        return ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


class PeopleField(PickerMixin, forms.ModelMultipleChoiceField):
    """Several people, chosen by searching; the same as PersonField for more than one."""

    multiple = True
    default_error_messages = {
        "invalid_choice": _("Person %(value)s cannot be chosen here: search by name and choose from the list."),
    }

    def result(self, chosen):
        return chosen

    def _invalid(self, ids):
        value = ids[0] if ids else ""
        return ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
