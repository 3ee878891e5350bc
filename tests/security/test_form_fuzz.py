"""Hostile values in every form, and through every page that shows one: a Dutch message, never a crash or a 500.

Forms are found, not listed: every form class defined in a module of deelwijs (each app's forms.py and the few
built in a views module), and the form of every formset. A form that needs an argument this file cannot give
fails here, so a new form is driven by itself once its argument is in ARGUMENTS.

The pages are found the same way: every URL of the project is fetched as the first persona who may see it,
and every POST form on the page is sent back filled with hostile values. A URL that shows no form says why
in NO_FORM; a URL that only takes a POST names the page that carries its form in POSTED_FROM.
"""

import importlib
import inspect
import re
import time
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django import forms
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.formsets import BaseFormSet
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import deelwijs
from deelwijs.accounts.models import CorporateAccount, Handle
from deelwijs.common.markdown import render_markdown
from deelwijs.consent.models import ConsentRecord
from deelwijs.content.models import Campaign, ContentItem, Image, Topic
from deelwijs.learning.content import install_modules
from deelwijs.learning.models import Module, Step
from deelwijs.orgs import domain as orgs_domain
from deelwijs.orgs.forms import SettingsForm
from deelwijs.orgs.models import Location, Team
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.planning.models import Event, OwnHookDay, Pilot
from deelwijs.webcare.models import InboxItem, ResponseTemplate
from tests.conftest import make_person
from tests.database import ON_SQLITE
from tests.security.table import SCIM_ENDPOINTS, TABLE
from tests.security.world import url_for
from tests.web.test_access import objects  # noqa: F401 (a fixture)
from tests.web.test_content import item_post
from tests.web.test_webcare import entry  # noqa: F401 (a fixture)

LONG = "x" * 100_000
HOSTILE = {
    "long": LONG,
    "long digits": "9" * 100_000,
    "nul": "\x00",
    "nul inside": "Zorg\x00groep",
    "lone surrogate": "a\ud800b",
    "rtl override": "\u202egnp.exe\u202c",
    "brackets": "[" * 10_000,
    "braces": "{" * 10_000,
    "huge number": "9" * 40,
    "negative": "-1",
    "big negative": "-99999999999999999999",
    "zero": "0",
    "fraction": "1.5",
    "exponent": "1e309",
    "not a number": "NaN",
    "bad date": "99999-99-99",
    "last date": "9999-12-31",
    "first date": "0001-01-01",
    "first moment": "0001-01-01T00:00",
    "last moment": "9999-12-31T23:59",
    "sql": "1' OR '1'='1",
    "sql drop": "'; DROP TABLE orgs_user;--",
    "html": "<script>alert(1)</script>",
    "html attribute": '"><img src=x onerror=alert(1)>',
    "javascript link": "javascript:alert(1)",
    "format string": "{voornaam.__class__.__mro__}{0}%s%(x)s",
    "wide format": "{voornaam:>999999999}",
    "emoji": "\U0001f4a9\U0001f469\u200d\u2695\ufe0f",
    "whitespace": "  \t\n\u00a0 ",
    "empty": "",
    "crlf": "a\r\nSet-Cookie: x=1",
    "invalid choice": "not-a-choice",
    "unknown id": "999999999",
    "arabic digits": "\u0661\u0662",
}
SECONDS = 1  # for one form to validate; it takes milliseconds
LENGTH_NL = ("Dit veld mag maximaal", "de berichtcheck leest er hoogstens")
PACKAGE = Path(deelwijs.__file__).parent
DEFINES_A_FORM = re.compile(r"^class \w+\([^)]*Form(Set)?\b[^)]*\):", re.MULTILINE)


# Finding the forms


def form_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts and DEFINES_A_FORM.search(path.read_text()):
            yield importlib.import_module("deelwijs." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))


def form_classes():
    found = {}
    for module in form_modules():
        for name, value in vars(module).items():
            if not isinstance(value, type):
                continue
            if issubclass(value, forms.BaseModelForm) and value._meta.model is None:
                continue  # completed by a formset factory, and driven as that formset's form
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = value
            elif issubclass(value, BaseFormSet) and hasattr(value, "form"):
                found[f"{module.__name__}.{name}.form"] = value.form
    return found


FORMS = form_classes()


