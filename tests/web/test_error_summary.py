"""A form sent back with errors: "Fout:" in the title, a summary at the top that links to each field, and the
errors of a group of radio buttons or boxes tied to the group (its fieldset), as the shared _form.html renders it.

Focus moving to the summary is page.js; tests/browser/test_accessibility.py checks it in a browser.
"""

import re

import pytest
from django.urls import reverse

from deelwijs.learning.content import install_modules
from deelwijs.learning.models import Module

from .test_page_markup import parse


def summary_links(html):
    summary = re.search(r'<div class="error-summary"[^>]*data-error-summary>(.*?)</div>', html, re.S)
    assert summary, "no error summary"
    return re.findall(r'<a href="#([^"]+)">', summary.group(1))


def fieldset_of(html, first_option):
    """The opening tag of the fieldset that holds the option with this id."""
    position = html.index(f'id="{first_option}"')
    return html[html.rindex("<fieldset", 0, position) : position].split(">", 1)[0]


def test_a_report_without_text_or_urgency_gets_a_summary_linked_to_both(client, people):
    client.force_login(people["employee"])
    response = client.post(reverse("report_signal"), {"description": "", "urgency": ""})
    html = response.content.decode()
    page = parse(html)
    assert page.title.startswith("Fout: ")
    links = summary_links(html)
    assert links == ["id_description", "id_urgency_0"]
    assert all(target in page.ids for target in links)
    # The group says what is wrong when a screen reader enters it; the text box names its own error.
    assert 'aria-describedby="id_urgency_error"' in fieldset_of(html, "id_urgency_0")
    assert re.search(r'<textarea[^>]*aria-describedby="id_description_error"', html)
    assert "id_urgency_error" in page.ids and "id_description_error" in page.ids


def test_the_training_answer_error_is_tied_to_the_choices(client, people, org):
    install_modules(org)
    client.force_login(people["employee"])
    module = Module.objects.get(organisation=org, number=2)
    response = client.post(reverse("step", kwargs={"number": module.number, "order": 3}), {})
    html = response.content.decode()
    assert parse(html).title.startswith("Fout: ")
    assert summary_links(html) == ["id_choice_0"]
    assert "id_choice_error" in fieldset_of(html, "id_choice_0")


def test_the_severity_of_a_conversation_is_linked_from_the_summary(client, people):
    client.force_login(people["manager"])
    response = client.post(reverse("conversation_new"), {"post": "Een bericht over het werk."})
    html = response.content.decode()
    assert parse(html).title.startswith("Fout: ")
    links = summary_links(html)
    assert "id_severity_0" in links
    assert "id_severity_error" in fieldset_of(html, "id_severity_0")


@pytest.mark.parametrize("name", ["report_signal", "policy"])
def test_a_page_without_errors_has_a_plain_title(client, people, name):
    client.force_login(people["employee"])
    html = client.get(reverse(name)).content.decode()
    assert not parse(html).title.startswith("Fout")
    assert "data-error-summary" not in html


def test_a_filter_that_does_not_parse_is_no_error(client, people):
    client.force_login(people["communications"])
    html = client.get(reverse("calendar"), {"date": "gisteren", "team": "abc"}).content.decode()
    assert not parse(html).title.startswith("Fout")
