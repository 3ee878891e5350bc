"""Rectangles on a photo, in pixels: merging overlapping detections, scaling, padding."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def area(self) -> int:
        return max(self.w, 0) * max(self.h, 0)

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def intersection(self, other: "Box") -> int:
        w = min(self.right, other.right) - max(self.x, other.x)
        h = min(self.bottom, other.bottom) - max(self.y, other.y)
        return w * h if w > 0 and h > 0 else 0

    def overlap(self, other: "Box") -> float:
        """How much of the smaller box lies inside the other (1.0: one holds the other)."""
        smaller = min(self.area, other.area)
        return self.intersection(other) / smaller if smaller else 0.0

    def iou(self, other: "Box") -> float:
        inter = self.intersection(other)
        union = self.area + other.area - inter
        return inter / union if union else 0.0

    def union(self, other: "Box") -> "Box":
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def scaled(self, factor: float) -> "Box":
        return Box(round(self.x * factor), round(self.y * factor), round(self.w * factor), round(self.h * factor))

    def padded(self, fraction: float, width: int, height: int) -> "Box":
        """Grown by a fraction of its size on every side, kept inside a width x height photo."""
        dx, dy = round(self.w * fraction), round(self.h * fraction)
        return Box(self.x - dx, self.y - dy, self.w + 2 * dx, self.h + 2 * dy).clipped(width, height)

    def clipped(self, width: int, height: int) -> "Box":
        x, y = max(0, min(self.x, width)), max(0, min(self.y, height))
        return Box(x, y, max(0, min(self.right, width) - x), max(0, min(self.bottom, height) - y))

    def to_dict(self) -> dict[str, int]:
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h}

    @classmethod
    def from_dict(cls, data: dict[str, int]) -> "Box":
        return cls(int(data["x"]), int(data["y"]), int(data["w"]), int(data["h"]))

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]]) -> "Box":
        xs, ys = zip(*points, strict=True)
        x, y = int(min(xs)), int(min(ys))
        return cls(x, y, int(max(xs)) - x + 1, int(max(ys)) - y + 1)


def merged(boxes: Iterable[Box], overlap: float = 0.4) -> list[Box]:
    """Boxes that overlap (by `overlap` of the smaller one) joined into one, until none do.

    A face found by the frontal and the profile detector, or twice at two scales, becomes one box.
    """
    result = sorted(boxes, key=lambda b: -b.area)
    changed = True
    while changed:
        changed = False
        for i, a in enumerate(result):
            for j in range(i + 1, len(result)):
                if a.overlap(result[j]) >= overlap:
                    result[i] = a.union(result.pop(j))
                    changed = True
                    break
            if changed:
                break
    return sorted(result, key=lambda b: (b.y, b.x))