class World:
    """One organisation with something of everything, and another organisation with the same."""

    def __init__(self, org, other_org, people):
        self.org, self.other_org, self.people = org, other_org, people
        install_modules(org)
        self.module = Module.objects.filter(organisation=org).order_by("number").first()
        self.steps = self.one_step_of_each_sort(org)
        self.items = [
            InboxItem.objects.create(organisation=org, kind=kind, text="Zorggroep Test", author="@iemand")
            for kind, _label in InboxItem.KINDS
        ]
        self.theirs = self._make_things(other_org, make_person(other_org, "administrator", "admin@andere.test"))
        self._make_things(org, people["communications"])

    def image(self):
        from deelwijs.content.images import process
        from tests.security.world import tiny_png

        return Image.from_processed(self.org, process(tiny_png()))

    @staticmethod
    def one_step_of_each_sort(org):
        sorts = {}
        for step in Step.objects.filter(module__organisation=org):
            data = step.data or {}
            sorts.setdefault((step.kind, data.get("answer"), bool(data.get("own"))), step)
        return list(sorts.values())

    @staticmethod
    def _make_things(org, person):
        """One of every model a form lets you choose, keyed by model."""
        location = Location.objects.create(organisation=org, name=f"Locatie {org.slug}")
        now = timezone.now()
        things = [
            person,
            location,
            Team.objects.create(organisation=org, name=f"Team {org.slug}", location=location),
            CorporateAccount.objects.create(organisation=org, platform="x", handle=f"acc_{org.slug}"),
            Campaign.objects.create(organisation=org, name=f"Campagne {org.slug}"),
            Topic.objects.create(organisation=org, name=f"Onderwerp {org.slug}"),
            Event.objects.create(organisation=org, title="Open dag", starts_at=now, ends_at=now),
            Pilot.objects.create(
                organisation=org, title="Proef", goals="x", starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1)
            ),
            OwnHookDay.objects.create(organisation=org, name="Jubileum", day=date(2026, 6, 1)),
            ResponseTemplate.objects.create(organisation=org, title="Dank", text="Dank je"),
            ConsentRecord.objects.create(organisation=org, name=f"Afgebeeld {org.slug}", recorded_by=person),
        ]
        return {type(thing): thing for thing in things}


# How to build each form: a list of choices per argument a form's __init__ requires.
ARGUMENTS = {
    "organisation": lambda w: [w.org],
    # Someone who plans everything, and a manager who plans for their own teams only.
    "person": lambda w: [w.people["administrator"], w.people["manager"]],
    "user": lambda w: [w.people["employee"]],
    "image": lambda w: [w.image()],
    "step": lambda w: w.steps,
    "item": lambda w: w.items,
    "teams": lambda w: [Team.objects.all()],
}
# The unsaved object a ModelForm for a new one starts from, where the view gives it more than the model's defaults.
NEW_INSTANCES = {Step: lambda w: Step(module=w.module)}


def required_arguments(form_class):
    return [
        p.name
        for p in inspect.signature(form_class).parameters.values()
        if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name not in ("data", "files")
    ]


def variants(form_class, world):
    """(label, kwargs) for every combination of the arguments the form needs."""
    combos = [("", {})]
    for name in required_arguments(form_class):
        if name not in ARGUMENTS:
            pytest.fail(f"{form_class.__name__} needs {name!r}: say in ARGUMENTS how to make one")
        combos = [
            (f"{label} {name}={value}", {**kw, name: value}) for label, kw in combos for value in ARGUMENTS[name](world)
        ]
    if issubclass(form_class, forms.BaseModelForm) and form_class._meta.model in NEW_INSTANCES:
        combos = [(label, {**kw, "instance": NEW_INSTANCES[form_class._meta.model](world)}) for label, kw in combos]
    return combos


def has_files(form):
    return any(isinstance(f, forms.FileField) for f in form.fields.values())


def build(form_class, kwargs, data=None, files=None):
    form = form_class(data=data, **kwargs)
    if files is not None and has_files(form):
        form = form_class(data=data, files=files, **kwargs)
    return form


def input_names(name, field):
    widget = field.widget
    if isinstance(widget, forms.MultiWidget):
        return [name + suffix for suffix in widget.widgets_names]
    return [name]


def hostile_file():
    return SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")


