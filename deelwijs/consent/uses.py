"""Where a photo is used, told by the apps that use it, without consent importing them.

Content items are below consent and consent reads them itself; planned posts and stories are above it, and so
are the shares. When a consent ends, ``domain.end_consent`` sends ``photos_ending`` with the photos of that
person; every app that uses photos answers with its uses (and, with ``apply=True``, takes them out of the feed
and the plan) and with where they were already shared. The same receivers, with ``apply=False``, describe the
uses of a photo for its overview page, so what the page shows is what an ending would touch.
"""

from dataclasses import dataclass, field

from django.dispatch import Signal


@dataclass(frozen=True)
class Use:
    """One object that uses one of the photos: what it is, where to find it, and what was done to it."""

    kind: str
    label: str
    link: str = ""
    done: str = ""
    responsible: tuple = field(default=())  # the people to tell, besides communications


@dataclass(frozen=True)
class Shared:
    """A place outside Deelwijs where a photo has already appeared: ask for it to be taken down there."""

    where: str
    network: str
    date: object
    by: str = ""
    link: str = ""
    clicks: int = 0


# Receivers: def receiver(sender, images, apply, **kwargs) -> list[Use | Shared]; images is a list of Image ids.
photos_ending = Signal()


def answers(images, apply):
    """Every app's uses of these photos and where they were shared: (uses, shared)."""
    uses, shared = [], []
    for _receiver, answer in photos_ending.send(sender=Use, images=list(images), apply=apply):
        for entry in answer or ():
            (shared if isinstance(entry, Shared) else uses).append(entry)
    return uses, shared


# Receivers: def receiver(sender, **kwargs) -> a queryset of Image ids that the app uses in what it publishes
# (the list of photos on the consent pages; webcare's screenshots are not among them).
photos_in_use = Signal()


def image_ids_in_use():
    """Querysets of the ids of photos used by the apps above consent (planned posts, stories)."""
    return [answer for _receiver, answer in photos_in_use.send(sender=Use) if answer is not None]
