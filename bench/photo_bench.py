"""Benchmark of the photo check (make bench-photo) on the photo set of bench/photo_set.py.

Renders the set once (12-megapixel photos in var/bench-photos, kept for the next run), checks every photo as
the worker does, and prints recall and precision for faces, for text findings and for codes, the false
findings on the photos that must stay clean, and the time per photo: CPU seconds (the check's own process and
Tesseract's, so one core's worth whatever else the machine does) and wall-clock seconds.

Targets (issue 16): text recall >= 0.90 with no false finding on the signs and scenery, faces found in >= 0.90
of the photos with faces, <= 2 s per 12-megapixel photo on one core.
"""

import argparse
import io
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Measure the checkout this file is in, not whichever deelwijs the virtualenv's editable install points at.
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cv2  # noqa: E402
from photo_set import NEUTRAL, SENSITIVE, render  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

from deelwijs.photocheck import Box, check_image  # noqa: E402

TARGETS = {"text recall": 0.90, "faces per photo": 0.90, "seconds p95": 2.0}


def cpu_seconds():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def matches(found, truth, overlap=0.5):
    return found.overlap(truth) >= overlap


def face_matches(found, truth):
    return found.iou(truth) >= 0.25 or found.overlap(truth) >= 0.6


def stored_copy(path, edge):
    """The photo as Deelwijs stores an upload (content.images: upright, at most `edge` pixels, JPEG 85), and the
    factor that turns the set's boxes into its pixels."""
    with Image.open(path) as original:
        upright = ImageOps.exif_transpose(original).convert("RGB")
    scale = min(1.0, edge / max(upright.size))
    upright.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    upright.save(buffer, "JPEG", quality=85)
    return buffer.getvalue(), scale


def evaluate(cases, folder, verbose=False, edge=None):
    tally = {
        "text_lines": 0,
        "text_found": 0,
        "text_findings": 0,
        "text_false": 0,
        "clean_photos": 0,
        "clean_false": 0,
        "faces": 0,
        "faces_found": 0,
        "face_photos": 0,
        "face_photos_found": 0,
        "face_findings": 0,
        "face_false": 0,
        "codes": 0,
        "codes_found": 0,
        "code_findings": 0,
        "code_false": 0,
    }
    cpu, wall, misses = [], [], []
    for case in cases:
        source, scale = (folder / case.file), 1.0
        if edge:
            source, scale = stored_copy(source, edge)
        started_cpu, started = cpu_seconds(), time.perf_counter()
        report = check_image(source)
        cpu.append(cpu_seconds() - started_cpu)
        wall.append(time.perf_counter() - started)
        if scale != 1.0:
            for truth in case.truths:
                truth.box = tuple(Box(*truth.box).scaled(scale).to_dict().values())
        by_kind = {kind: [f for f in report.findings if f.kind == kind] for kind in ("face", "text", "code")}
        truths = {kind: [t for t in case.truths if t.kind == kind] for kind in ("face", "text", "code")}
        # Text: every sensitive line must be found; a finding on a harmless line or on nothing is false.
        lines = [(Box(*t.box), t) for t in truths["text"]]
        for box, truth in lines:
            if truth.status == SENSITIVE:
                tally["text_lines"] += 1
                hit = any(matches(f.box, box) for f in by_kind["text"])
                tally["text_found"] += hit
                if not hit:
                    misses.append(f"{case.name}: text not found: {truth.label}")
        for finding in by_kind["text"]:
            tally["text_findings"] += 1
            if not any(matches(finding.box, box) and t.status in (SENSITIVE, NEUTRAL) for box, t in lines):
                tally["text_false"] += 1
                misses.append(f"{case.name}: false text finding: {finding.text!r} ({finding.category})")
        if case.group in ("signs", "scenery"):
            tally["clean_photos"] += 1
            tally["clean_false"] += bool(by_kind["text"])
        # Faces.
        faces = [Box(*t.box) for t in truths["face"]]
        found_here = 0
        for face in faces:
            tally["faces"] += 1
            hit = any(face_matches(f.box, face) for f in by_kind["face"])
            found_here += hit
            if not hit:
                misses.append(f"{case.name}: face not found at {face}")
        tally["faces_found"] += found_here
        if faces:
            tally["face_photos"] += 1
            tally["face_photos_found"] += found_here > 0
        for finding in by_kind["face"]:
            tally["face_findings"] += 1
            if not any(face_matches(finding.box, face) for face in faces):
                tally["face_false"] += 1
                misses.append(f"{case.name}: false face at {finding.box}")
        # Codes.
        codes = [Box(*t.box) for t in truths["code"]]
        for code in codes:
            tally["codes"] += 1
            hit = any(matches(f.box, code) for f in by_kind["code"])
            tally["codes_found"] += hit
            if not hit:
                misses.append(f"{case.name}: code not found")
        for finding in by_kind["code"]:
            tally["code_findings"] += 1
            if not any(matches(finding.box, code) for code in codes):
                tally["code_false"] += 1
                misses.append(f"{case.name}: false code {finding.text!r}")
        if verbose:
            kinds = ", ".join(f"{len(v)} {k}" for k, v in by_kind.items() if v) or "nothing"
            print(f"  {case.group:8} {case.name:24} {cpu[-1]:5.2f} s cpu {wall[-1]:5.2f} s wall  {kinds}")
    return tally, cpu, wall, misses


