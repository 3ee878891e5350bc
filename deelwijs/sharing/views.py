import json

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from deelwijs.common.clientip import client_address
from deelwijs.content import photochecks
from deelwijs.content.forms import FeedFilter
from deelwijs.content.models import SHARE_NETWORK_LABELS, Campaign, ContentItem, Topic
from deelwijs.learning.domain import basic_modules, lesson_links, may_share
from deelwijs.orgs.permissions import requires

from . import domain
from .clicks import find_link, record_click
from .intents import LINK_ONLY, MASTODON_COOKIE, NO_INTENT, clean_instance, intent_url, remember_instance
from .models import Share

PAGE_SIZE = 20
# The editor sends a text, a network, an item and the suggestion. A text over the check's maximum still gets
# its plain answer (one block finding); only a body far beyond any paste is refused outright.
MAX_CHECK_BODY = 2 * 1024 * 1024


def feed_items(person):
    """The live items meant for this person, pinned and newest first, with 'already shared' marked."""
    shared = Share.objects.filter(item=OuterRef("pk"), person=person)
    return (
        ContentItem.objects.live()
        .for_person(person)
        .select_related("campaign", "image")
        .prefetch_related("topics")
        .annotate(shared=Exists(shared))
        .order_by("-pinned", "-starts_at", "-pk")
    )


@requires()
def feed(request):
    items = feed_items(request.user)
    filters = FeedFilter(request.GET, request.user.organisation).values
    topic, campaign = filters["onderwerp"], filters["campagne"]
    if topic:
        items = items.filter(topics=topic)
    if campaign:
        items = items.filter(campaign=campaign)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "sharing/feed.html",
        {
            "page": page,
            "topics": Topic.objects.all(),
            "campaigns": Campaign.objects.all(),
            "topic": topic,
            "campaign": campaign,
        },
    )


def _item_for(request, pk):
    return get_object_or_404(feed_items(request.user).prefetch_related("suggested_texts"), pk=pk)


def suggestion_for(person, item, network):
    """One of the item's variants for this network; different colleagues get different ones."""
    variants = [t.text for t in item.suggested_texts.all() if t.network == network]
    if not variants:
        return ""
    return variants[(person.pk * 31 + item.pk) % len(variants)]


@requires()
def share(request, pk):
    item = _item_for(request, pk)
    if not may_share(request.user):
        return render(request, "sharing/gate.html", {"item": item, "modules": basic_modules(request.user.organisation)})
    networks = [(code, label) for code, label in SHARE_NETWORK_LABELS.items()]
    network = request.POST.get("network") or request.GET.get("netwerk")
    if network not in SHARE_NETWORK_LABELS:
        return render(request, "sharing/choose.html", {"item": item, "networks": networks})
    suggestion = suggestion_for(request.user, item, network)
    text = request.POST.get("text", suggestion)
    instance = clean_instance(request.POST.get("mastodon_instance") or request.COOKIES.get(MASTODON_COOKIE, ""))
    report, error = None, ""
    if request.method == "POST":
        if request.POST.get("action") == "share":
            if network == "mastodon" and not instance:
                error = _("Fill in your Mastodon server, for example mastodon.nl.")
            else:
                try:
                    shared = domain.record_share(
                        request.user, item, network, text, bool(request.POST.get("confirmed")), request.LANGUAGE_CODE
                    )
                except ValidationError as refused:
                    error = refused.messages[0]
                else:
                    return remember_instance(redirect("share_go", pk=shared.pk), instance)
        # The findings beside the text; a share that was recorded checked its text once, in record_share.
        report = domain.check_text(request.user, text, network, request.LANGUAGE_CODE, domain.appended_link(item))
    context = domain.editor_context(request.user, request.LANGUAGE_CODE, network, text, suggestion, report)
    # The Mastodon server as typed, also when it is not a server address (the error says so).
    typed = request.POST.get("mastodon_instance", instance)
    verdict = domain.photo_verdict(request.user, item)
    return render(
        request,
        "sharing/editor.html",
        {
            **context,
            "item": item,
            "error": error,
            "instance": typed,
            "consent_verdict": verdict,
            "photo_blocks": bool(item.image_id) and photochecks.blocks(item.image_id),
        },
    )


@require_POST
@requires()
def check_api(request):
    """The post check for the editor as you type: {text, network} -> report."""
    if len(request.body) > MAX_CHECK_BODY:
        return JsonResponse({"error": "too large"}, status=400)
    try:
        data = json.loads(request.body or b"{}")
        # The check itself refuses a text over its maximum with a block finding, in a blink.
        text, network = str(data.get("text", "")), str(data.get("network", "linkedin"))
        item_pk = int(data.get("item") or 0)
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError):
        # RecursionError: JSON nested thousands deep ("[[[[...").
        return JsonResponse({"error": "invalid JSON"}, status=400)
    if network not in SHARE_NETWORK_LABELS:
        return JsonResponse({"error": "unknown network"}, status=400)
    item = feed_items(request.user).filter(pk=item_pk).first() if item_pk else None
    report = domain.check_text(request.user, text, network, request.LANGUAGE_CODE, domain.appended_link(item))
    result = report.to_dict()
    lessons = lesson_links(request.user.organisation)
    for finding in result["findings"]:
        finding["lesson"] = lessons.get(finding["rule"], "")
    result["nudges"] = domain.nudges(text, str(data.get("suggestion", "")), request.user.organisation)
    return JsonResponse(result)


@requires()
def share_go(request, pk):
    shared = get_object_or_404(Share.objects.select_related("item__image", "link"), pk=pk, person=request.user)
    link = getattr(shared, "link", None)
    short_url = domain.short_url(link.code) if link else ""  # the link the check counted
    instance = clean_instance(request.COOKIES.get(MASTODON_COOKIE, ""))
    text_with_link = f"{shared.text}\n\n{short_url}".strip() if short_url else shared.text
    return render(
        request,
        "sharing/go.html",
        {
            "share": shared,
            "short_url": short_url,
            "text_with_link": text_with_link,
            "intent": intent_url(shared.network, shared.text, short_url, instance),
            "copy_first": shared.network in LINK_ONLY or shared.network in NO_INTENT,
            "no_intent": shared.network in NO_INTENT,
            "network_label": SHARE_NETWORK_LABELS[shared.network],
        },
    )


@never_cache
def tracked_link(request, code):
    """The short link everyone on the internet follows: one lookup, one counter, a redirect."""
    found = find_link(code)
    if found is None:
        raise Http404
    link_id, target = found
    address = client_address(request)
    record_click(link_id, address, request.META.get("HTTP_USER_AGENT", ""))
    return HttpResponseRedirect(target)
