"""What webcare tells the apps above it, without importing them.

``urgent_item`` is sent when an inbox item needs webcare within hours (URGENT_PRIORITIES): a colleague reports
something with "Now: it is spreading or it hurts someone" (high), or webcare raises an item's priority to high or
urgent. The Teams and Slack channels (deelwijs.chat) answer with a card. Sent inside the transaction that saves
the item, so what a receiver writes is saved with it or not at all.
"""

from django.dispatch import Signal

from .models import InboxItem

URGENT_PRIORITIES = (InboxItem.HIGH, InboxItem.URGENT)

# Receivers: def receiver(sender, item, **kwargs); sender is InboxItem.
urgent_item = Signal()
