"""Benchmark of the post check on a labelled set (make bench-guard).

Prints per category precision, recall and F1, the macro-F1 over the eight
labelled categories, false alarms on clean posts, latency per post, cold
start of the command line and peak memory.

Without paths it also cross-validates by writer on the corpus: for each
writer, the learned layer is trained on everyone else (and its thresholds
chosen on everyone else) and tested on that writer, the figure that predicts
posts by people we never read.
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
# Measure the checkout this file is in, not whichever deelwijs the virtualenv's editable install points at.
sys.path.insert(0, str(ROOT))
from deelwijs.guard.report import LABELLED  # noqa: E402 (after the path above)

DATA = ROOT / "data" / "guard"
# The blind sets too: each was scored once before and once after a change (docs/guard.md), and is seen since;
# run here, they show what later changes do to them.
DEFAULT_SETS = [
    DATA / "dev.jsonl",
    *sorted((DATA / "challenge").glob("*.jsonl")),
    *sorted((DATA / "blind").glob("*.jsonl")),
]
# Touches every lexicon: a name, a street, a typo, an identifier.
COLD_TEXT = "Mevrouw Jansen van de Kastanjelaan 4 was vandaag in het ziekehuis, bel 06-12345678."


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
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd + ["check", COLD_TEXT, "--platform", "x"], capture_output=True, check=False, env=env)
        runs.append(time.perf_counter() - t)
    return min(runs)


def table(gold, pred, clean, alarm, clean_any):
    """Per category precision, recall, F1 from boolean arrays; macro-F1 and false alarms."""
    print(f"{'category':16} {'prec':>6} {'recall':>6} {'F1':>6}    tp   fp   fn")
    f1s = []
    for cat in LABELLED:
        g, p = gold[cat], pred[cat]
        tp, fp, fn = int((g & p).sum()), int((p & ~g).sum()), int((g & ~p).sum())
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f1)
        print(f"{cat:16} {prec:6.2f} {rec:6.2f} {f1:6.2f}  {tp:4} {fp:4} {fn:4}")
    n = int(clean.sum())
    print(f"macro-F1 {sum(f1s) / len(f1s):.3f}   lowest {min(f1s):.2f}")
    print(
        f"false alarms on {n} clean posts: blocks or warns {int(alarm[clean].sum())} = {alarm[clean].mean():.1%}, "
        f"any finding of the eight {int(clean_any[clean].sum())} = {clean_any[clean].mean():.1%}"
    )
    return sum(f1s) / len(f1s)


def cross_validate():
    """Rules alone, and rules + learned layer with every writer held out once (thresholds too)."""
    import numpy as np

    from deelwijs.guard import learned, training

    t = time.perf_counter()
    data = training.build(training.load_records(training.training_files()))
    probs = training.held_out(data, k=None)
    pred = {c: data.rules[c].copy() for c in LABELLED}
    for group in sorted(set(data.groups.tolist())):
        test = data.groups == group
        thresholds = training.choose_thresholds(data, probs, ~test)
        for j, cat in enumerate(learned.LEARNED):
            pred[cat][test] |= probs[test, j] >= thresholds[cat]
    corpus = np.array([r.get("writer") is not None for r in data.records])
    writers = sorted(set(data.groups[corpus].tolist()))
    print(
        f"Cross-validation by writer on the corpus: {int(corpus.sum())} posts by {len(writers)} writers, "
        f"each held out once ({time.perf_counter() - t:.0f} s)\n"
    )

    def alarms(p, cats):
        out = np.zeros(len(data.records), dtype=bool)
        for cat in cats:
            out |= p[cat]
        return out

    per_writer = {}
    for name, p in (("(a) rules alone", data.rules), ("(b) rules + learned layer, held-out writer", pred)):
        print(name)
        sub = {c: v[corpus] for c, v in p.items()}
        gold = {c: v[corpus] for c, v in data.gold.items()}
        table(gold, sub, data.clean[corpus], alarms(p, training.ALARMING)[corpus], alarms(p, LABELLED)[corpus])
        print()
        for w in writers:
            m = data.groups == w
            f1s = [training.f1(data.gold[c][m], p[c][m]) for c in LABELLED]
            per_writer.setdefault(w, []).append(sum(f1s) / len(f1s))
    print(f"{'held-out writer':24} {'posts':>5}  macro-F1 rules  + learned")
    for w in writers:
        a, b = per_writer[w]
        print(f"{w:24} {int((data.groups == w).sum()):5}  {a:14.3f}  {b:9.3f}")
    print()


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
    parser.add_argument("paths", nargs="*", help="labelled JSONL sets (default: dev, challenge and blind sets)")
    parser.add_argument("--errors", action="store_true", help="list the posts the engine gets wrong")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cv", action=argparse.BooleanOptionalAction, default=None, help="cross-validate by writer")
    args = parser.parse_args()
    # First, while this process is small: a child's peak memory counts what it inherited at fork.
    cold = cold_start()
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cv = args.cv if args.cv is not None else not args.paths
    if cv:
        cross_validate()

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
    print(f"cold start of `deelwijs check`: {cold:.2f} s")
    print(
        f"peak memory: `deelwijs check` {child:.0f} MB, this benchmark process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        + (" (with the cross-validation's training)" if cv else "")
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
