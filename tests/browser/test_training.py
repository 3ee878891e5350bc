"""An employee completes module 2 on a phone, sees feedback on a wrong answer and gets the certificate."""

from deelwijs.learning.models import Module

from .conftest import screenshot
from .screens import sign_in


def test_an_employee_completes_module_2_on_a_phone(page_at, demo):
    page = page_at(375)
    sign_in(page, "medewerker@lindehof.example")
    page.get_by_role("link", name="Training").first.click()
    page.get_by_role("link", name="Beginnen Wie ziet wat je post?").click()
    page.get_by_role("button", name="Volgende").click()  # the lesson
    module = Module.objects.get(organisation__slug="lindehof", number=2)
    first_wrong = True
    for step in module.steps.filter(kind="question").order_by("order"):
        right = next(i for i, c in enumerate(step.choices) if c["correct"])
        choice = step.choices[1 - right if first_wrong else right]["text"]
        page.get_by_label(choice, exact=True).check()
        page.get_by_role("button", name="Controleren").click()
        if first_wrong:
            page.locator(".finding.block[role=status]", has_text="Helaas, dit klopt").wait_for()
            screenshot(page, "training-wrong-answer-375")
            page.get_by_text("Opnieuw antwoorden").click()
            page.get_by_label(step.choices[right]["text"], exact=True).check()
            page.get_by_role("button", name="Controleren").click()
            first_wrong = False
        page.locator(".finding.hint[role=status]", has_text="Klopt.").wait_for()
        page.get_by_role("link", name="Volgende", exact=True).or_(
            page.get_by_role("link", name="Afronden", exact=True)
        ).click()
    page.get_by_role("heading", name="2. Wie ziet wat je post?").wait_for()
    assert page.get_by_text("Certificaat").first.is_visible()
    assert "8 van de 8 vragen goed" in page.content()
    screenshot(page, "training-certificate-375")
