import json

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from deelwijs.orgs.permissions import can_manage_chat_channels, requires

from . import cards, domain
from .forms import ChannelForm
from .models import ChatChannel, Delivery

RECENT = 20  # deliveries shown on a channel's page


@require_safe
@requires(can_manage_chat_channels)
def channel_list(request):
    channels = ChatChannel.objects.select_related("team")
    return render(request, "chat/channels.html", {"channels": channels})


@requires(can_manage_chat_channels)
def channel_edit(request, pk=None):
    channel = get_object_or_404(ChatChannel, pk=pk) if pk else ChatChannel(organisation=request.user.organisation)
    # The heading before the form binds: a failed POST changes the instance, not the saved name.
    title = _("Edit the channel “%(name)s”") % {"name": channel.name} if pk else _("New Teams or Slack channel")
    form = ChannelForm(request.POST or None, instance=channel)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            channel = domain.save_channel(request.user, form)
        messages.success(request, _("The channel “%(name)s” is saved.") % {"name": channel.name})
        if warning := form.host_warning():
            messages.warning(request, warning)
        return redirect("chat_channel", pk=channel.pk)
    return render(request, "chat/channel_form.html", {"form": form, "channel": channel, "title": title})


@require_safe
@requires(can_manage_chat_channels)
def channel_detail(request, pk):
    channel = get_object_or_404(ChatChannel.objects.select_related("team", "organisation"), pk=pk)
    previews = [
        (label, card, json.dumps(cards.render(card, channel.kind), indent=2, ensure_ascii=False))
        for label, card in domain.preview_cards(channel)
    ]
    deliveries = Delivery.objects.filter(channel=channel).select_related("item", "inbox_item")[:RECENT]
    return render(
        request,
        "chat/channel.html",
        {"channel": channel, "previews": previews, "deliveries": deliveries, "pause_after": domain.PAUSE_AFTER},
    )


@require_POST
@requires(can_manage_chat_channels)
def channel_test(request, pk):
    channel = get_object_or_404(ChatChannel, pk=pk)
    with transaction.atomic():
        delivery = domain.send_test(channel)
    delivery.refresh_from_db()
    if delivery.status == Delivery.SENT:
        messages.success(request, _("The test message arrived. Look in the channel to see it."))
    elif delivery.status == Delivery.FAILED:
        messages.error(request, _("The test message did not arrive: %(error)s") % {"error": delivery.error})
    else:
        messages.success(request, _("The test message is on its way; this page shows within a minute how it went."))
    return redirect("chat_channel", pk=channel.pk)


@require_POST
@requires(can_manage_chat_channels)
def channel_delete(request, pk):
    channel = get_object_or_404(ChatChannel, pk=pk)
    name = channel.name
    with transaction.atomic():
        domain.delete_channel(request.user, channel)
    messages.success(
        request, _("The channel “%(name)s” is removed; it gets nothing from Deelwijs any more.") % {"name": name}
    )
    return redirect("chat_channels")
