"""`deelwijs check-image PHOTO...`: the photo check on the command line, for an archive of photos.

The same JSON as `deelwijs check --json` (platform, blocked, needs_confirmation, findings with category,
severity, message, rule, policy), each finding with its box on the photo (x, y, w, h in the photo's pixels)
and its kind; the report adds the photo's size and the text read. Several photos give a JSON line each.

Exit status as `deelwijs check`: 0 nothing blocks, 1 something blocks, 2 bad usage or a file that is not a
photo (the other photos are still checked).
"""

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from deelwijs.guard import PLATFORMS, Policy, PolicyError

from .engine import check_image
from .picture import PhotoError
from .report import PhotoReport
from .text import TIMEOUT

SEVERITY_LABEL = {
    "nl": {"block": "BLOKKEERT", "warn": "WAARSCHUWING", "hint": "TIP"},
    "en": {"block": "BLOCKS", "warn": "WARNING", "hint": "HINT"},
}
TEXTS = {
    "nl": {"clean": "Geen bevindingen op deze foto.", "policy": "Beleid", "read": "Gelezen"},
    "en": {"clean": "No findings in this photo.", "policy": "Policy", "read": "Read"},
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deelwijs check-image", description="Check photos for faces, text (with the post check) and codes."
    )
    parser.add_argument("photos", nargs="+", metavar="PHOTO", help="a JPEG, PNG or WebP photo; several for a batch")
    parser.add_argument("--json", action="store_true", help="print the report as JSON (a line per photo for several)")
    parser.add_argument("--lang", default="nl", choices=("nl", "en"), help="language of the messages")
    parser.add_argument("--policy", metavar="FILE", help="the organisation's policy as JSON (as deelwijs check)")
    parser.add_argument("--platform", default="linkedin", choices=PLATFORMS, help="judge the text as a post for")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds Tesseract may take per photo")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else 2
    try:
        policy = _load_policy(args.policy)
    except (OSError, UnicodeDecodeError, PolicyError) as e:
        print(f"deelwijs check-image: kan het beleid niet lezen: {e}", file=stderr)
        return 2
    blocked = bad = False
    batch = len(args.photos) > 1
    for path in args.photos:
        try:
            report = check_image(path, policy, lang=args.lang, platform=args.platform, timeout=args.timeout)
        except PhotoError as e:
            bad = True
            print(f"deelwijs check-image: {path}: {e}", file=stderr)
            if batch and args.json:
                stdout.write(json.dumps({"file": path, "error": str(e)}, ensure_ascii=False) + "\n")
            continue
        blocked = blocked or report.blocked
        if args.json:
            data = report.to_dict()
            if batch:
                stdout.write(json.dumps({"file": path, **data}, ensure_ascii=False) + "\n")
            else:
                json.dump(data, stdout, ensure_ascii=False, indent=2)
                stdout.write("\n")
        else:
            if batch:
                print(f"== {path}", file=stdout)
            _print_report(report, args.lang, stdout)
    return 2 if bad else 1 if blocked else 0


def _load_policy(path: str | None) -> Policy:
    if not path:
        return Policy()
    with open(path, encoding="utf-8") as f:
        return Policy.from_json(f.read())


def _print_report(report: PhotoReport, lang: str, out: TextIO) -> None:
    texts, labels = TEXTS[lang], SEVERITY_LABEL[lang]
    if not report.findings:
        print(texts["clean"], file=out)
        return
    for f in report.sorted_findings():
        b = f.box
        what = f"“{' '.join(f.text.split())[:60]}”" if f.text else ""
        print(f"{labels[f.severity]:<13} {f.category:<15} {b.x},{b.y} {b.w}x{b.h}  {what}".rstrip(), file=out)
        print(f"    {f.message}", file=out)
        if f.policy:
            print(f"    {texts['policy']}: {f.policy}", file=out)
