"""The post check as you type beside a story and in the register of conversations, which refuses client data."""

from django.urls import reverse

from deelwijs.webcare.models import Conversation

from .conftest import screenshot
from .screens import sign_in

CLIENT = "Foto van mevrouw Pietersen op kamer 12, op Facebook gezet."


def test_a_manager_sees_client_data_flagged_while_typing_and_cannot_save_it(page_at, demo):
    page = page_at(375)
    sign_in(page, "manager@lindehof.example")
    page.goto(reverse("conversation_new"))
    page.get_by_label("Medewerker").fill("Kees Hendriks")  # the picker looks the typed name up when sent
    post = page.get_by_label("Het bericht", exact=True)
    post.fill(CLIENT)
    findings = page.locator("#id_post-findings")
    findings.locator(".finding.block").first.wait_for()
    assert "kamer 12" in findings.inner_text()
    assert "Facebook" not in findings.inner_text()  # only what makes a client recognisable, not the post advice
    page.get_by_label("Het gesprek", exact=True).fill("Besproken waarom dit niet kan.")
    screenshot(page, "register-live-check-375")
    page.get_by_role("button", name="Opslaan").click()
    page.locator("#id_post_error").get_by_text("Het register bewaart nooit gegevens van cliënten").wait_for()
    assert not Conversation.objects.filter(post=CLIENT).exists()
    post.fill("Foto van een bewoner in de huiskamer, op Facebook gezet.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Het gesprek is vastgelegd.").wait_for()


def test_the_story_form_checks_while_typing(page_at, demo):
    page = page_at(375)
    sign_in(page, "vrijwilliger@lindehof.example")
    page.goto(reverse("story_new"))
    page.get_by_label("Jouw verhaal").fill("Mevrouw Pietersen van kamer 12 werd vandaag 100 jaar!")
    page.locator("#id_text-findings .finding.block").first.wait_for()
    screenshot(page, "story-live-check-375")
