"""`deelwijs check`: the post check on the command line.

Exit status: 0 nothing blocks, 1 something blocks, 2 bad usage or
unreadable input (a bad line in a batch is reported for its id and the
other lines are still checked).
"""

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, BinaryIO, TextIO

from . import PLATFORMS, Policy, PolicyError, Report, check
from .lexicon import LexiconError

SEVERITY_LABEL = {
    "nl": {"block": "BLOKKEERT", "warn": "WAARSCHUWING", "hint": "TIP"},
    "en": {"block": "BLOCKS", "warn": "WARNING", "hint": "HINT"},
}
TEXTS = {
    "nl": {"clean": "Geen bevindingen: dit bericht past binnen het beleid.", "policy": "Beleid", "fix": "Voorstel"},
    "en": {"clean": "No findings: this post fits the policy.", "policy": "Policy", "fix": "Suggestion"},
}


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="deelwijs", description="Deelwijs command line.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="check a post against the policy (the post check)")
    p.add_argument("text", nargs="?", help="the post, or - to read it from stdin; use --jsonl for a batch")
    p.add_argument("--platform", default="linkedin", choices=PLATFORMS)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--jsonl", metavar="FILE", help='records {"id","text","platform"} one per line; - for stdin')
    p.add_argument("--policy", metavar="FILE", help="the organisation's policy as JSON")
    p.add_argument("--lang", default="nl", choices=("nl", "en"), help="language of the messages")
    return parser


def main(
    argv: Sequence[str] | None = None,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else 2
    try:
        policy = _load_policy(args.policy)
        if args.jsonl:
            return _batch(args, policy, stdin, stdout, stderr)
        if args.text is None:
            raise UsageError("geef een tekst mee (- voor standaardinvoer), of --jsonl FILE")
        report = check(_post_text(args.text, stdin), args.platform, policy, lang=args.lang)
    except (UsageError, PolicyError, LexiconError) as e:
        print(f"deelwijs check: {e}", file=stderr)
        return 2
    if args.json:
        json.dump(report.to_dict(), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        _print_report(report, args.lang, stdout)
    return 1 if report.blocked else 0


def _load_policy(path: str | None) -> Policy:
    if not path:
        return Policy()
    try:
        with open(path, encoding="utf-8") as f:
            return Policy.from_json(f.read())
    except OSError as e:
        raise UsageError(f"kan het beleid niet lezen: {e.strerror} ({path})") from e
    except UnicodeDecodeError as e:
        raise UsageError(f"het beleid is geen geldige UTF-8 ({path})") from e


def _post_text(text: str, stdin: BinaryIO) -> str:
    """The post as given, or read from stdin for "-" (a post piped in must not be checked as the text "-")."""
    if text != "-":
        return text
    try:
        return stdin.read().decode("utf-8")
    except UnicodeDecodeError as e:
        raise UsageError("de invoer is geen geldige UTF-8") from e


def _open_batch(path: str, stdin: BinaryIO) -> BinaryIO:
    if path == "-":
        return stdin
    try:
        return open(path, "rb")
    except OSError as e:
        raise UsageError(f"kan {path} niet lezen: {e.strerror}") from e


def _batch(args: argparse.Namespace, policy: Policy, stdin: BinaryIO, stdout: TextIO, stderr: TextIO) -> int:
    """One output line per input line, in order; a bad line gets an error for its id."""
    source = _open_batch(args.jsonl, stdin)
    blocked = bad = False
    try:
        for number, raw in enumerate(source, start=1):
            if not raw.strip():
                continue
            record_id = None
            try:
                record = json.loads(raw.decode("utf-8"))
                if not isinstance(record, dict):
                    raise ValueError("een regel moet een JSON-object zijn")
                record_id = record.get("id")
                text = record.get("text")
                if not isinstance(text, str):
                    raise ValueError('het veld "text" ontbreekt of is geen tekst')
                platform = record.get("platform") or args.platform
                if platform not in PLATFORMS:
                    raise ValueError(f"onbekend platform {platform!r}; kies uit {', '.join(PLATFORMS)}")
                report = check(text, platform, policy, lang=args.lang)
            except (UnicodeDecodeError, ValueError, TypeError) as e:
                bad = True
                if isinstance(e, UnicodeDecodeError):
                    reason = "geen geldige UTF-8"
                elif isinstance(e, json.JSONDecodeError):
                    reason = f"geen geldige JSON (kolom {e.colno})"
                else:
                    reason = str(e)
                out: dict[str, Any] = {"id": record_id, "line": number, "error": reason}
                print(f"deelwijs check: regel {number}: {reason}", file=stderr)
            else:
                blocked = blocked or report.blocked
                out = {"id": record_id, "findings": [f.to_dict() for f in report.sorted_findings()]}
            stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    finally:
        if source is not stdin:
            source.close()
    return 2 if bad else 1 if blocked else 0


def _print_report(report: Report, lang: str, out: TextIO) -> None:
    texts, labels = TEXTS[lang], SEVERITY_LABEL[lang]
    if not report.findings:
        print(texts["clean"], file=out)
        return
    for f in report.sorted_findings():
        quote = " ".join(report.text[f.start : f.end].split())[:60]
        print(f"{labels[f.severity]:<13} {f.category:<15} {f.start}-{f.end}  “{quote}”", file=out)
        print(f"    {f.message}", file=out)
        if f.suggestion:
            print(f"    {texts['fix']}: {f.suggestion}", file=out)
        print(f"    {texts['policy']}: {f.policy}", file=out)
