"""The quarterly report: its charts, the summary and key figures, the settings page (targets, logo, house colour)
and the PDF a director reads."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image as PILImage
from pypdf import PdfReader

from deelwijs.common import charts, colours
from deelwijs.content.models import Image, KeptUpload
from deelwijs.insight import figures, summary
from deelwijs.insight.models import ReportSettings
from deelwijs.orgs.models import AuditEntry
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.webcare.models import InboxItem

from .test_insight import Q3, Q4, local, world  # noqa: F401 (a fixture)


# The charts
def labels_of(svg):
    """The texts of an SVG's labels (their lines joined), in drawing order, without their tooltips."""
    svg = re.sub(r"<title>.*?</title>", "", str(svg))
    return [re.sub(r"<[^>]+>", " ", inner).split() for inner in re.findall(r"<text[^>]*>(.*?)</text>", svg)]


def test_bars_are_drawn_largest_first_under_a_head_that_says_what_they_count():
    svg = charts.bar_chart([("Klein", 3), ("Groot", 30), ("Midden", 12)], "Klikken per netwerk", "c", unit="Klikken")
    words = [" ".join(label) for label in labels_of(svg)]
    assert words[0] == "Klikken"
    assert [w for w in words if w in ("Klein", "Groot", "Midden")] == ["Groot", "Midden", "Klein"]
    assert svg.count('class="bar"') == 3


@pytest.mark.parametrize("width", [640, charts.PHONE_WIDTH])
def test_a_long_label_is_wrapped_or_cut_to_its_room_with_the_full_text_kept(width):
    long = "Dagbesteding en wijkverpleging van de locatie Het Anker aan de Havenstraat in Zwolle"
    svg = str(charts.bar_chart([(long, 5), ("Kort", 2)], "Gedeeld per team", "c", width=width))
    assert f"<title>{long}</title>" in svg  # the whole label as its tooltip (and in the table beside it)
    room = width - 8 if width < 640 else width * 0.4 - 10
    lines = re.findall(r"<tspan[^>]*>(.*?)</tspan>", svg)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(charts.text_width(line) <= room for line in lines)


def test_fit_breaks_between_words_and_inside_a_word_too_long_for_a_line():
    assert charts.fit("Wijkteam Oost", 500) == ["Wijkteam Oost"]
    assert charts.fit("Afdeling Zonnebloem Oost", 140) == ["Afdeling", "Zonnebloem Oost"]
    lines = charts.fit("Dagbestedingsafdelingscoördinatorenoverleg", 120)
    assert len(lines) == 2 and lines[0].endswith("-") and lines[1].endswith("…")
    assert all(charts.text_width(line) <= 120 for line in lines)


def test_a_running_period_is_shaded_dotted_and_explained_in_the_key():
    points = [("05-10", 10, 40), ("12-10", 12, 50), ("19-10", 2, 3)]
    running = str(charts.line_chart(points, "t", "Gedeeld", "Klikken", "c", unfinished_note="loopt nog, t/m vandaag"))
    assert 'class="unfinished"' in running and running.count('class="unfinished-line"') == 2
    assert running.count('class="unfinished-point"') == 2 and ">loopt nog, t/m vandaag</text>" in running
    finished = str(charts.line_chart(points, "t", "Gedeeld", "Klikken", "c"))
    assert "unfinished" not in finished and "loopt nog" not in finished


