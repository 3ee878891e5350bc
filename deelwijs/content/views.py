from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijs.orgs.access import MANAGES_ACCOUNTS, get_scoped, role_required, scoped
from deelwijs.sharing.models import Share

from . import domain
from .forms import ContentItemForm, SuggestedTextFormSet
from .models import Campaign, ContentItem, Topic

PAGE_SIZE = 20
MANAGES_CONTENT = MANAGES_ACCOUNTS


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


@role_required()
def feed(request):
    items = feed_items(request.user)
    topic, campaign = request.GET.get("onderwerp"), request.GET.get("campagne")
    if topic:
        items = items.filter(topics__pk=topic)
    if campaign:
        items = items.filter(campaign__pk=campaign)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "content/feed.html",
        {
            "page": page,
            "topics": scoped(Topic, request),
            "campaigns": scoped(Campaign, request),
            "topic": topic,
            "campaign": campaign,
            "can_manage_content": request.user.has_role(*MANAGES_CONTENT),
        },
    )


@role_required(*MANAGES_CONTENT)
def item_list(request):
    items = scoped(ContentItem.objects.select_related("campaign").prefetch_related("suggested_texts"), request)
    page = Paginator(items.order_by("-created", "-pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "content/manage.html", {"page": page})


@role_required(*MANAGES_CONTENT)
def item_edit(request, pk=None):
    item = get_scoped(ContentItem, request, pk=pk) if pk else None
    organisation = request.user.organisation
    form = ContentItemForm(request.POST or None, request.FILES or None, instance=item, organisation=organisation)
    texts = SuggestedTextFormSet(request.POST or None, instance=item or ContentItem())
    blocked = []
    if request.method == "POST" and form.is_valid() and texts.is_valid():
        saved, blocked = domain.save_item(request.user, form, texts, request.POST.get("override_reason", ""))
        if saved:
            messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
            return redirect("item_list")
    return render(
        request,
        "content/edit.html",
        {
            "form": form,
            "texts": texts,
            "item": item,
            "blocked": blocked,
            "override_reason": request.POST.get("override_reason", ""),
        },
    )


@require_POST
@role_required(*MANAGES_CONTENT)
def import_news_now(request):
    """Fetch the organisation's news feed now (communications does not wait for the hourly run)."""
    from .news import NewsFeedError, import_feed

    try:
        added = import_feed(request.user.organisation)
    except NewsFeedError:
        messages.error(request, _("The news feed could not be read. Check its address in the settings."))
    else:
        messages.success(request, _("%(n)s new articles added as drafts.") % {"n": added})
    return redirect("item_list")
