"""The photo check's engine: faces, text through the post check, codes, boxes, time limit, blur."""

import pytest
from PIL import Image

from deelwijs.guard import BLOCK, WARN, Policy
from deelwijs.photocheck import Box, PhotoError, blur, check_image, draw_findings, judge, read
from deelwijs.photocheck import text as text_reader

from .images import ASTRONAUT_FACE, astronaut, jpeg, scenery, whiteboard, with_code


@pytest.fixture(scope="module")
def whiteboard_report():
    photo, boxes = whiteboard()
    return check_image(photo), boxes


def test_a_whiteboard_with_a_name_and_a_room_number_is_found_like_a_caption(whiteboard_report):
    report, boxes = whiteboard_report
    assert "Mevr. Jansen kamer 12" in report.text
    texts = [f for f in report.findings if f.kind == "text"]
    assert {f.category for f in texts} == {"client_privacy"} and {f.severity for f in texts} == {BLOCK}
    assert {f.text for f in texts} == {"Mevr. Jansen", "kamer 12"}
    assert report.blocked
    # The post check's own message and policy line.
    assert any("maakt een cliënt herkenbaar" in f.message for f in texts)
    assert all(f.policy.startswith("Beroepsgeheim") for f in texts)


def test_a_text_finding_boxes_its_whole_line_and_nothing_of_the_heading(whiteboard_report):
    report, (heading, line) = whiteboard_report
    for finding in (f for f in report.findings if f.kind == "text"):
        assert finding.box.overlap(Box(*line)) > 0.8
        assert finding.box.intersection(Box(*heading)) == 0
        # The whole line, so blurring it leaves no surname to read.
        assert finding.box.w >= line[2] * 0.9


def test_the_findings_index_the_text_read(whiteboard_report):
    report, _ = whiteboard_report
    for finding in (f for f in report.findings if f.kind == "text"):
        assert report.text[finding.start : finding.end] == finding.text


def test_scenery_is_clean():
    report = check_image(scenery())
    assert report.findings == [] and not report.blocked and report.complete


def test_a_qr_code_is_found_with_its_box_and_blocks_unless_it_is_a_link():
    photo, where = with_code("PAT-20456 Jansen")
    report = check_image(photo)
    (code,) = [f for f in report.findings if f.kind == "code"]
    assert code.severity == BLOCK and code.text == "PAT-20456 Jansen" and code.box.overlap(Box(*where)) > 0.9
    photo, _ = with_code("https://www.lindehof.example/open-dag")
    (link,) = check_image(photo).findings
    assert link.severity == WARN and link.rule == "photo.code_link" and "lindehof.example" in link.message


def test_a_barcode_on_a_wristband_blocks():
    import zxingcpp

    photo, where = with_code("PAT-20456", zxingcpp.BarcodeFormat.Code128, scale=4, at=(300, 400))
    (code,) = [f for f in check_image(photo).findings if f.kind == "code"]
    assert code.severity == BLOCK and code.category == "code" and code.box.overlap(Box(*where)) > 0.8


def test_the_face_of_the_astronaut_is_found():
    report = check_image(astronaut())
    faces = [f for f in report.findings if f.kind == "face"]
    assert len(faces) == 1 and report.faces == 1
    face = faces[0]
    assert face.severity == WARN and face.category == "face" and face.box.iou(Box(*ASTRONAUT_FACE)) > 0.4
    assert "toestemming" in face.message


def test_boxes_are_in_pixels_of_the_photo_as_given_also_when_it_is_large_and_turned():
    photo, boxes = whiteboard(size=(1400, 1000))
    large = photo.resize((4200, 3000))
    # Stored turned a quarter, with the EXIF orientation that tells a viewer to turn it back.
    exif = Image.Exif()
    exif[0x0112] = 6
    report = check_image(jpeg(large.transpose(Image.Transpose.ROTATE_90), exif=exif))
    assert (report.width, report.height) == (4200, 3000)
    line = Box(*boxes[1]).scaled(3)
    assert any(f.box.overlap(line) > 0.8 for f in report.findings if f.kind == "text")


