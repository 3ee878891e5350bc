"""Every entry point that runs the post check caps the text: a form error or the check's finding, fast."""

import json
import time

import pytest
from django.urls import reverse

from deelwijs.content.models import ContentItem
from deelwijs.guard import MAX_TEXT
from deelwijs.guard import engine as guard_engine
from deelwijs.planning.models import PlannedPost
from deelwijs.sharing.models import Share
from deelwijs.stories.models import Story
from deelwijs.webcare.models import Conversation, ResponseTemplate

from .test_content import item_post, make_item
from .test_planning import account, form_data  # noqa: F401 (account is a fixture)
from .test_webcare import mention

HUGE = ("Vandaag met meneer Jansen op kamer 12 naar buiten geweest. " * 17_000)[:1_000_000]
TOO_LONG_NL = "Deze tekst heeft 1000000 tekens"  # the form error
REFUSED_NL = "te lang om te controleren"  # the check's finding


@pytest.fixture(autouse=True)
def engine_never_reads_the_whole_text(monkeypatch):
    """The check's analysis (Doc) must never see a text over the maximum."""
    real_doc = guard_engine.Doc

    def doc(text, *args, **kwargs):
        assert len(text) <= MAX_TEXT, f"the post check analysed {len(text)} characters"
        return real_doc(text, *args, **kwargs)

    monkeypatch.setattr(guard_engine, "Doc", doc)


def timed(call):
    started = time.perf_counter()
    response = call()
    # Loose: a 1 MB text took 21-31 s before; parsing and rendering it takes milliseconds.
    assert time.perf_counter() - started < 2
    assert response.status_code in (200, 302)
    return response


def test_the_share_editor_refuses_a_huge_text_with_the_finding(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])
    data = {"network": "linkedin", "text": HUGE, "action": "share", "confirmed": "1"}
    response = timed(lambda: client.post(reverse("share", kwargs={"pk": item.pk}), data))
    assert response.status_code == 200 and not Share.objects.exists()
    assert REFUSED_NL in response.content.decode()


def test_the_check_api_answers_a_huge_text_with_one_block_finding(client, people, org):
    client.force_login(people["ambassador"])
    body = json.dumps({"text": HUGE, "network": "x"})
    response = timed(lambda: client.post(reverse("check_api"), body, content_type="application/json"))
    result = response.json()
    assert result["blocked"] and len(result["findings"]) == 1
    assert REFUSED_NL in result["findings"][0]["message"]


def test_a_huge_story_gets_a_form_error(client, people):
    client.force_login(people["employee"])
    response = timed(lambda: client.post(reverse("story_new"), {"text": HUGE, "networks": ["linkedin"]}))
    assert response.status_code == 200 and not Story.objects.exists()
    assert TOO_LONG_NL in " ".join(response.context["form"].errors["text"])


def test_a_huge_suggested_text_gets_a_form_error_even_with_an_override_reason(client, people):
    client.force_login(people["communications"])
    data = item_post(people, [("linkedin", HUGE)], override_reason="Toestemming")
    response = timed(lambda: client.post(reverse("item_new"), data))
    assert response.status_code == 200 and not ContentItem.objects.exists()
    assert TOO_LONG_NL in response.content.decode()


def test_a_huge_planned_post_gets_a_form_error_even_with_an_override_reason(client, people, account):  # noqa: F811
    client.force_login(people["communications"])
    data = {**form_data(account, text=HUGE), "override_reason": "Toestemming"}
    response = timed(lambda: client.post(reverse("post_new"), data))
    assert response.status_code == 200 and not PlannedPost.objects.exists()
    assert TOO_LONG_NL in " ".join(response.context["form"].errors["text"])


def test_a_huge_webcare_answer_gets_a_form_error_and_cannot_be_copied(client, people, org):
    item = mention(org)
    client.force_login(people["webcare"])
    response = timed(lambda: client.post(reverse("check_answer", args=[item.pk]), {"text": HUGE}))
    assert response.context["report"] is None and not response.context["copyable"]
    assert TOO_LONG_NL in response.content.decode()


def test_a_huge_response_template_gets_a_form_error(client, people):
    client.force_login(people["webcare"])
    data = {"title": "Groot", "text": HUGE}
    response = timed(lambda: client.post(reverse("response_template_new"), data))
    assert response.status_code == 200 and not ResponseTemplate.objects.filter(title="Groot").exists()
    assert TOO_LONG_NL in " ".join(response.context["form"].errors["text"])


def test_a_huge_post_in_the_conversations_register_gets_a_form_error(client, people):
    client.force_login(people["manager"])
    data = {
        "employee": people["employee"].pk,
        "post": HUGE,
        "severity": "serious",
        "held_on": "2026-11-20",
        "conversation": "Gesprek gevoerd.",
    }
    response = timed(lambda: client.post(reverse("conversation_new"), data))
    assert response.status_code == 200 and not Conversation.objects.exists()
    assert TOO_LONG_NL in " ".join(response.context["form"].errors["post"])


def test_the_cli_refuses_a_huge_text_with_the_finding():
    import io

    from deelwijs.guard.cli import main

    out = io.StringIO()
    started = time.perf_counter()
    code = main(["check", HUGE], stdin=io.BytesIO(b""), stdout=out, stderr=io.StringIO())
    assert code == 1 and REFUSED_NL in out.getvalue()
    line = json.dumps({"id": "groot", "text": HUGE}).encode() + b"\n"
    out = io.StringIO()
    code = main(["check", "--jsonl", "-"], stdin=io.BytesIO(line), stdout=out, stderr=io.StringIO())
    assert code == 1 and REFUSED_NL in json.loads(out.getvalue())["findings"][0]["message"]
    assert time.perf_counter() - started < 2
