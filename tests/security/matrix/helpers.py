"""What the matrices look at: the forms a page offers, the writes a request made, one organisation's rows."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.apps import apps
from django.db import connection
from django.db.models import F
from django.forms import BaseForm, BaseFormSet, ModelChoiceField
from django.forms.models import InlineForeignKeyField
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from deelwijs.orgs.models import Organisation, User

# Written by every signed-in request now and then (the session's last activity) and by signing out.
UNWATCHED_TABLES = {"django_session"}
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.IGNORECASE)


class Writes(CaptureQueriesContext):
    """The tables a block of code wrote to (inserts, updates, deletes), the session table aside."""

    def __init__(self):
        super().__init__(connection)

    @property
    def tables(self):
        found = (WRITE.match(q["sql"]) for q in self.captured_queries)
        return sorted({m.group(1) for m in found if m} - UNWATCHED_TABLES)


@dataclass
class Form:
    """A form as a browser would send it: the fields with their values, and which fields choose an object."""

    target: str  # the URL name it posts to
    fields: list  # [(name, value)]
    models: dict = field(default_factory=dict)  # {field name: model it chooses from}
    source: str = ""  # the page it was found on
    json: bool = False

    def data(self, **replace):
        """The fields as the test client posts them; replace={name: value} swaps one field's values."""
        data = {}
        for name, value in self.fields:
            if name not in replace:
                data.setdefault(name, []).append(value)
        for name, value in replace.items():
            data[name] = [value]
        return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


class _FormParser(HTMLParser):
    """The POST forms of a page with what a browser submits for each (file inputs left empty)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # [(action, [(name, value)], every field name, also of unticked boxes)]
        self._form = None  # (action, fields, submit buttons, names)
        self._select = None  # (name, multiple, options, selected)
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = (a.get("action") or "", [], [], set())
            return
        if self._form is None or "disabled" in a:
            return
        fields = self._form[1]
        name = a.get("name")
        if name and tag in ("input", "select", "textarea"):
            self._form[3].add(name)
        if tag == "input" and (name or a.get("type") in ("submit", "image")):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.append((name, a.get("value", "on")))
            elif kind in ("submit", "image"):
                self._form[2].append((name, a.get("value", ""), a.get("formaction")))
            elif kind not in ("file", "reset", "button"):
                fields.append((name, a.get("value", "")))
        elif tag == "button" and (a.get("type") or "submit").lower() == "submit":
            self._form[2].append((name, a.get("value", ""), a.get("formaction")))
        elif tag == "select" and name:
            self._select = (name, "multiple" in a, [], [])
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), ""]
            if "selected" in a:
                self._select[3].append(self._option)
            self._select[2].append(self._option)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            action, fields, buttons, names = self._form
            # What pressing each button sends: the first button for each address the form posts to.
            pressed = {}
            for name, value, formaction in buttons or [(None, "", None)]:
                pressed.setdefault(formaction or action, [(name, value)] if name else [])
            self.forms.extend((target, fields + button, names) for target, button in pressed.items())
            self._form = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple, options, selected = self._select
            chosen = selected or ([] if multiple or not options else options[:1])
            for value, text in chosen:
                self._form[1].append((name, text.strip() if value is None else value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # A browser drops the one newline that follows <textarea>.
            self._form[1].append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def _context_forms(response):
    """Every form (and the forms of every formset) the page was rendered with."""
    found, seen = [], set()
    contexts = response.context or []
    # A page of one template (the offline page) gives its Context itself, not a list of them.
    for context in contexts if isinstance(contexts, list) else [contexts]:
        for value in context.flatten().values():
            candidates = value.forms + [value.management_form] if isinstance(value, BaseFormSet) else [value]
            for candidate in candidates:
                if isinstance(candidate, BaseForm) and id(candidate) not in seen:
                    seen.add(id(candidate))
                    found.append(candidate)
    return found


def forms_on(response, page_path, source):
    """The POST forms of a response, each with the URL name it posts to and its object-choosing fields."""
    parser = _FormParser()
    parser.feed(response.content.decode())
    choosers = {}
    for context_form in _context_forms(response):
        for name, form_field in context_form.fields.items():
            if isinstance(form_field, ModelChoiceField):
                choosers[context_form.add_prefix(name)] = form_field.queryset.model
            elif isinstance(form_field, InlineForeignKeyField):
                # The parent's id that an inline formset carries in each of its forms.
                choosers[context_form.add_prefix(name)] = type(form_field.parent_instance)
    forms = []
    for action, fields, names in parser.forms:
        path = urlsplit(action).path or urlsplit(page_path).path
        try:
            target = resolve(path).view_name
        except Resolver404:
            continue
        models = {name: model for name, model in choosers.items() if name in names}
        forms.append(Form(target, fields, models, source))
    return forms


def organisation_path(model):
    """The lookup from a model to its organisation, as its scoped manager declares it; None if it has none."""
    if model is Organisation:
        return "pk"
    if model is User:
        return User.members.organisation_path
    path = getattr(model._default_manager, "organisation_path", None)
    if path or not model._meta.auto_created:
        return path
    # A many-to-many table: through the first side that belongs to an organisation.
    for fk in model._meta.concrete_fields:
        inner = fk.related_model and organisation_path(fk.related_model)
        if fk.many_to_one and inner:
            return f"{fk.name}__{inner}"
    return None


def owned_models():
    """Every model of Deelwijs that belongs to an organisation, many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("deelwijs") and organisation_path(model) and not _django_auth_table(model)
    ]


def _django_auth_table(model):
    """User's groups and permissions tables: Django's, unused, since Deelwijs works with roles."""
    return model._meta.auto_created and any(
        fk.related_model.__module__.startswith("django.") for fk in model._meta.concrete_fields if fk.many_to_one
    )


def snapshot(organisation):
    """Every row of one organisation, field by field: what a request must leave alone."""
    rows = {}
    for model in owned_models():
        queryset = model._base_manager.filter(**{organisation_path(model): organisation.pk}).order_by("pk")
        rows[model._meta.label] = [tuple(map(_comparable, row)) for row in queryset.values_list()]
    return rows


def _comparable(value):
    return bytes(value) if isinstance(value, memoryview) else value


def changed_models(before, after):
    return sorted(label for label in before if before[label] != after.get(label))


def cross_references():
    """Rows that point at a row of another organisation: ["label.field: n rows"]. Must stay empty."""
    found = []
    for model in owned_models():
        path = organisation_path(model)
        for fk in model._meta.concrete_fields:
            target = fk.related_model
            target_path = fk.many_to_one and target and organisation_path(target)
            if not target_path or path.split("__")[0] == fk.name:
                continue  # no organisation on the other side, or the field that makes the row belong
            crossing = (
                model._base_manager.exclude(**{f"{fk.name}__isnull": True})
                .exclude(**{f"{path}__isnull": True})
                .exclude(**{f"{fk.name}__{target_path}": F(path)})
            )
            if count := crossing.count():
                found.append(f"{model._meta.label}.{fk.name}: {count} rows")
    return found


def url_patterns(patterns=None, prefix="", namespace=None):
    """Every URL pattern with its full name ("admin:index", or None) and the names of its arguments."""
    from django.urls import URLResolver, get_resolver

    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace and (f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace)
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
            continue
        arguments = set(getattr(pattern.pattern, "converters", {})) | set(pattern.pattern.regex.groupindex)
        name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
        yield name, prefix + str(pattern.pattern), arguments
