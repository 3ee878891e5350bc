"""Campaigns and their colours: a palette of accessible colours, each with a class in the style sheet."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from deelwijs.content import domain
from deelwijs.content.models import CAMPAIGN_COLOURS, Campaign

CSS = Path(__file__).resolve().parents[2] / "deelwijs" / "static" / "css" / "deelwijs.css"


def luminance(hex_colour):
    """Relative luminance as WCAG 2.1 defines it."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_gives_the_known_figures():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the lightest grey that passes on white


@pytest.mark.parametrize("code, label, background, text", CAMPAIGN_COLOURS)
def test_every_campaign_colour_carries_its_name_at_a_contrast_of_at_least_4_5(code, label, background, text):
    assert contrast(background, text) >= 4.5


@pytest.mark.parametrize("code, label, background, text", CAMPAIGN_COLOURS)
def test_the_style_sheet_has_each_colour_as_the_palette_says(code, label, background, text):
    css = CSS.read_text()
    assert f".campaign-label.c-{code} {{ background: {background}; color: {text}; }}" in css
    assert f".post.c-{code} {{ border-top: 4px solid {background}; }}" in css


def test_the_style_sheet_has_no_colour_the_palette_lacks():
    codes = set(re.findall(r"\.campaign-label\.c-([a-z]+)", CSS.read_text()))
    assert codes == {code for code, *_rest in CAMPAIGN_COLOURS}


def test_the_colours_are_distinct():
    assert len({background for _c, _l, background, _t in CAMPAIGN_COLOURS}) == len(CAMPAIGN_COLOURS)


def test_a_new_campaign_gets_the_colour_used_least(org):
    assert domain.next_colour() == "blue"
    Campaign.objects.create(organisation=org, name="Een", slug="een", colour="blue")
    Campaign.objects.create(organisation=org, name="Twee", slug="twee", colour="green")
    assert domain.next_colour() == "teal"


def test_communications_makes_a_campaign_with_a_colour_and_a_unique_slug(client, people, org):
    Campaign.objects.create(organisation=org, name="Werken bij", slug="werken-bij", colour="blue")
    client.force_login(people["communications"])
    page = client.get(reverse("campaign_new"))
    assert page.context["form"].initial["colour"] == "teal"  # the first colour no campaign has yet
    html = page.content.decode()
    assert 'class="campaign-label c-magenta">Magenta</span>' in html and 'value="teal"' in html
    response = client.post(reverse("campaign_new"), {"name": "  Werken   Bij  ", "colour": "purple"})
    assert response.status_code == 200  # the same name (whitespace and case aside) is refused
    assert "Er is al een campagne met deze naam." in response.content.decode()
    response = client.post(reverse("campaign_new"), {"name": "Werken bij de thuiszorg", "colour": "purple"})
    assert response.status_code == 302 and response.url == reverse("campaign_list")
    made = Campaign.objects.get(name="Werken bij de thuiszorg")
    assert (made.slug, made.colour, made.organisation) == ("werken-bij-de-thuiszorg", "purple", org)
    client.post(reverse("campaign_new"), {"name": "Werken bij de thuiszorg!", "colour": "red"})
    assert Campaign.objects.get(name="Werken bij de thuiszorg!").slug == "werken-bij-de-thuiszorg-2"


def test_changing_a_campaign_keeps_its_slug_for_the_tracked_links(client, people, org):
    campaign = Campaign.objects.create(organisation=org, name="Werken bij", slug="werken-bij", colour="blue")
    client.force_login(people["administrator"])
    url = reverse("campaign_edit", kwargs={"pk": campaign.pk})
    response = client.post(url, {"name": "Kom werken", "colour": "red"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.name, campaign.slug, campaign.colour) == ("Kom werken", "werken-bij", "red")
    html = client.get(reverse("campaign_list")).content.decode()
    assert '<span class="campaign-label c-red">Kom werken</span> Rood' in html


def test_a_bad_colour_or_an_empty_name_keeps_what_was_typed(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("campaign_new"), {"name": "Zomer", "colour": "infrared"})
    html = response.content.decode()
    assert response.status_code == 200 and 'value="Zomer"' in html and "geen beschikbare keuze" in html
    response = client.post(reverse("campaign_new"), {"name": "   ", "colour": "red"})
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    "role, status",
    [(role, 200) for role in ("communications", "administrator")]
    + [(role, 403) for role in ("manager", "ambassador", "employee", "webcare", "volunteer", "client")],
)
def test_only_communications_and_administrators_keep_the_campaigns(client, people, org, role, status):
    campaign = Campaign.objects.create(organisation=org, name="Werken bij", slug="werken-bij")
    client.force_login(people[role])
    edit = reverse("campaign_edit", kwargs={"pk": campaign.pk})
    for url in (reverse("campaign_list"), reverse("campaign_new"), edit):
        assert client.get(url).status_code == status
    client.post(edit, {"name": "Anders", "colour": "red"})
    campaign.refresh_from_db()
    assert (campaign.name == "Anders") == (status == 200)


def test_another_organisations_campaign_is_not_found(client, people, other_org):
    theirs = Campaign.objects.create(organisation=other_org, name="Van hen", slug="van-hen")
    client.force_login(people["communications"])
    assert client.get(reverse("campaign_edit", kwargs={"pk": theirs.pk})).status_code == 404
    assert "Van hen" not in client.get(reverse("campaign_list")).content.decode()


def test_the_campaign_list_runs_a_fixed_number_of_queries(client, people, org, django_assert_max_num_queries):
    client.force_login(people["communications"])
    client.get(reverse("campaign_list"))
    for n in range(5):
        Campaign.objects.create(organisation=org, name=f"Campagne {n}", slug=f"campagne-{n}")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("campaign_list")).status_code == 200