@pytest.mark.parametrize("width", [640, charts.PHONE_WIDTH])
def test_the_dates_and_values_of_a_line_chart_stay_inside_it(width):
    points = [(f"{n:02d}-2026", 25_000 * n, 1000) for n in range(1, 13)]
    svg = str(charts.line_chart(points, "t", "Gedeeld", "Klikken", "c", width=width, x_label="Maand"))
    placed = re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" font-size="\d+" fill="[^"]+" text-anchor="(\w+)">([^<]+)</text>', svg
    )
    for x, anchor, text in placed:
        left = float(x) - {"start": 0, "middle": 0.5, "end": 1}[anchor] * charts.text_width(text)
        assert 0 <= left and left + charts.text_width(text) <= width, text
    dates = [(float(x), text) for x, _a, text in placed if text.endswith("-2026")]
    for (x1, t1), (x2, t2) in zip(dates, dates[1:], strict=False):  # no date runs into the next
        assert x2 - x1 >= (charts.text_width(t1) + charts.text_width(t2)) / 2


def test_contrast_and_colours_as_people_type_them():
    assert colours.normalise(" 1F5E48 ") == "#1f5e48" and colours.normalise("#abc") == "#aabbcc"
    assert colours.normalise("groen") is None and colours.normalise("#12345") is None
    assert round(colours.contrast("#000000"), 1) == 21.0 and round(colours.contrast("#767676"), 2) == 4.54
    darker = colours.darkened("#f2a900")
    assert colours.contrast(darker) >= 4.5 > colours.contrast("#f2a900")


# The summary and the key figures
def data_of(shares=120, clicks=600, active=8, before=(100, 660, 6), stories=(4, 3)):
    return {
        "period": Q4,
        "previous": Q3,
        "totals": {"shares": shares, "clicks": clicks},
        "previous_totals": {"shares": before[0], "clicks": before[1]},
        "rate": figures.rate(clicks, shares),
        "previous_rate": figures.rate(before[1], before[0]),
        "active": active,
        "previous_active": before[2],
        "stories": {"submitted": stories[0], "approved": stories[1]},
    }


WEBCARE = {
    "mentions": 30,
    "signals": 4,
    "total": 34,
    "handled": 31,
    "median_response": timedelta(hours=2, minutes=10),
    "on_time_percent": 88,
}


def test_the_summary_says_shares_clicks_change_targets_and_webcare_in_a_few_dutch_sentences():
    targets = {"shares": 150, "clicks": 500, "active": None}
    with translation.override("nl"):
        said = summary.sentences(data_of(), targets, WEBCARE)
    text = " ".join(said)
    assert 3 <= len(said) <= 5
    assert "In K4 2026 deelden collega's 120 keer iets" in text and "600 keer geklikt: 5,0 klikken per deling" in text
    assert "Vergeleken met K3 2026 is dat 20% vaker gedeeld en 9% minder klikken." in text
    assert "8 collega's deelden minstens één keer (6 in K3 2026)." in text
    assert "80% van de beoogde 150 keer delen en 120% van de beoogde 500 klikken" in text
    assert "Webcare kreeg 34 berichten binnen (30 vermeldingen, 4 signalen van collega's)" in text
    assert "binnen 2 uur en 10 minuten opgepakt en 88% was binnen de termijn afgehandeld." in text


def test_the_summary_without_targets_or_a_previous_quarter_says_so():
    with translation.override("nl"):
        said = summary.sentences(data_of(before=(0, 0, 0)), {}, None, through=date(2026, 11, 18))
    text = " ".join(said)
    assert "In K4 2026, tot en met 18 november, deelden" in text
    assert "Van K3 2026 zijn er geen cijfers om mee te vergelijken." in text
    assert "Voor het kwartaal zijn geen doelen vastgelegd." in text and "Webcare" not in text


def test_the_key_figures_compare_with_the_previous_quarter_and_the_targets():
    with translation.override("nl"):
        rows = summary.key_figures(data_of(), {"shares": 150, "clicks": None, "active": 10}, {"submitted": 2})
        cells = {row.label: row.cells for row in rows}
    assert cells["Gedeeld"] == ["120", "100", "+20%", "150", "80%"]
    assert cells["Klikken"] == ["600", "660", "−9%", "–", "–"]
    assert cells["Klikken per deling"] == ["5,0", "6,6", "−24%", "–", "–"]
    assert cells["Actieve ambassadeurs"] == ["8", "6", "+33%", "10", "80%"]
    assert cells["Verhalen ingestuurd"][:3] == ["4", "2", "+100%"]
    assert cells["Verhalen goedgekeurd"][:3] == ["3", "–", "–"]


