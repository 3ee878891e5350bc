"""What webcare tells the apps above it, without importing them.

``urgent_item`` is sent when an inbox item is urgent: a colleague reports something as urgent, or webcare raises
an item's priority to urgent. The Teams and Slack channels (deelwijs.chat) answer with a card. Sent inside the
transaction that saves the item, so what a receiver writes is saved with it or not at all.
"""

from django.dispatch import Signal

# Receivers: def receiver(sender, item, **kwargs); sender is InboxItem.
urgent_item = Signal()