def fill(form, value):
    data, files = MultiValueDict(), MultiValueDict()
    for name, field in form.fields.items():
        for key in input_names(name, field):
            if isinstance(field, forms.FileField):
                files.setlist(key, [hostile_file()])
            else:
                data.setlist(key, [value])
    return data, files


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)


def problems_with(form, label):
    """What is wrong when this bound form validates: an exception, a NUL that would reach the database, or a cost
    (a format width of a billion characters took 1.4 s and 1 GB)."""
    started = time.perf_counter()
    try:
        form.is_valid()
    except Exception as e:  # any exception is the finding
        return [f"{label}: is_valid() raised {type(e).__name__}: {e}"[:300]]
    if (seconds := time.perf_counter() - started) > SECONDS:
        return [f"{label}: is_valid() took {seconds:.1f} s"]
    cleaned = getattr(form, "cleaned_data", {})
    return [
        f"{label}: a NUL byte in cleaned {name}" for name, v in cleaned.items() if any("\x00" in s for s in strings(v))
    ]


@pytest.fixture
def world(org, other_org, people):
    with translation.override("nl"):
        yield World(org, other_org, people)


def test_forms_are_found():
    """Guard against the discovery silently finding nothing (a moved module, a changed pattern)."""
    names = set(FORMS)
    assert len(names) > 40
    assert {
        "deelwijs.orgs.forms.SettingsForm",
        "deelwijs.insight.views.ReportForm",
        "deelwijs.planning.forms.CalendarFilter",
        "deelwijs.content.forms.SuggestedTextFormSet.form",
    } <= names


@pytest.mark.parametrize("form_class", FORMS.values(), ids=FORMS.keys())
def test_every_hostile_value_in_every_field_is_refused_not_raised(world, form_class):
    problems = []
    with organisation_scope(world.org):
        for label, kwargs in variants(form_class, world):
            for value_label, value in HOSTILE.items():
                form = build(form_class, kwargs)
                data, files = fill(form, value)
                problems += problems_with(build(form_class, kwargs, data, files), f"{label} {value_label}".strip())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("form_class", FORMS.values(), ids=FORMS.keys())
def test_every_text_field_has_a_limit_with_a_dutch_message(world, form_class):
    with organisation_scope(world.org):
        for label, kwargs in variants(form_class, world):
            form = build(form_class, kwargs)
            data, files = fill(form, LONG)
            form = build(form_class, kwargs, data, files)
            form.is_valid()
            for name, field in form.fields.items():
                if not isinstance(field, forms.CharField):
                    continue
                assert field.max_length and field.max_length < len(LONG), (label, name)
                messages = " ".join(form.errors.get(name, []))
                assert any(m in messages for m in LENGTH_NL), (label, name, messages)


@pytest.mark.parametrize("form_class", FORMS.values(), ids=FORMS.keys())
def test_no_choice_field_accepts_another_organisations_id(world, form_class):
    with organisation_scope(world.org):
        for label, kwargs in variants(form_class, world):
            form = build(form_class, kwargs)
            choices = {n: f for n, f in form.fields.items() if isinstance(f, forms.ModelChoiceField)}
            for name, field in choices.items():
                theirs = world.theirs.get(field.queryset.model)
                assert theirs is not None, f"World makes no {field.queryset.model.__name__} for the other organisation"
                data, files = fill(form, "")
                data.setlist(name, [str(theirs.pk)])
                bound = build(form_class, kwargs, data, files)
                bound.is_valid()
                assert name in bound.errors, (label, name)


# Anything at all, per field: the hostile values, random text, numbers, dates, and for a choice a real choice.
def field_strategy(field):
    values = [
        st.sampled_from(list(HOSTILE.values())),
        st.text(max_size=40),
        st.integers().map(str),
        st.dates().map(str),
        st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    ]
    choices = [str(key) for key, _label in getattr(field, "choices", []) if key != ""][:50]
    if choices:
        values.append(st.sampled_from(choices))
    one = st.one_of(values)
    if isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)):
        return st.lists(one, max_size=3)
    return one.map(lambda v: [v])