def test_a_response_time_in_words():
    with translation.override("nl"):
        assert summary.duration(timedelta(minutes=35)) == "35 minuten"
        assert summary.duration(timedelta(hours=1, minutes=1)) == "1 uur en 1 minuut"
        assert summary.duration(timedelta(days=1, hours=3, minutes=20)) == "1 dag en 3 uur"
        assert summary.duration(timedelta(seconds=10)) == "1 minuut"


# The settings page
def png(width=900, height=300, colour=(31, 94, 72), name="logo.png", exif=False):
    picture = PILImage.new("RGB", (width, height), colour)
    buffer = io.BytesIO()
    if exif:
        tags = PILImage.Exif()
        tags[0x010F] = "Camera van Anna"  # Make
        tags[0x8825] = {1: "N", 2: (52.0, 13.0, 0.0)}  # GPS
        picture.save(buffer, "JPEG", exif=tags)
        name = name.replace(".png", ".jpg")
    else:
        picture.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg" if exif else "image/png")


def settings_post(**fields):
    return {"target_shares": "300", "target_clicks": "1200", "target_active": "", "colour": "1F5E48", **fields}


def test_communications_sets_targets_logo_and_house_colour(client, org, people):
    client.force_login(people["communications"])
    assert client.get(reverse("report_settings")).status_code == 200
    response = client.post(reverse("report_settings"), settings_post(logo=png(3000, 1000, exif=True)))
    assert response.status_code == 302
    with organisation_scope(org):
        saved = ReportSettings.objects.select_related("logo").get()
    assert (saved.target_shares, saved.target_clicks, saved.target_active, saved.colour) == (300, 1200, None, "#1f5e48")
    with saved.logo.small.open("rb") as stored, PILImage.open(stored) as logo:
        assert max(logo.size) <= 640 and not logo.getexif()  # resized, and no camera or location left
    assert saved.logo.large.name.startswith("private/")
    entry = AuditEntry.objects.get(action="report_settings")
    assert entry.actor == people["communications"] and "het logo" in entry.summary and "de huiskleur" in entry.summary
    page = client.get(reverse("reports")).content.decode()
    assert "300 keer gedeeld" in page and "1.200 klikken" in page and "#1f5e48" in page
    assert client.get(reverse("report_logo"))["Content-Type"] == saved.logo.content_type


def test_a_colour_too_light_for_headings_is_refused_and_the_chosen_logo_kept(client, org, people):
    client.force_login(people["communications"])
    response = client.post(reverse("report_settings"), settings_post(colour="#f2a900", logo=png()))
    html = response.content.decode()
    assert response.status_code == 200 and "te licht voor koppen op wit" in html
    darker = colours.darkened("#f2a900")
    assert darker in html and "Bewaard: logo.png" in html  # the file need not be chosen again
    kept = KeptUpload.objects.get(person=people["communications"])
    assert f'name="logo_kept" value="{kept.pk}"' in html
    assert 'value="300"' in html  # what was typed stays too
    response = client.post(reverse("report_settings"), settings_post(colour=darker, logo_kept=str(kept.pk)))
    assert response.status_code == 302
    with organisation_scope(org):
        saved = ReportSettings.objects.get()
    assert saved.colour == darker and saved.logo is not None
    assert not KeptUpload.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"colour": "groen"}, "Schrijf de kleur als hexcode"),
        ({"target_shares": "-5"}, "Zorg ervoor dat deze waarde minstens 0 is."),
        ({"target_clicks": "99999999999"}, "Zorg ervoor dat deze waarde hoogstens 10000000 is."),
        ({"logo": SimpleUploadedFile("logo.png", b"geen plaatje", content_type="image/png")}, "afbeelding"),
    ],
)
def test_bad_settings_get_a_dutch_message_and_nothing_is_saved(client, org, people, fields, message):
    client.force_login(people["communications"])
    response = client.post(reverse("report_settings"), settings_post(**fields))
    assert response.status_code == 200 and message in response.content.decode()
    with organisation_scope(org):
        assert not ReportSettings.objects.exists()


