import io
import json
import subprocess
import sys

from deelwijs.guard.cli import main


def run(argv, stdin=b""):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_clean_post_exits_zero():
    code, out, _ = run(["check", "Mooie dag gehad met mijn team!", "--platform", "x"])
    assert code == 0 and "Geen bevindingen" in out


def test_blocking_post_exits_one_and_prints_findings():
    code, out, _ = run(["check", "Meneer Pietersen op kamer 4 is jarig!"])
    assert code == 1
    assert "BLOKKEERT" in out and "client_privacy" in out and "Beleid:" in out


def test_warning_only_exits_zero():
    code, out, _ = run(["check", "Wij garanderen dat iedereen binnen een week geholpen wordt."])
    assert code == 0 and "WAARSCHUWING" in out


def test_json_output():
    code, out, _ = run(["check", "Bel me op 06-12345678", "--json", "--platform", "facebook"])
    data = json.loads(out)
    assert code == 1 and data["findings"][0]["category"] == "personal_data"
    assert data["findings"][0]["start"] == 10


def test_english_messages():
    _, out, _ = run(["check", "Bel me op 06-12345678", "--lang", "en"])
    assert "BLOCKS" in out and "Policy:" in out


def test_a_dash_reads_the_post_from_stdin():
    code, out, _ = run(["check", "-", "--json"], stdin=b"Meneer Pietersen op kamer 4 is jarig!")
    assert code == 1
    assert {f["category"] for f in json.loads(out)["findings"]} == {"client_privacy"}


def test_a_post_on_stdin_that_is_not_utf8_is_a_usage_error():
    code, _, err = run(["check", "-"], stdin=b"\xff\xfe kamer 4")
    assert code == 2 and "UTF-8" in err


def test_batch_keeps_order_and_reports_bad_lines_per_id():
    lines = [
        json.dumps({"id": "a", "text": "Mooie dag!", "platform": "x"}),
        json.dumps({"id": "b", "text": 42}),
        "dit is geen json",
        json.dumps({"id": "c", "text": "Bel me op 06-12345678", "platform": "facebook"}),
        json.dumps({"id": "d", "text": "Hoi", "platform": "myspace"}),
    ]
    data = ("\n".join(lines) + "\n").encode() + b"\xff\xfe\n"
    code, out, err = run(["check", "--jsonl", "-"], stdin=data)
    results = [json.loads(line) for line in out.splitlines()]
    assert [r.get("id") for r in results] == ["a", "b", None, "c", "d", None]
    assert results[0]["findings"] == []
    assert "text" in results[1]["error"]
    assert "JSON" in results[2]["error"]
    assert results[3]["findings"][0]["category"] == "personal_data"
    assert "platform" in results[4]["error"]
    assert results[5]["error"] == "geen geldige UTF-8"
    assert code == 2 and "regel 3" in err


def test_batch_of_good_lines_exits_one_when_something_blocks(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Mevrouw Jansma op kamer 2 is gevallen.", "platform": "x"}) + "\n")
    code, out, _ = run(["check", "--jsonl", str(path)])
    assert code == 1 and json.loads(out)["id"] == "x"


def test_usage_errors_exit_two_with_a_message(tmp_path):
    assert run(["check"])[0] == 2
    assert run(["check", "x", "--platform", "myspace"])[0] == 2
    code, _, err = run(["check", "--jsonl", str(tmp_path / "missing.jsonl")])
    assert code == 2 and "kan" in err
    bad_policy = tmp_path / "policy.json"
    bad_policy.write_text('{"staff_names": "Marit"}')
    code, _, err = run(["check", "Hallo", "--policy", str(bad_policy)])
    assert code == 2 and "staff_names" in err


def test_policy_file_is_used(tmp_path):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"public_contacts": ["06 11 22 33 44"]}))
    assert run(["check", "Bel ons op 06 11 22 33 44", "--policy", str(policy)])[0] == 0


def test_console_script_reads_invalid_utf8_on_stdin_without_crashing():
    proc = subprocess.run(
        [sys.executable, "-m", "deelwijs.cli", "check", "--jsonl", "-"],
        input=b'\xc3\x28 {"id": 1}\n',
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"] == "geen geldige UTF-8"
    assert b"Traceback" not in proc.stderr