@pytest.mark.parametrize("form_class", FORMS.values(), ids=FORMS.keys())
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(draw=st.data())
def test_random_values_never_make_a_form_raise(world, form_class, draw):
    with organisation_scope(world.org):
        label, kwargs = draw.draw(st.sampled_from(variants(form_class, world)), label="variant")
        form = build(form_class, kwargs)
        data = MultiValueDict()
        for name, field in form.fields.items():
            if not isinstance(field, forms.FileField):
                for key in input_names(name, field):
                    data.setlist(key, draw.draw(field_strategy(field), label=key))
        problems = problems_with(build(form_class, kwargs, data, MultiValueDict()), label)
        assert not problems, "\n".join(problems)


# Through the pages

# Every input of a form the same value.
PAGE_HOSTILE = [
    "long",
    "nul",
    "nul inside",
    "lone surrogate",
    "rtl override",
    "brackets",
    "huge number",
    "big negative",
    "bad date",
    "first moment",
    "last moment",
    "html attribute",
    "whitespace",
]
# The PostgreSQL run repeats only the values whose fate depends on the database (length, NUL bytes,
# encodings, number and date ranges); markup and whitespace take the same path on both.
if not ON_SQLITE:
    PAGE_HOSTILE = [
        label for label in PAGE_HOSTILE if label not in ("rtl override", "brackets", "html attribute", "whitespace")
    ]
# Per kind of input, the values to try in it alone, the rest of the form as the page showed it.
ONE_FIELD = {
    "text": ["long", "nul inside", "whitespace", "first moment", "last date"],
    "textarea": ["long", "nul inside", "whitespace"],
    "number": ["huge number", "big negative", "exponent"],
    "date": ["first date", "last date", "bad date"],
    "datetime-local": ["first moment", "last moment", "bad date"],
    "time": ["bad date", "huge number"],
    "select": ["huge number", "big negative", "nul inside", "unknown id"],
    "checkbox": ["huge number", "nul inside", "unknown id"],
    "radio": ["huge number", "nul inside", "invalid choice"],
    "hidden": ["huge number", "nul inside", "long"],
    "email": ["long", "nul inside"],
    "url": ["long", "nul inside", "javascript link"],
}
# For one hostile POST, loosely: they take a tenth of a second; "[" * 10000 in a lesson took 17 s to preview.
PAGE_SECONDS = 5
# Inputs whose typed value a re-rendered form shows again.
TYPED = {"text", "textarea", "email", "url", "search", "tel", "number", "date", "datetime-local", "time"}
PERSONAS = [None, "administrator", "communications", "manager", "webcare", "ambassador", "employee"]

# Pages without a POST form, and why.
NO_FORM = {
    "toolkit_attachment": "a file of a toolkit page",
    "toolkit_library_image": "a photo of the image library",
    "toolkit_banner": "a banner to download",
    "logout": "a button without fields that ends the session",
    "sso_lookup": "a GET form (tests/security/test_malformed_input.py)",
    "sso_start": "a redirect to the identity provider",
    "sso_callback": "the identity provider's redirect back (tests/web/test_sso.py)",
    "password_reset_done": "a message",
    "password_reset_complete": "a message",
    "check_api": "JSON for the share editor's script (tests/web/test_text_cap.py)",
    "people_search": "JSON for the people pickers' script (tests/web/test_pickers.py)",
    "share_go": "the page after sharing: links and a copy button",
    "tracked_link": "a redirect",
    "ical": "a calendar file",
    "report_download": "a file",
    "report_logo": "the report's logo",
    "dashboard_csv": "a CSV file",
    "learning_progress_csv": "a CSV file",
    "certificate": "a certificate to print",
    "export_download": "a ZIP file",
    "item_image": "a photo",
    "post_image": "a photo",
    "story_photo": "a photo",
    "inbox_screenshot": "a screenshot",
    "public_image": "a public photo",
    "consent_form_file": "a signed consent form",
    "consent_photo_file": "a photo",
    "people_online": "the public page of our people online: a list and links",
    "people_online_embed": "the same list, for a frame on the organisation's website",
    "people_online_json": "the same list as JSON",
    "people_online_snippet": "the same list as plain HTML",
    "people_online_export": "a file of handles for a list on a network",
    "photo_check": "the photo check's panel, fetched by its script",
    "photo_check_image": "a photo with its findings drawn on it",
    # The SCIM endpoint: JSON for an identity provider with a key (hostile bodies: tests/web/test_scim_api.py).
    **dict.fromkeys(SCIM_ENDPOINTS, "the SCIM endpoint, for a provisioning key only"),
    "service_worker": "the service worker's JavaScript",
    "web_manifest": "the web app manifest (JSON)",
    "offline": "the page the service worker shows without a connection: a message and two links",
}
# URLs that only take a POST, and the page that carries their form (driven with that page).
POSTED_FROM = {
    "toolkit_checklist": "toolkit_profile",
    "toolkit_install": "toolkit_manage",
    "toolkit_page_checked": "toolkit_manage",
    "toolkit_move": "toolkit_manage",
    "toolkit_attachment_delete": "toolkit_page_edit",
    "toolkit_delete": "toolkit_format_edit",
    "page_request_step": "page_request_detail",
    "handle_delete": "my_handles",
    "story_decide": "story_review",
    "post_move": "post_edit",
    "post_duplicate": "post_edit",
    "invitation_resend": "invite",
    "invitation_revoke": "invite",
    "check_answer": "inbox_item",
    "escalate": "inbox_item",
    "source_poll": "sources",
    "import_news": "item_list",
    "set_language": "home",
    "export_mine": "my_data",
    "person_export": "person_privacy",
    "person_close_confirm": "person_close",
    "person_reopen_confirm": "person_reopen",
    "handle_visibility": "my_handles",
    "promoted_answer_delete": "promoted_answer_edit",
    "buddy_end": "buddies",
    "online_withdraw": "online",
    "chat_channel_test": "chat_channel",
    "chat_channel_delete": "chat_channel_edit",
    "photo_accept": "photo_edit",
    "photo_recheck": "photo_edit",
    "photo_restore": "photo_edit",
    "provisioning_token_revoke": "provisioning",
    "push_subscribe": "push_settings",
    "push_test": "push_settings",
    "push_device_remove": "push_settings",
}
# Forms of the menu, on every page: driven with one page only.
MENU_FORMS = {"set_language": "home", "logout": None}


