"""Form helpers shared by the apps."""

import json
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from deelwijs.guard import MAX_TEXT

# What a text field takes when neither its model nor its form says: a line, or a text box.
LINE_LIMIT = 500
TEXT_LIMIT = 5_000
# Django's "---------" for an empty choice says nothing to someone who never saw it; these do.
DJANGO_EMPTY_CHOICE = "---------"
CHOOSE = _("Choose…")
NO_CHOICE = pgettext_lazy("an empty choice", "None")
# Dates a form takes: the year 1 or 9999 overflows as soon as it moves to UTC or gets a week added.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)


class TextLengthValidator(MaxLengthValidator):
    message = _("This field may contain at most %(limit_value)d characters (it has %(show_value)d).")


def storable(value):
    """Text that UTF-8 can hold: a lone surrogate (from JSON or a broken client, never from a browser) cannot."""
    try:
        value.encode()
    except UnicodeEncodeError as e:
        raise ValidationError(
            _("This text contains a character that cannot be saved. Type the text again, or leave that character out."),
            code="unstorable",
        ) from e


def sensible_date(value):
    day = value.date() if isinstance(value, datetime) else value
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            _("Choose a date between %(first)s and %(last)s."),
            code="date_range",
            params={"first": FIRST_DAY.year, "last": LAST_DAY.year},
        )


class PostLengthValidator(MaxLengthValidator):
    message = _(
        "This text has %(show_value)s characters; the post check reads at most %(limit_value)s. "
        "No post is this long: keep only the text of the post."
    )


def cap_post_text(field):
    """Cap a form field whose text goes through the post check at the check's maximum.

    A longer text gets a form error, so it is never saved and the check is never run on it.
    """
    field.max_length = MAX_TEXT
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(PostLengthValidator(MAX_TEXT))
    field.widget.attrs["maxlength"] = str(MAX_TEXT)
    return field


def live_check(field, purpose="post", network_field="", replaces=""):
    """Mark a form's text box for the post check as you type (static/js/check.js); call it in the form's
    ``__init__``, where the request's language is active. ``purpose="record"`` shows only client data, for a text
    that is not a post (common.clientdata)."""
    labels = {
        "block": gettext("Blocks"),
        "warn": gettext("Warning"),
        "hint": gettext("Tip"),
        "clean": gettext("The post check found nothing: this fits the policy."),
        "lesson": gettext("Why? Read the lesson"),
    }
    attrs = {"data-live-check": reverse("check_api"), "data-purpose": purpose, "data-labels": json.dumps(labels)}
    if network_field:
        attrs["data-network-field"] = network_field
    if replaces:
        attrs["data-replaces"] = replaces
    field.widget.attrs.update(attrs)
    return field


class InputLimits:
    """Every text field of the form has a length limit and takes only text the database can store; every date
    lies between 1900 and 2100. Refused with the same plain messages on every form. An empty choice says
    "Choose…" or "None", not Django's "---------".

    A text field keeps the limit its model or form gives it; one without (a TextField, a bare CharField) gets
    ``text_limits[name]``, else TEXT_LIMIT for a text box and LINE_LIMIT for a line. So a megabyte pasted or
    posted into any field is a form error before any ``clean_<field>`` parses it, and never reaches the database.
    tests/security/test_form_fuzz.py fails for a form without this mixin.
    """

    text_limits = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_fields()

    def full_clean(self):
        # Again, for fields a form's own __init__ added after ours ran (the learning step's answer fields).
        self.limit_fields()
        super().full_clean()

    def limit_fields(self):
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                self._limit_text(name, field)
            elif isinstance(field, (forms.DateField, forms.DateTimeField)) and sensible_date not in field.validators:
                field.validators.append(sensible_date)
            elif isinstance(field, forms.ChoiceField):
                self._name_empty_choice(field)

    @staticmethod
    def _name_empty_choice(field):
        """A required choice starts at "Choose…", an optional one at "None", instead of Django's dashes."""
        label = CHOOSE if field.required else NO_CHOICE
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == DJANGO_EMPTY_CHOICE:
                field.empty_label = label
        elif any(value == "" and text == DJANGO_EMPTY_CHOICE for value, text in field.choices):
            field.choices = [
                (value, label if value == "" and text == DJANGO_EMPTY_CHOICE else text) for value, text in field.choices
            ]

    def _limit_text(self, name, field):
        if field.max_length is None:
            textarea = isinstance(field.widget, forms.Textarea)
            field.max_length = self.text_limits.get(name, TEXT_LIMIT if textarea else LINE_LIMIT)
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("maxlength", str(field.max_length))
        # Django's own validator says "Zorg dat deze waarde ..."; a subclass (the post cap) keeps its words.
        field.validators = [v for v in field.validators if type(v) is not MaxLengthValidator]
        if not any(isinstance(v, MaxLengthValidator) for v in field.validators):
            field.validators.append(TextLengthValidator(field.max_length))
        if storable not in field.validators:
            field.validators.append(storable)
