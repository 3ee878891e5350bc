import json
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from deelwijs.common.clientdata import is_client_data
from deelwijs.common.clientip import client_address
from deelwijs.content import photochecks
from deelwijs.content.forms import FeedFilter
from deelwijs.content.models import SHARE_NETWORK_LABELS, Campaign, Topic, share_where
from deelwijs.guard import length
from deelwijs.learning.domain import basic_modules, lesson_links, may_share
from deelwijs.orgs.permissions import requires

from . import domain
from .clicks import find_link, record_click
from .domain import feed_items
from .intents import LINK_ONLY, MASTODON_COOKIE, NO_INTENT, clean_instance, intent_url, remember_instance
from .models import Share

PAGE_SIZE = 20
# The editor sends a text, a network, an item and the suggestion. A text over the check's maximum still gets
# its plain answer (one block finding); only a body far beyond any paste is refused outright.
MAX_CHECK_BODY = 2 * 1024 * 1024


@requires()
def feed(request):
    """The feed as cards; searched (?q=), filtered by topic and campaign, 20 a page with a fixed number of queries."""
    items = feed_items(request.user)
    filters = FeedFilter(request.GET, request.user.organisation).values
    query, topic, campaign = filters["q"] or "", filters["onderwerp"], filters["campagne"]
    if query:
        items = domain.search_feed(items, query)
    if topic:
        items = items.filter(topics=topic)
    if campaign:
        items = items.filter(campaign=campaign)
    page = Paginator(domain.with_cards(items), PAGE_SIZE).get_page(request.GET.get("pagina"))
    cards = [(item, domain.card(item)) for item in page]
    # The pager's links keep the search and the filters.
    kept = {"q": query, "onderwerp": topic.pk if topic else "", "campagne": campaign.pk if campaign else ""}
    return render(
        request,
        "sharing/feed.html",
        {
            "page": page,
            "cards": cards,
            "topics": Topic.objects.all(),
            "campaigns": Campaign.objects.all(),
            "query": query,
            "topic": topic,
            "campaign": campaign,
            "kept": urlencode({key: value for key, value in kept.items() if value}),
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


def starting_text(person, item, network):
    """(text, network it was written for) the editor starts with: the item's text for this network, else one
    written for another network (LinkedIn first), else ("", "")."""
    written = [code for code in SHARE_NETWORK_LABELS if any(t.network == code for t in item.suggested_texts.all())]
    if not written:
        return "", ""
    source = network if network in written else written[0]
    return suggestion_for(person, item, source), source


def starting_help(network, source):
    """What the editor's help says about the text it starts with (sharing/_editor.html)."""
    if source == network:
        return ""  # the editor's own line: start from the suggestion
    if source:
        return _(
            "There is no suggestion for %(network)s, so this starts from the text for %(other)s: make it fit "
            "%(network)s. The post check reads along."
        ) % {"network": SHARE_NETWORK_LABELS[network], "other": SHARE_NETWORK_LABELS[source]}
    return _("There is no suggestion for this item: write your own text. The post check reads along.")


@requires()
def share(request, pk):
    item = _item_for(request, pk)
    if not may_share(request.user):
        return render(request, "sharing/gate.html", {"item": item, "modules": basic_modules(request.user.organisation)})
    networks = [(code, label) for code, label in SHARE_NETWORK_LABELS.items()]
    network = request.POST.get("network") or request.GET.get("netwerk")
    if network not in SHARE_NETWORK_LABELS:
        return render(request, "sharing/choose.html", {"item": item, "networks": networks, "card": domain.card(item)})
    suggestion, source = starting_text(request.user, item, network)
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
    context = domain.editor_context(request.user, request.LANGUAGE_CODE, network, text, suggestion, report, item)
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
            "editor_help": starting_help(network, source),
            "photo_blocks": bool(item.image_id) and photochecks.blocks(item.image_id),
        },
    )


@require_POST
@requires()
def check_api(request):
    """The post check as you type: {text, network, item, suggestion, purpose} -> report.

    For the share editor and every form with a live check (common.forms.live_check). With ``purpose: "record"``
    (the register of conversations) the report holds only the findings that make a client recognisable, the
    ones such a form refuses (common.clientdata), and no nudges.
    """
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
    link = domain.appended_link(item)
    report = domain.check_text(request.user, text, network, request.LANGUAGE_CODE, link)
    record = data.get("purpose") == "record"
    if record:
        report.findings = [f for f in report.findings if is_client_data(f)]
    result = report.to_dict()
    # The length as the check counted it, for the editor's counter: the server's count is the one that blocks.
    measured = length(text, network, link)
    result["length"] = measured._asdict() if measured else None
    lessons = lesson_links(request.user.organisation)
    for finding in result["findings"]:
        finding["lesson"] = lessons.get(finding["rule"], "")
    result["nudges"] = [] if record else domain.nudges(text, str(data.get("suggestion", "")), request.user)
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
            "network_where": share_where(shared.network),
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