def url_names():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.name:
                yield prefix + str(p.pattern), p.name

    # The operators' admin site is Django's own, with Django's forms.
    return sorted({name for path, name in walk(get_resolver().url_patterns) if not path.startswith("beheer/")})


# The first row of each URL name: the address the table's objects give it.
TABLE_ROWS = {}
for _row in TABLE:
    TABLE_ROWS.setdefault(_row.name, _row)
DRIVEN = [n for n in url_names() if n not in NO_FORM and n not in POSTED_FROM]


@pytest.fixture
def pages(org, people, objects, entry):  # noqa: F811 (fixtures of test_access.py and test_webcare.py)
    """TABLE's objects (tests/security/world.py), and the URLs of the pages TABLE does not give (or gives
    without their form), per URL name."""
    install_modules(org)
    org.news_feed_url = "http://127.0.0.1:9/nieuws.xml"  # nothing listens there: the import fails politely
    org.save(update_fields=["news_feed_url"])
    module = Module.objects.filter(organisation=org).order_by("number").first()
    signal = InboxItem.objects.create(organisation=org, kind=InboxItem.SIGNAL, text="Zorggroep Test", author="x")
    Handle.objects.create(user=people["administrator"], platform="x", handle="beheerder")
    with organisation_scope(org):
        orgs_domain.invite(people["administrator"], "nieuw@test.test", "Nieuw", "", ["employee"], "http://testserver")
    token = re.search(r"/uitnodiging/([^/]+)/", mail.outbox[-1].body).group(1)
    employee = people["employee"]
    # The learner's form differs per sort of step; the editor's is the same for all.
    steps = [reverse("step", args=[s.module.number, s.order]) for s in World.one_step_of_each_sort(org)]
    first_step = Step.objects.filter(module=module).order_by("order").first()
    share = reverse("share", args=[objects["item"].pk])
    return {
        "objects": objects,
        "password_reset_confirm": [
            reverse(
                "password_reset_confirm",
                args=[urlsafe_base64_encode(force_bytes(employee.pk)), default_token_generator.make_token(employee)],
            )
        ],
        "accept_invitation": [reverse("accept_invitation", args=[token])],
        "module": [reverse("module", args=[module.number])],
        "module_edit": [reverse("module_edit", args=[module.number])],
        "step_new": [reverse("step_new", args=[module.number])],
        "step": steps,
        "step_edit": [reverse("step_edit", args=[module.number, first_step.order])],
        "inbox_item": [reverse("inbox_item", args=[signal.pk])],
        "conversation": [reverse("conversation", args=[entry.pk])],
        # The choice of network, then the editor (Mastodon asks for the server too).
        "share": [share, f"{share}?netwerk=linkedin", f"{share}?netwerk=mastodon"],
    }