def test_removing_the_logo_deletes_its_image(client, org, people):
    client.force_login(people["communications"])
    client.post(reverse("report_settings"), settings_post(logo=png()))
    assert Image.objects.filter(organisation=org).count() == 1
    client.post(reverse("report_settings"), settings_post(remove_logo="on"))
    with organisation_scope(org):
        assert ReportSettings.objects.get().logo is None
    assert not Image.objects.filter(organisation=org).exists()
    assert client.get(reverse("report_logo")).status_code == 404


@pytest.mark.parametrize("role", ["employee", "ambassador", "manager", "webcare", "client", "volunteer"])
def test_only_communications_and_administrators_set_the_report(client, org, people, role):
    client.force_login(people[role])
    assert client.get(reverse("report_settings")).status_code == 403
    assert client.post(reverse("report_settings"), settings_post()).status_code == 403
    assert client.get(reverse("report_logo")).status_code == 403
    with organisation_scope(org):
        assert not ReportSettings.objects.exists()
    client.force_login(people["administrator"])
    assert client.get(reverse("report_settings")).status_code == 200


def test_another_organisation_sees_and_changes_only_its_own_settings(client, org, people, outsider):
    client.force_login(people["communications"])
    client.post(reverse("report_settings"), settings_post(logo=png()))
    client.force_login(outsider)
    page = client.get(reverse("report_settings")).content.decode()
    assert 'value="#1f5e48"' not in page and 'value="300"' not in page and "Huiskleur nu" not in page
    assert client.get(reverse("report_logo")).status_code == 404
    client.post(reverse("report_settings"), settings_post(target_shares="7", colour=""))
    with organisation_scope(org):
        ours = ReportSettings.objects.get()
    assert (ours.target_shares, ours.colour) == (300, "#1f5e48")
    with organisation_scope(outsider.organisation):
        assert ReportSettings.objects.get().target_shares == 7


# The PDF
@pytest.fixture
def reported(org, people, world):  # noqa: F811 (the fixture imported above)
    """The world's quarter with targets, a logo, the house colour and a quarter of webcare."""
    from deelwijs.content.images import process

    logo = Image.from_processed(org, process(png()), "Logo")
    ReportSettings.objects.create(
        organisation=org, target_shares=6, target_clicks=4, target_active=None, colour="#1f5e48", logo=logo
    )
    hour = timedelta(hours=1)
    for n, kind in enumerate(["mention", "mention", "signal"]):
        created = local(date(2026, 11, 2 + n), 10)
        InboxItem.objects.create(
            organisation=org,
            kind=kind,
            text="x",
            created=created,
            status="answered",
            responded_at=created + (n + 1) * hour,
            handled_at=created + (n + 2) * hour,
        )
    return world


