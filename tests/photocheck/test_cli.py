"""`deelwijs check-image`: the photo check for an archive of photos, with the post check's JSON and exit status."""

import io
import json
import subprocess
import sys

from deelwijs.photocheck.cli import main

from .images import scenery, whiteboard, with_code


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_a_photo_with_a_name_blocks_with_exit_1_and_json_with_boxes(tmp_path):
    photo, _ = whiteboard()
    path = tmp_path / "bord.jpg"
    photo.save(path)
    status, out, _ = run(str(path), "--json")
    report = json.loads(out)
    assert status == 1 and report["blocked"] is True and report["width"] == 1400
    finding = report["findings"][0]
    assert finding["category"] == "client_privacy" and finding["severity"] == "block"
    assert set(finding["box"]) == {"x", "y", "w", "h"} and finding["box"]["w"] > 0


def test_a_clean_photo_exits_0_and_says_so_in_dutch_or_english(tmp_path):
    path = tmp_path / "landschap.png"
    scenery().save(path)
    assert run(str(path)) == (0, "Geen bevindingen op deze foto.\n", "")
    assert run(str(path), "--lang", "en")[:2] == (0, "No findings in this photo.\n")


def test_the_text_report_names_severity_category_box_and_policy(tmp_path):
    photo, _ = with_code("PAT-20456")
    path = tmp_path / "polsband.png"
    photo.save(path)
    status, out, _ = run(str(path))
    assert status == 1
    assert out.startswith("BLOKKEERT") and " code " in out and "“PAT-20456”" in out and "Beleid:" in out


def test_a_batch_gives_a_json_line_per_photo_and_exit_2_for_a_file_that_is_no_photo(tmp_path):
    good, bad = tmp_path / "a.png", tmp_path / "b.jpg"
    scenery().save(good)
    bad.write_bytes(b"not a photo")
    status, out, err = run(str(good), str(bad), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 2 and [line["file"] for line in lines] == [str(good), str(bad)]
    assert lines[0]["findings"] == [] and "geen foto" in lines[1]["error"] and "b.jpg" in err


def test_bad_usage_exits_2(tmp_path):
    assert run()[0] == 2
    assert run(str(tmp_path / "missing.jpg"))[0] == 2
    assert run(str(tmp_path / "x.jpg"), "--policy", str(tmp_path / "none.json"))[0] == 2


def test_the_console_script_dispatches_check_image_and_keeps_check(tmp_path):
    path = tmp_path / "landschap.png"
    scenery().save(path)
    photo = subprocess.run([sys.executable, "-m", "deelwijs.cli", "check-image", str(path)], capture_output=True)
    text = subprocess.run([sys.executable, "-m", "deelwijs.cli", "check", "Mooie dag!"], capture_output=True)
    assert photo.returncode == 0 and b"Geen bevindingen" in photo.stdout
    assert text.returncode == 0