def page_urls(name, pages, persona):
    if name in pages:
        return pages[name]
    if name in TABLE_ROWS:
        return [url_for(TABLE_ROWS[name], pages["objects"], persona)]
    return [reverse(name)]


class PostForms(HTMLParser):
    """The POST forms of a page: their action; their inputs (name, type) and the values they show, as a browser
    would send them; their submit buttons, each with its own formaction and name=value when it has them."""

    def __init__(self, html):
        super().__init__()
        self.forms, self.form, self.select, self.textarea = [], None, None, None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = None
            if (a.get("method") or "").lower() == "post":
                self.form = {"action": a.get("action") or "", "inputs": [], "values": [], "submits": []}
                self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = a.get("name")
        kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower() if tag != "textarea" else tag
        if tag in ("input", "button") and kind in ("submit", "image"):
            self.form["submits"].append((a.get("formaction"), (name, a.get("value") or "") if name else None))
        elif tag == "option" and self.select is not None:
            self.select["options"].append(a.get("value", ""))
            if "selected" in a:
                self.form["values"].append((self.select["name"], a.get("value", "")))
                self.select["chosen"] = True
        elif not name or name == "csrfmiddlewaretoken" or tag not in ("input", "textarea", "select"):
            return
        elif tag == "select":
            self.form["inputs"].append((name, tag))
            self.select = {"name": name, "options": [], "chosen": False, "multiple": "multiple" in a}
        else:
            self.form["inputs"].append((name, kind))
            if tag == "textarea":
                self.textarea = [name, ""]
            elif kind not in ("checkbox", "radio", "file") or "checked" in a:
                self.form["values"].append((name, a.get("value", "on" if kind in ("checkbox", "radio") else "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif self.form is None:
            return
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.form["values"].append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            # A browser sends the first option of a single choice when none is selected.
            if not self.select["chosen"] and not self.select["multiple"] and self.select["options"]:
                self.form["values"].append((self.select["name"], self.select["options"][0]))
            self.select = None


def submissions(response, page_url):
    """(action, url name, form, button) for every way to send every POST form of the page."""
    for form in PostForms(response.content.decode()).forms:
        for formaction, button in form["submits"] or [(None, None)]:
            action = formaction or form["action"] or page_url
            yield action, resolve(urlsplit(action).path).url_name, form, button


def cases(form, button):
    """(label, pairs, value, typed inputs): every input someone fills in the same hostile value (hidden ones as the
    page gave them); then each input alone, hidden ones too."""
    fields = [(name, kind) for name, kind in form["inputs"] if kind != "file"]
    hidden = [(n, v) for n, v in form["values"] if (n, "hidden") in fields]
    extra = [button] if button else []
    for label in PAGE_HOSTILE:
        value = HOSTILE[label]
        filled = [(name, value) for name, kind in fields if kind != "hidden"]
        yield label, [*hidden, *filled, *extra], value, [n for n, k in fields if k in TYPED]
    for name, kind in dict.fromkeys(fields):
        for label in ONE_FIELD.get(kind, []):
            value = HOSTILE[label]
            rest = [(n, v) for n, v in form["values"] if n != name]
            yield f"{name}={label}", [*rest, (name, value), *extra], value, [name] if kind in TYPED else []


def post(client, action, pairs, files):
    """Form data as a browser sends it: urlencoded UTF-8 (a lone surrogate as its raw bytes), multipart with files."""
    if files:
        data = {}
        for key, value in pairs:
            data.setdefault(key, []).append(value)
        return client.post(action, {**data, **files})
    encoded = urlencode([(k, v.encode("utf-8", "surrogatepass")) for k, v in pairs])
    return client.post(action, encoded, content_type="application/x-www-form-urlencoded")


def sign_in(client, people, persona):
    client.logout()
    if persona:
        client.force_login(people[persona])


def first_page(client, people, url):
    """The first persona (anonymous first) who gets the page, and the page; a redirect elsewhere than the sign-in
    page is followed (the password reset link, a module's first open step)."""
    for persona in PERSONAS:
        sign_in(client, people, persona)
        response = client.get(url)
        if response.status_code == 302 and not response.url.startswith(reverse("login")):
            response = client.get(response.url)
        if response.status_code == 200:
            return persona, response
    pytest.fail(f"no persona gets {url}")


def drive_page(client, people, persona, response, only_action=None):
    problems, driven = [], []
    page_url = response.request["PATH_INFO"]
    page_name = resolve(page_url).url_name
    for action, target, form, button in submissions(response, page_url):
        if (only_action and target != only_action) or (target in MENU_FORMS and MENU_FORMS[target] != page_name):
            continue
        driven.append(target)
        file_inputs = [name for name, kind in form["inputs"] if kind == "file"]
        for label, pairs, value, typed in cases(form, button):
            sign_in(client, people, persona)  # a hostile POST must not leave the next one signed out
            surrogate = "\ud800" in value  # urlencoded only: multipart encoding refuses it
            started = time.perf_counter()
            answer = post(client, action, pairs, {} if surrogate else {n: hostile_file() for n in file_inputs})
            seconds = time.perf_counter() - started
            where = f"POST {action} ({target}) {label} as {persona or 'anonymous'}"
            if answer.status_code >= 500:
                problems.append(f"{where}: {answer.status_code}")
            elif seconds > PAGE_SECONDS:
                problems.append(f"{where}: took {seconds:.1f} s")
            elif answer.status_code == 200 and typed and not surrogate and escape(value) not in answer.content.decode():
                problems.append(f"{where}: 200 without the typed value ({', '.join(typed)})")
    return problems, driven


@pytest.fixture
def hostile_client(client):
    client.raise_request_exception = False  # a crash must show as its 500, so every case is reported
    return client


@pytest.mark.parametrize("name", DRIVEN)
def test_hostile_values_through_every_form_never_give_a_500(hostile_client, pages, org, people, name):
    if name == "two_factor":
        org.require_two_factor = True
        org.save(update_fields=["require_two_factor"])
    problems = []
    for url in page_urls(name, pages, "employee"):
        persona, response = first_page(hostile_client, people, url)
        problems += drive_page(hostile_client, people, persona, response)[0]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("name", "page"), POSTED_FROM.items())
def test_every_post_only_url_is_driven_from_its_page(hostile_client, pages, org, people, name, page):
    [url] = page_urls(page, pages, "employee")
    persona, response = first_page(hostile_client, people, url)
    problems, driven = drive_page(hostile_client, people, persona, response, only_action=name)
    assert name in driven, f"{page} shows no form for {name}"
    assert not problems, "\n".join(problems)


def test_every_url_is_driven_or_says_why_not(pages):
    names = set(url_names())
    assert set(NO_FORM) <= names and set(POSTED_FROM) <= names
    for name in DRIVEN:
        if name not in TABLE_ROWS and name not in pages:
            reverse(name)  # a URL with arguments needs them in TABLE (tests/security/table.py) or in pages


# What the fuzz found, each on its own


def test_an_overlong_name_gets_the_dutch_length_message(client, people):
    client.force_login(people["administrator"])
    response = client.post(reverse("location_new"), {"name": "x" * 300})
    assert response.status_code == 200
    assert "Dit veld mag maximaal 200 tekens bevatten (nu 300)." in response.content.decode()


def test_a_textarea_without_a_model_limit_gets_the_default_one(client, people, org):
    client.force_login(people["administrator"])
    response = client.post(reverse("page_request_new"), {"platform": "facebook", "name": "P", "purpose": "x" * 6000})
    assert "Dit veld mag maximaal 5000 tekens bevatten (nu 6000)." in response.content.decode()
    assert 'maxlength="5000"' in client.get(reverse("page_request_new")).content.decode()


def test_a_twenty_digit_id_in_a_multiple_choice_is_refused_not_a_crash(client, people):
    client.force_login(people["administrator"])
    response = client.post(reverse("team_new"), {"name": "Nieuw", "members": ["9" * 20]})
    assert response.status_code == 200 and "is geen beschikbare keuze" in response.content.decode()
    assert not Team.objects.filter(name="Nieuw").exists()


@pytest.mark.parametrize("convention", ["{voornaam:>999999999}", "{voornaam.__class__}", "{voornaam!r}", "{0}", "{"])
def test_a_naming_convention_takes_only_the_bare_names(world, convention):
    with organisation_scope(world.org):
        form = SettingsForm({"name": "Zorg", "naming_convention": convention}, instance=world.org)
        started = time.perf_counter()
        assert not form.is_valid() and "naming_convention" in form.errors
        assert time.perf_counter() - started < SECONDS


def test_a_date_in_the_year_one_is_refused_in_dutch(client, people, pages):
    post = pages["objects"]["post"]
    client.force_login(people["communications"])
    response = client.post(reverse("post_move", kwargs={"pk": post.pk}), {"day": "0001-01-01"}, follow=True)
    assert response.status_code == 200 and "Kies een geldige datum" in response.content.decode()
    response = client.post(reverse("meeting_new"), {"title": "Overleg", "starts_at": "0001-01-01T00:00"})
    assert "Kies een datum tussen 1900 en 2100." in response.content.decode()


def test_a_note_or_an_answer_with_a_nul_is_refused_not_stored(client, people, org):
    """On PostgreSQL a NUL in text is a DataError: a 500 when the view took the text from request.POST itself."""
    item = InboxItem.objects.create(organisation=org, kind=InboxItem.MENTION, text="Zorggroep Test", author="x")
    client.force_login(people["webcare"])
    response = client.post(reverse("check_answer", args=[item.pk]), {"text": "Dank je\x00"})
    assert response.status_code == 200 and not response.context["copyable"]
    assert "Null-tekens zijn niet toegestaan." in response.content.decode()
    item.status, item.escalated_to, item.escalated_person = InboxItem.ESCALATED, "manager", people["manager"]
    item.save()
    client.force_login(people["manager"])
    response = client.post(reverse("inbox_item", args=[item.pk]), {"note_only": "1", "note": "Ik bel\x00 haar"})
    assert response.status_code == 200 and "Null-tekens zijn niet toegestaan." in response.content.decode()
    assert "Ik bel\x00 haar" in response.content.decode()  # kept as typed
    assert not item.events.filter(text__contains="Ik bel").exists()


@pytest.mark.parametrize("text", ["[" * 10_000, "![" * 500 + "x" * 49_000])
def test_markdown_that_would_take_minutes_is_shown_as_plain_text(text):
    started = time.perf_counter()
    html = render_markdown(text)
    assert time.perf_counter() - started < SECONDS and html.startswith("<p>" + text[:10])


@pytest.mark.parametrize("reason", ["x" * 400, "Toestemming\x00"])
def test_an_override_reason_that_cannot_be_stored_keeps_the_text_blocked(client, people, reason):
    """varchar(300) and a NUL: both a DataError on PostgreSQL when the reason came from request.POST as it was."""
    client.force_login(people["communications"])
    texts = [("x", "Mevrouw Jansen op kamer 12 komt ook naar de open dag!")]
    response = client.post(reverse("item_new"), item_post(people, texts, override_reason=reason))
    assert response.status_code == 200 and not ContentItem.objects.exists()
    assert any(m in response.content.decode() for m in ("Dit veld mag maximaal 300", "Null-tekens"))


def test_a_formset_with_a_huge_form_count_is_refused_quickly(client, people):
    client.force_login(people["communications"])
    data = {**item_post(people, []), "suggested_texts-TOTAL_FORMS": "9" * 40}
    started = time.perf_counter()
    response = client.post(reverse("item_new"), data)
    assert response.status_code == 200 and time.perf_counter() - started < PAGE_SECONDS
    assert "Verstuur maximaal 30 formulieren." in response.content.decode()


def test_a_shared_text_with_a_nul_is_refused_not_stored(client, people, pages):
    from deelwijs.sharing.models import Share

    client.force_login(people["ambassador"])
    url = reverse("share", args=[pages["objects"]["item"].pk])
    data = {"network": "mastodon", "text": "Open dag!\x00", "action": "share", "mastodon_instance": "geen server"}
    response = client.post(url, data)
    assert response.status_code == 200 and 'value="geen server"' in response.content.decode()
    response = client.post(url, {**data, "mastodon_instance": "mastodon.nl"})
    assert response.status_code == 200 and "Null-tekens zijn niet toegestaan." in response.content.decode()
    assert not Share.objects.filter(text__startswith="Open dag!").exists()
