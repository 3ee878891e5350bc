"""Faces, with the Haar cascades that ship inside opencv-python-headless (nothing is downloaded).

Frontal faces and faces in profile (both ways: the profile cascade knows one side, the mirrored photo
gives the other). Detections of one face at several scales or by both cascades are merged into one box.
"""

from functools import cache

import cv2
import numpy as np
from PIL import Image

from .boxes import Box, merged

# Faces are looked for on small copies: the smallest frontal face reported (MIN_FACE) is still 28 pixels high at
# 1024 pixels (the cascades' own window is 20), and a 12-megapixel photo takes a few tenths of a second instead
# of seconds. The profile cascade costs twice the frontal one (it runs on the photo and its mirror image), so it
# looks at a smaller copy. Chosen on the benchmark's photos (make bench-photo): see docs/photocheck.md.
EDGE = {"frontal": 1024, "profile": 800}
# The smallest face worth reporting, as a share of the photo's shorter side: a face smaller than this is hardly
# recognisable in a post, and tiny windows are where the cascades see faces in leaves and bricks. A face seen
# from the side shows half its features, so it must be larger to be recognised; the profile cascade's smallest
# windows were also most of the check's time on textured photos (a brick wall, a lawn, a cat's fur).
MIN_FACE = {"frontal": 0.035, "profile": 0.05}
CASCADES = {"frontal": "haarcascade_frontalface_alt2.xml", "profile": "haarcascade_profileface.xml"}
# How many overlapping detections a face needs: fewer finds more faces and more faces in wallpaper.
NEIGHBOURS = {"frontal": 4, "profile": 5}

# One core per check (the worker runs checks side by side, not one check on every core).
cv2.setNumThreads(1)


@cache
def _cascade(name: str) -> cv2.CascadeClassifier:
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + CASCADES[name])
    if cascade.empty():
        raise RuntimeError(f"OpenCV's {CASCADES[name]} could not be loaded")
    return cascade


def find_faces(image: Image.Image) -> list[Box]:
    """The faces in an RGB image, as boxes in that image's pixels."""
    found: list[Box] = []
    for name, edge in EDGE.items():
        small = image.copy() if max(image.size) > edge else image
        if small is not image:
            small.thumbnail((edge, edge))
        scale = image.width / small.width
        gray = cv2.equalizeHist(np.asarray(small.convert("L")))
        smallest = max(20, round(min(gray.shape) * MIN_FACE[name]))
        for flipped in (False, True) if name == "profile" else (False,):
            view = cv2.flip(gray, 1) if flipped else gray
            hits = _cascade(name).detectMultiScale(
                view, scaleFactor=1.1, minNeighbors=NEIGHBOURS[name], minSize=(smallest, smallest)
            )
            for x, y, w, h in hits:
                x = gray.shape[1] - x - w if flipped else x
                found.append(Box(int(x), int(y), int(w), int(h)).scaled(scale))
    return merged(found, overlap=0.3)
