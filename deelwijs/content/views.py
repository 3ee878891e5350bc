from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from deelwijs.orgs.permissions import can_manage_content, requires, requires_or_404
from deelwijs.orgs.tenancy import across_organisations

from . import domain
from .files import image_response, public_image_response
from .forms import CampaignForm, ContentItemForm, OverrideForm, SuggestedTextFormSet
from .models import Campaign, ContentItem, Image
from .news import NewsFeedError, import_feed

PAGE_SIZE = 20


@requires(can_manage_content)
def item_list(request):
    items = ContentItem.objects.select_related("campaign").prefetch_related("suggested_texts")
    page = Paginator(items.order_by("-created", "-pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "content/manage.html", {"page": page})


@requires(can_manage_content)
def item_edit(request, pk=None):
    item = get_object_or_404(ContentItem, pk=pk) if pk else None
    form = ContentItemForm(request.POST or None, request.FILES or None, instance=item, person=request.user)
    texts = SuggestedTextFormSet(request.POST or None, instance=item or ContentItem())
    override = OverrideForm(request.POST or None)
    blocked = []
    if request.method == "POST":
        if form.is_valid() and texts.is_valid():
            # A reason that is not valid is no reason: a blocked text stays blocked, and the reason shows its error.
            reason = override.cleaned_data["override_reason"] if override.is_valid() else ""
            saved, blocked = domain.save_item(request.user, form, texts, reason)
            if saved:
                form.release_uploads()
                messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
                if domain.reach(saved) == 0:
                    messages.warning(
                        request,
                        _(
                            "Nobody can see “%(title)s”: nobody with an account is in the teams, locations and roles "
                            "you chose together. Choose other ones, or add the people to the team."
                        )
                        % {"title": saved.title},
                    )
                return redirect("item_list")
        # Not saved (a form error or a blocked text): the photo waits for the next try.
        form.keep_uploads()
    return render(
        request,
        "content/edit.html",
        {
            "form": form,
            "texts": texts,
            "item": item,
            "blocked": blocked,
            "override": override,
        },
    )


@requires(can_manage_content)
def campaign_list(request):
    """The campaigns with their colour on the calendar and how many items each has."""
    campaigns = Campaign.objects.annotate(item_count=Count("items")).order_by("name")
    return render(request, "content/campaigns.html", {"campaigns": campaigns})


@requires(can_manage_content)
def campaign_edit(request, pk=None):
    campaign = get_object_or_404(Campaign, pk=pk) if pk else Campaign(colour=domain.next_colour())
    # The heading before the form binds: a failed POST changes the instance, not the saved name.
    title = _("Campaign “%(name)s”") % {"name": campaign.name} if pk else _("New campaign")
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        saved = domain.save_campaign(request.user, form.save(commit=False))
        messages.success(request, _("The campaign “%(name)s” is saved.") % {"name": saved.name})
        return redirect("campaign_list")
    return render(request, "content/campaign_edit.html", {"form": form, "campaign": campaign, "title": title})


@require_POST
@requires(can_manage_content)
def import_news_now(request):
    """Fetch the organisation's news feed now (communications does not wait for the hourly run)."""
    try:
        added = import_feed(request.user.organisation)
    except NewsFeedError:
        messages.error(request, _("The news feed could not be read. Check its address in the settings."))
    else:
        if added:
            text = ngettext("%(n)s new article added as a draft.", "%(n)s new articles added as drafts.", added)
            messages.success(request, text % {"n": added})
        else:
            messages.success(request, _("No new articles in the news feed."))
    return redirect("item_list")


@require_safe
@requires_or_404()
def item_image(request, pk, size):
    item = get_object_or_404(domain.visible_items(request.user).select_related("image"), pk=pk)
    return image_response(item.image, size)


@require_safe
def public_image(request, name):
    """The public copy of the photo of a published item: anyone may fetch it, knowing its random name."""
    with across_organisations():  # found by its name alone, like a tracked link by its code
        image = Image.objects.filter(public=f"public/{name}").first()
        if image is None or not image.shown_publicly():
            raise Http404
    return public_image_response(image)