def pdf_pages(pdf):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_page_one_has_the_logo_summary_conclusion_and_the_targets_then_webcare(org, reported):
    from deelwijs.insight.report import render_pdf

    with organisation_scope(org), translation.override("nl"):
        pdf, csv = render_pdf(
            org, Q4, "Het delen groeit gestaag.\nVolgend kwartaal meer video.", today=date(2027, 1, 8)
        )
    pages = pdf_pages(pdf)
    first = pages[0]
    assert "Socialemediarapportage K4 2026" in first and "Samenvatting" in first
    assert "In K4 2026 deelden collega's 3 keer iets" in first and "6 keer geklikt" in first
    assert "Vergeleken met K3 2026 is dat 200% vaker gedeeld en 500% meer klikken." in first
    assert "50% van de beoogde 6 keer delen en 150% van de beoogde 4 klikken" in first
    assert "Het delen groeit gestaag." in first and "Volgend kwartaal meer video." in first
    assert "Cijfer K4 2026 K3 2026 Wijziging Doel Gehaald" in first
    assert "Gedeeld 3 1 +200% 6 50%" in first and "Klikken 6 1 +500% 4 150%" in first
    assert "Actieve ambassadeurs 3 1 +200% – –" in first
    assert "loopt nog" not in first  # the quarter has ended
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1  # the logo
    text = " ".join(pages)
    assert "Webcare Cijfer K4 2026 K3 2026 Berichten binnengekomen 3 0" in text
    assert "Mediane tijd tot eerste reactie 2 uur –" in text and "Binnen de termijn afgehandeld 100% –" in text
    assert "Webcare kreeg 3 berichten binnen (2 vermeldingen, 1 signalen van collega's)" in first
    rows = csv.removeprefix("\ufeff").splitlines()
    assert "Gedeeld;6;3" in rows and "Mediane tijd tot eerste reactie (minuten);120;" in rows


def test_the_report_of_a_running_quarter_says_up_to_when(org, reported):
    from deelwijs.insight.report import render_pdf

    with organisation_scope(org), translation.override("nl"):
        pdf, _csv = render_pdf(org, Q4, "", today=date(2026, 11, 18))
    first = pdf_pages(pdf)[0]
    assert "Het kwartaal loopt nog: de cijfers lopen tot en met 18 november." in first
    assert "In K4 2026, tot en met 18 november, deelden" in first and "Conclusie" not in first


def test_the_house_colour_is_on_headings_and_bars(org, reported):
    from django.template.loader import render_to_string

    from deelwijs.insight.report import report_context

    with organisation_scope(org), translation.override("nl"):
        html = render_to_string("insight/report_pdf.html", report_context(org, Q4, "", today=date(2027, 1, 8)))
    assert "h1, h2, h3 { color: #1f5e48; }" in html
    assert 'class="bar"' in html and all(
        'fill="#1f5e48"' in bar for bar in re.findall(r'<rect class="bar"[^>]*>', html)
    )
    assert 'src="data:image/' in html  # the logo, read from the private files by the report itself


def page_fill(pdf_html):
    """How far down each page of the report its content reaches, as a share of the page's content height."""
    import weasyprint

    fills = []
    for page in weasyprint.HTML(string=pdf_html).render().pages:
        box = page._page_box
        root = box.children[0]  # the document; the page's other children are its margin boxes (the footer)
        bottoms = [
            child.border_box_y() + child.border_height()
            for child in root.descendants()
            if getattr(child, "element_tag", None) not in (None, "html", "body") and child.border_height() > 0
        ]
        fills.append((max(bottoms, default=box.content_box_y()) - box.content_box_y()) / box.height)
    return fills


def test_the_demo_report_has_no_half_empty_pages(db):
    """The demo's report, for the quarter that runs and for the last one: every page but the last is at least
    two thirds full, because blocks are kept whole only where they are short and no page break is forced."""
    from django.template.loader import render_to_string

    from deelwijs.demo.build import create_demo
    from deelwijs.insight.report import report_context

    org, _logins = create_demo()
    conclusion = (
        "Het delen groeit.\n\nVolgend kwartaal: meer ambassadeurs per locatie en een campagne rond de open dagen."
    )
    current = figures.Period.quarter_of(timezone.localdate())
    with organisation_scope(org), translation.override("nl"):
        for period in (current, current.previous()):
            for written in ("", conclusion):
                html = render_to_string("insight/report_pdf.html", report_context(org, period, written))
                fills = page_fill(html)
                assert all(fill >= 0.66 for fill in fills[:-1]), (period.key, written, fills)
