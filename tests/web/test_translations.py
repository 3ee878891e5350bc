"""No English left for a Dutch user: every text of the code has a Dutch translation, and it is Dutch.

The catalogue test runs Django's makemessages (xgettext) over a copy of the package, as `make messages`
does, so a template or Python text marked for translation without a Dutch entry fails here.
"""

import gettext
import importlib
import inspect
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django import forms
from django.utils import translation
from django.utils.functional import Promise

import deelwijs
from deelwijs.orgs.forms import ChoosePasswordForm

PACKAGE = Path(deelwijs.__file__).parent
PO = PACKAGE / "locale/nl/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")

# Translations that are rightly the same in Dutch: loanwords Dutch uses, names of products, "Status: ...".
SAME_IN_DUTCH = {
    "%(n)s export", "Account", "Accounts", "agenda", "Agenda", "Banner", "Banners", "Bluesky", "Dashboard",
    "Dilemma", "E-mail", "in WhatsApp", "Logo", "Magenta",
    "Exports", "Feedback", "Format", "Inbox", "Intake", "Intranet", "Later", "link", "Link", "Markdown.",
    "Mastodon", "Module", "moment", "Open", "Open accounts (%(n)s)", "Per", "Per team", "pixels", "planning",
    "Planning", "Privacy", "status", "Status", "Status: %(s)s.", "team", "Team", "teams", "Teams", "Tip",
    "Toolkit", "Training", "Webcare", "Website", "Week",
}  # fmt: skip
# English words that crept into Dutch translations before ("corporate account" for "organisatieaccount").
ENGLISH_IN_DUTCH = re.compile(r"\b(corporate|postcheck|post-check)\b", re.IGNORECASE)


def entries(po_text):
    """(msgid, [msgstr, ...]) of a .po file, without the header and obsolete entries."""
    found = []
    for block in po_text.split("\n\n"):
        fields, key = {}, None
        for line in block.splitlines():
            if line.startswith("#~"):
                fields = {}
                break
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                key = match[1]
                fields[key] = eval(match[2])  # a quoted .po string is a Python string literal
            elif line.startswith('"') and key:
                fields[key] += eval(line)
        if fields.get("msgid"):
            found.append((fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")]))
    return found


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogue as `make messages` would make it from the code now, merged with our translations."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext is missing: install gettext (Debian: gettext), as `make messages` needs")
    root = tmp_path_factory.mktemp("messages")
    shutil.copytree(PACKAGE, root / "deelwijs", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "PYTHONPATH": str(root), "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "deelwijs.config.settings"}
    command = [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-location", "--ignore=guard/*"]
    subprocess.run(command, cwd=root / "deelwijs", env=env, check=True, capture_output=True)
    return root / "deelwijs/locale/nl/LC_MESSAGES/django.po"


def test_every_text_of_the_code_has_a_dutch_translation(extracted):
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(extracted)], capture_output=True, text=True, check=True
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(extracted)], capture_output=True, text=True, check=True
    ).stdout
    missing = [msgid for msgid, _ in entries(untranslated) + entries(fuzzy)]
    assert not missing, f"append Dutch translations to {PO.relative_to(PACKAGE.parent)} for: {missing}"


def test_the_catalogue_has_no_double_entries():
    repeated = subprocess.run(["msguniq", "--repeated", str(PO)], capture_output=True, text=True, check=True)
    assert not entries(repeated.stdout)


def test_the_compiled_catalogue_is_up_to_date(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(PO)], check=True)
    with compiled.open("rb") as fresh, MO.open("rb") as committed:
        fresh_catalogue = gettext.GNUTranslations(fresh)._catalog
        committed_catalogue = gettext.GNUTranslations(committed)._catalog
    stale = set(fresh_catalogue.keys() ^ committed_catalogue.keys())
    stale |= {
        k for k in fresh_catalogue.keys() & committed_catalogue.keys() if fresh_catalogue[k] != committed_catalogue[k]
    }
    assert not stale, f"run msgfmt -o {MO.name} {PO.name}: {sorted(map(str, stale))[:10]}"


def test_the_dutch_translations_are_dutch():
    same = [msgid for msgid, strings in entries(PO.read_text()) if msgid in strings and msgid not in SAME_IN_DUTCH]
    assert not same, f"translated into the same English text: {same}"
    english = [s for _, strings in entries(PO.read_text()) for s in strings if ENGLISH_IN_DUTCH.search(s)]
    assert not english, english


# Forms whose fields the template labels itself (filters above a list, the SSO code on the sign-in page).
LABELLED_BY_THE_TEMPLATE = {
    "ConsentFilter", "PhotoFilter", "FeedFilter", "LeaderboardFilter", "PeopleFilter", "SSOLookupForm",
    "CalendarPeriodForm", "NewPostStart", "CalendarFeedForm", "LibraryFilter", "InboxFilter",
}  # fmt: skip


def form_classes():
    for module in pkgutil.walk_packages(deelwijs.__path__, "deelwijs."):
        if module.name.rpartition(".")[2] in ("forms", "views"):
            loaded = importlib.import_module(module.name)
            for name, value in vars(loaded).items():
                if inspect.isclass(value) and issubclass(value, forms.BaseForm) and value.__module__ == loaded.__name__:
                    yield name, value


def test_every_form_field_has_a_translated_label_and_help():
    """A model field without verbose_name gives an English label ("Location"); a label made with gettext at
    import is stuck in one language. Both show as not lazy here."""
    classes = dict(form_classes())
    assert len(classes) > 40
    wrong = []
    for name, form in classes.items():
        for field_name, field in form.base_fields.items():
            if field.widget.is_hidden or name in LABELLED_BY_THE_TEMPLATE:
                continue
            if not isinstance(field.label, Promise):
                wrong.append(f"{form.__module__}.{name}.{field_name}: label {field.label!r}")
            if field.help_text and not isinstance(field.help_text, Promise):
                wrong.append(f"{form.__module__}.{name}.{field_name}: help {field.help_text!r}")
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("kort12", "Dit wachtwoord is te kort: gebruik minstens 10 tekens."),
        ("1234567890", "Dit wachtwoord bevat alleen cijfers."),
        ("password123", "Dit wachtwoord is te algemeen."),
    ],
)
def test_the_password_rules_speak_dutch(password, expected):
    with translation.override("nl"):
        form = ChoosePasswordForm({"password1": password, "password2": password})
        assert not form.is_valid()
        assert expected in form.errors["password1"]
    with translation.override("en"):
        form = ChoosePasswordForm({"password1": "kort12", "password2": "kort12"})
        assert not form.is_valid()
        assert "This password is too short: use at least 10 characters." in form.errors["password1"]