def ratio(a, b):
    return a / b if b else 1.0


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where the photo set is rendered (default var/bench-photos)")
    parser.add_argument("--only", help="check only the cases whose name contains this")
    parser.add_argument("--verbose", "-v", action="store_true", help="a line per photo, and every miss")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--stored", type=int, metavar="EDGE", help="check each photo as the web stores it: at most EDGE pixels (1600)"
    )
    args = parser.parse_args(argv)
    # One core for the check, as in a worker (Tesseract is held to one thread by the check itself).
    cv2.setNumThreads(1)
    started = time.perf_counter()
    cases = render(args.out)
    folder = args.out or ROOT / "var" / "bench-photos"
    if args.only:
        cases = [c for c in cases if args.only in c.name]
    print(f"{len(cases)} photos (rendered or reused in {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    check_image(folder / cases[0].file)  # the cascades and Tesseract's data loaded once, as in a worker
    tally, cpu, wall, misses = evaluate(cases, folder, args.verbose, args.stored)
    figures = {
        "photos": len(cases),
        "text recall": ratio(tally["text_found"], tally["text_lines"]),
        "text precision": ratio(tally["text_findings"] - tally["text_false"], tally["text_findings"]),
        "sensitive lines": tally["text_lines"],
        "clean photos with a text finding": tally["clean_false"],
        "clean photos": tally["clean_photos"],
        "faces per photo": ratio(tally["face_photos_found"], tally["face_photos"]),
        "face recall": ratio(tally["faces_found"], tally["faces"]),
        "face precision": ratio(tally["face_findings"] - tally["face_false"], tally["face_findings"]),
        "faces": tally["faces"],
        "code recall": ratio(tally["codes_found"], tally["codes"]),
        "code precision": ratio(tally["code_findings"] - tally["code_false"], tally["code_findings"]),
        "codes": tally["codes"],
        "seconds p50": statistics.median(cpu),
        "seconds p95": percentile(cpu, 0.95),
        "wall p50": statistics.median(wall),
        "wall p95": percentile(wall, 0.95),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"text    recall {figures['text recall']:.2f} ({tally['text_found']}/{tally['text_lines']} lines)  "
            f"precision {figures['text precision']:.2f}  "
            f"clean photos with a text finding {tally['clean_false']}/{tally['clean_photos']}"
        )
        print(
            f"faces   found in {figures['faces per photo']:.2f} of the photos with faces "
            f"({tally['face_photos_found']}/{tally['face_photos']})  recall {figures['face recall']:.2f} "
            f"({tally['faces_found']}/{tally['faces']})  precision {figures['face precision']:.2f}"
        )
        print(
            f"codes   recall {figures['code recall']:.2f} ({tally['codes_found']}/{tally['codes']})  "
            f"precision {figures['code precision']:.2f}"
        )
        size = f"photo stored at {args.stored} px" if args.stored else "12 MP photo"
        print(
            f"time    per {size}, one core: p50 {figures['seconds p50']:.2f} s  p95 {figures['seconds p95']:.2f} s"
            f"  (wall p50 {figures['wall p50']:.2f} s  p95 {figures['wall p95']:.2f} s)"
        )
        for name, target in TARGETS.items():
            value = figures[name]
            met = value <= target if name.startswith("seconds") else value >= target
            print(
                f"target  {name} {'<=' if name.startswith('seconds') else '>='} {target}: "
                f"{'met' if met else 'NOT MET'} ({value:.2f})"
            )
        print(
            f"target  no false text finding on the signs and scenery: "
            f"{'met' if not tally['clean_false'] else 'NOT MET'} ({tally['clean_false']})"
        )
        if args.verbose and misses:
            print("\n".join(["misses:", *(f"  {m}" for m in misses)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
