from urllib.parse import urlsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from deelwijs.common.files import PRIVATE_CACHE
from deelwijs.orgs.permissions import RoleRequired, can_manage_content, requires, requires_or_404
from deelwijs.orgs.tenancy import across_organisations

from . import domain, photochecks
from .files import image_response, public_image_response
from .forms import AcceptPhotoForm, BlurForm, CampaignForm, ContentItemForm, OverrideForm, SuggestedTextFormSet
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


# The photo check of one photo, for whoever sees an item, post or story that uses it (photochecks.access).


def _photo_for(request, pk, level=photochecks.SEE):
    """The photo and what the person may do with it; 404 for a photo they do not see (or of another
    organisation), 403 for one they see but may not change."""
    image = get_object_or_404(Image, pk=pk)
    allowed = photochecks.access(request.user, image)
    if allowed is None:
        raise Http404
    if level == photochecks.BLUR and allowed != photochecks.BLUR:
        raise RoleRequired(can_manage_content)
    return image, allowed


def _next(request, image):
    """The page to return to: a path of this site that resolves; anything else goes back to the photo page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        try:
            resolve(urlsplit(target).path)
        except (Resolver404, ValueError):
            pass
        else:
            return target
    return reverse("photo_edit", args=[image.pk])


@require_safe
@requires_or_404()
def photo_check(request, pk):
    """The photo check's panel on its own, fetched by photocheck.js while the check runs."""
    image, _allowed = _photo_for(request, pk)
    return render(
        request,
        "content/_photo_check_panel.html",
        photochecks.panel(request.user, image, request.GET.get("foto", "")[:3], _next(request, image)),
    )


@require_safe
@requires_or_404()
def photo_check_image(request, pk, size):
    """The photo with its findings framed and numbered."""
    image, _allowed = _photo_for(request, pk)
    if size not in Image.SIZES:
        raise Http404
    try:
        body, content_type = photochecks.overlay(image, size)
    except FileNotFoundError as e:
        raise Http404 from e
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PRIVATE_CACHE
    return response


@requires()
def photo_edit(request, pk):
    """The photo with what the check found: blur findings or a region, keep it with a reason, undo a blur."""
    image, _allowed = _photo_for(request, pk, photochecks.BLUR)
    check = photochecks.check_of(image)
    marks = photochecks.marks(check)
    form = BlurForm(request.POST if request.method == "POST" else None, image=image, marks=marks)
    if request.method == "POST" and form.is_valid():
        photochecks.blur_photo(request.user, image, form.boxes)
        messages.success(request, _("The photo is blurred. It is being checked again."))
        return redirect(_next(request, image))
    return _photo_page(request, image, check, form, AcceptPhotoForm(), status=400 if form.errors else 200)


def _photo_page(request, image, check, form, accept_form, status=200):
    if not form.is_bound and not form.initial:
        # What blocks or warns is ticked to start with; a tip is left to choose.
        form.initial = {"marks": [n for n, _box, severity, *_rest in photochecks.marks(check) if severity != "hint"]}
    context = {
        "image": image,
        "check": check,
        "form": form,
        "accept_form": accept_form,
        "findings": photochecks.numbered(check),
        "may_accept": can_manage_content(request.user),
        "next": _next(request, image),
    }
    return render(request, "content/photo_edit.html", context, status=status)


@require_POST
@requires(can_manage_content)
def photo_accept(request, pk):
    """Communications keeps a photo the check blocks as it is, with a reason (logged)."""
    image, _allowed = _photo_for(request, pk, photochecks.BLUR)
    check = photochecks.check_of(image)
    form = AcceptPhotoForm(request.POST)
    if check is None or not check.blocking:
        # Nothing blocks (any more): there is nothing to keep.
        return redirect(_next(request, image))
    if form.is_valid():
        photochecks.accept(request.user, image, form.cleaned_data["reason"])
        messages.success(request, _("The photo may be shared and planned as it is. The reason is logged."))
        return redirect(_next(request, image))
    blur = BlurForm(image=image, marks=photochecks.marks(check))
    return _photo_page(request, image, check, blur, form, status=400)


@require_POST
@requires()
def photo_recheck(request, pk):
    """Check the photo again (after a failed check, or a change of the organisation's policy)."""
    image, _allowed = _photo_for(request, pk, photochecks.BLUR)
    photochecks.request_check(image)
    messages.success(request, _("The photo is being checked again."))
    return redirect(_next(request, image))


@require_POST
@requires(can_manage_content)
def photo_restore(request, pk):
    """Undo the blurs: the photo as uploaded comes back, while it is still kept."""
    image, _allowed = _photo_for(request, pk, photochecks.BLUR)
    check = photochecks.check_of(image)
    if check is None or not check.original:
        # The original is gone (retention), or was never replaced: nothing to put back.
        messages.error(request, _("The original photo is no longer kept."))
        return redirect(_next(request, image))
    photochecks.restore_original(request.user, image)
    messages.success(request, _("The original photo is back. It is being checked again."))
    return redirect(_next(request, image))