def test_english_messages():
    photo, _ = whiteboard()
    reading = read(photo)
    dutch, english = judge(reading, lang="nl"), judge(reading, lang="en")
    assert [f.box for f in dutch.findings] == [f.box for f in english.findings]
    assert any("recognisable" in f.message or "client" in f.message for f in english.findings)


def test_the_organisations_policy_is_used():
    # The organisation's own number on a poster is no private phone number: its policy decides, as for a caption.
    photo, _ = whiteboard(("Vragen?", "Bel ons: 06-11223344"))
    reading = read(photo)
    assert [f for f in judge(reading).findings if f.kind == "text"]
    policy = Policy.from_dict({"public_contacts": ["06-11223344"]})
    assert not [f for f in judge(reading, policy).findings if f.kind == "text"]


def test_tesseract_that_takes_too_long_leaves_an_incomplete_report_with_a_warning(monkeypatch):
    def slow(*args, **kwargs):
        raise text_reader.TextTimeout

    monkeypatch.setattr(text_reader, "read_text", slow)
    photo, _ = whiteboard()
    report = check_image(photo, timeout=0.01)
    (unread,) = report.findings
    assert not report.complete and unread.kind == "unread" and unread.severity == WARN
    assert unread.box == Box(0, 0, 1400, 1000)


def test_the_time_limit_stops_tesseract_itself():
    photo, _ = whiteboard()
    with pytest.raises(text_reader.TextTimeout):
        text_reader.read_text(photo, timeout=0.001)


def test_a_blurred_line_is_no_longer_read():
    photo, boxes = whiteboard()
    found = [f.box for f in check_image(photo).findings]
    cleaned = check_image(blur(photo, found))
    assert not cleaned.findings
    assert "Bewoners vandaag" in cleaned.text  # what was not blurred is still read


def test_a_blurred_face_is_no_longer_found():
    photo = astronaut()
    faces = [f.box for f in check_image(photo).findings if f.kind == "face"]
    assert not [f for f in check_image(blur(photo, faces)).findings if f.kind == "face"]


def test_blur_leaves_the_rest_of_the_photo_alone():
    photo, (_, (x, y, w, h)) = whiteboard()
    blurred = blur(photo, [Box(x, y, w, h)])
    assert blurred.size == photo.size and blurred.getpixel((700, 900)) == photo.getpixel((700, 900))
    assert blurred.crop((x, y, x + w, y + h)).tobytes() != photo.crop((x, y, x + w, y + h)).tobytes()


def test_findings_are_drawn_on_a_smaller_copy():
    photo, _ = whiteboard()
    report = check_image(photo)
    small = photo.resize((700, 500))
    drawn = draw_findings(small, [(f.box, f.severity, str(n)) for n, f in enumerate(report.findings, 1)], 0.5)
    assert drawn.size == (700, 500) and drawn.tobytes() != small.tobytes()


def test_a_file_that_is_no_photo_is_refused_in_dutch():
    with pytest.raises(PhotoError, match="geen foto"):
        check_image(b"%PDF-1.4 not a photo")


def test_a_photo_with_too_many_pixels_is_refused_before_decoding():
    from tests.security.test_hostile_uploads import png_claiming

    with pytest.raises(PhotoError, match="te veel pixels"):
        check_image(png_claiming(20_000, 20_000).read())


def test_the_report_has_the_post_checks_json_with_boxes(whiteboard_report):
    report, _ = whiteboard_report
    data = report.to_dict()
    assert {"platform", "blocked", "needs_confirmation", "findings"} <= data.keys()
    assert data["width"] == 1400 and data["text"] == report.text
    finding = data["findings"][0]
    assert {"category", "severity", "start", "end", "message", "rule", "policy", "suggestion"} <= finding.keys()
    assert set(finding["box"]) == {"x", "y", "w", "h"} and finding["kind"] == "text"


def test_the_engine_imports_no_django():
    import subprocess
    import sys

    code = "import sys, deelwijs.photocheck; print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
