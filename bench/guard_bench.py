"""Benchmark of the post check on a labelled set (make bench-guard).

Prints per category precision, recall and F1, the macro-F1 over the eight
labelled categories, false alarms on clean posts, latency per post, cold
start of the command line and peak memory.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "guard"
DEFAULT_SETS = [DATA / "dev.jsonl", *sorted((DATA / "challenge").glob("*.jsonl"))]
# Touches every lexicon: a name, a street, a typo, an identifier.
COLD_TEXT = "Mevrouw Jansen van de Kastanjelaan 4 was vandaag in het ziekehuis, bel 06-12345678."
LABELLED = [
    "client_privacy",
    "personal_data",
    "confidential",
    "disrespect",
    "speaks_for_org",
    "client_contact",
    "word_choice",
    "spelling",
]


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predict(records):
    from deelwijs.guard import check

    out = []
    for r in records:
        report = check(r["text"], r.get("platform", "linkedin"))
        out.append(report)
    return out


def scores(records, reports):
    rows = {}
    for cat in LABELLED:
        tp = fp = fn = 0
        for r, rep in zip(records, reports, strict=True):
            gold = cat in r["labels"]
            pred = cat in rep.categories
            tp += gold and pred
            fp += pred and not gold
            fn += gold and not pred
        p = tp / (tp + fp) if tp + fp else 1.0
        rc = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        rows[cat] = (p, rc, f1, tp, fp, fn)
    return rows


def latency(records, rounds):
    from deelwijs.guard import check

    for r in records:  # warm-up
        check(r["text"], r.get("platform", "linkedin"))
    times = []
    for _ in range(rounds):
        for r in records:
            t = time.perf_counter()
            check(r["text"], r.get("platform", "linkedin"))
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], times[-1]


def cold_start():
    exe = Path(sys.executable).parent / "deelwijs"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "deelwijs.cli"]
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd + ["check", COLD_TEXT, "--platform", "x"], capture_output=True, check=False)
        runs.append(time.perf_counter() - t)
    return min(runs)


def report_set(path, records, reports, errors):
    rows = scores(records, reports)
    print(f"Post check on {path} ({len(records)} posts)\n")
    print(f"{'category':16} {'prec':>6} {'recall':>6} {'F1':>6}   tp  fp  fn")
    for cat, (p, r, f1, tp, fp, fn) in rows.items():
        print(f"{cat:16} {p:6.2f} {r:6.2f} {f1:6.2f}  {tp:3} {fp:3} {fn:3}")
    macro = sum(row[2] for row in rows.values()) / len(rows)
    print(f"\nmacro-F1 {macro:.3f}   lowest {min(row[2] for row in rows.values()):.2f}")
    clean = [(r, rep) for r, rep in zip(records, reports, strict=True) if not r["labels"]]
    alarms = [r["id"] for r, rep in clean if any(f.severity in ("block", "warn") for f in rep.findings)]
    print(f"false alarms on clean posts: {len(alarms)}/{len(clean)} = {len(alarms) / max(1, len(clean)):.1%}")
    if errors:
        for r, rep in zip(records, reports, strict=True):
            gold, pred = set(r["labels"]), set(rep.categories) & set(LABELLED)
            if gold != pred:
                print(f"{r['id']} {r['platform']:9} missed={sorted(gold - pred)} extra={sorted(pred - gold)}")
                print("   ", r["text"].replace("\n", " / ")[:300])
                for f in rep.sorted_findings():
                    if f.category in (pred - gold):
                        print(f"      + {f.category}: {r['text'][f.start : f.end][:60]!r}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", help="labelled JSONL sets (default: the dev set and our own styles set)")
    parser.add_argument("--errors", action="store_true", help="list the posts the engine gets wrong")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    paths = args.paths or [str(p) for p in DEFAULT_SETS if p.exists()]
    all_records = []
    for path in paths:
        records = load(path)
        all_records += records
        t = time.perf_counter()
        reports = predict(records)
        first_pass = time.perf_counter() - t
        report_set(path, records, reports, args.errors)
        print(f"first pass incl. loading the word lists: {first_pass:.2f} s\n")
    records = all_records
    p50, p95, worst = latency(records, args.rounds)
    print(
        f"latency per post ({len(records)} posts x {args.rounds}, after warm-up, one core): "
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {worst:.2f} ms"
    )
    print(f"cold start of `deelwijs check`: {cold_start():.2f} s")
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak memory: `deelwijs check` {child:.0f} MB, this benchmark process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
