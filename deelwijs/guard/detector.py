"""What a detector is, and the check that the engine runs them in an order that works.

A detector reads a Doc and emits findings. Some also leave something on the Doc for
the detectors after them (the identifiers record the spans they claimed, privacy the
mentions of clients); each says so in `adds`, and what it reads of that shared state
in `needs`. `check_order` refuses an order in which a detector would read state no
earlier detector has added, so a new detector put in the wrong place fails at import,
not silently on some posts.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from .text import Doc, Emit


class Detector(Protocol):
    """One step of the check: the shared Doc state it reads and adds, and `detect` itself."""

    @property
    def name(self) -> str: ...

    @property
    def needs(self) -> frozenset[str]: ...

    @property
    def adds(self) -> frozenset[str]: ...

    def detect(self, doc: Doc, emit: Emit) -> None: ...


@dataclass(frozen=True)
class Rule:
    """A detector written as a plain function, with what it reads and adds of the Doc's shared state."""

    name: str
    run: Callable[[Doc, Emit], None]
    needs: frozenset[str] = frozenset()
    adds: frozenset[str] = frozenset()

    def detect(self, doc: Doc, emit: Emit) -> None:
        self.run(doc, emit)


class DetectorOrderError(ValueError):
    """The detectors are listed in an order in which one reads state not yet added."""


def check_order(detectors: Iterable[Detector]) -> None:
    """Raise DetectorOrderError unless every need is added by an earlier detector.

    Needs and adds must name Doc's shared state (Doc.SHARED); a typo is an error too.
    """
    added: set[str] = set()
    for detector in detectors:
        unknown = (detector.needs | detector.adds) - Doc.SHARED
        if unknown:
            raise DetectorOrderError(f"{detector.name}: {', '.join(sorted(unknown))} is not shared state of Doc")
        missing = detector.needs - added
        if missing:
            raise DetectorOrderError(
                f"{detector.name} needs {', '.join(sorted(missing))}, which no detector before it adds"
            )
        added |= detector.adds
