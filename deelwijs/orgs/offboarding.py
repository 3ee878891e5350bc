"""What closing an account means in each app, without orgs importing the apps above it.

``orgs.domain.close_account`` does the organisation's own part (sign-in, sessions,
invitations, teams) and sends ``closing``; every app that holds something of a person
(corporate accounts, the webcare inbox, calendar feeds) answers with its part. The
same receiver describes its part for the confirmation page (``apply=False``) and
carries it out inside the closing transaction (``apply=True``), so what the
administrator was shown is what happens.
"""

from dataclasses import dataclass

from django.dispatch import Signal


@dataclass(frozen=True)
class Effect:
    """One consequence of closing an account, in words for the administrator.

    A warning is something left without a person (an account with fewer than two
    owners, an inbox item assigned to nobody): the administrator should fix it.
    ``count`` goes into the audit entry under ``key``, which holds no personal data.
    """

    text: str
    warning: bool = False
    link: str = ""
    key: str = ""
    count: int = 0


# Receivers: def receiver(sender, person, apply, **kwargs) -> list[Effect]
closing = Signal()


def effects_of_closing(person, apply):
    """Every app's effects for this person, in the order the apps are installed."""
    effects = []
    for _receiver, answer in closing.send(sender=type(person), person=person, apply=apply):
        effects.extend(answer or [])
    return effects
