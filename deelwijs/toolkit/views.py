from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from deelwijs.accounts.models import convention_sentence, conventional_handle
from deelwijs.common.files import PRIVATE_CACHE, file_response
from deelwijs.common.markdown import render_markdown
from deelwijs.community.domain import promoted_answers
from deelwijs.content.files import image_response
from deelwijs.content.models import SHARE_NETWORK_LABELS
from deelwijs.learning.domain import basic_modules, may_share
from deelwijs.orgs.permissions import (
    can_manage_toolkit,
    can_use_image_library,
    can_use_profile_kit,
    requires,
    requires_or_404,
)
from deelwijs.orgs.roles import CLIENT
from deelwijs.sharing import domain as sharing
from deelwijs.sharing.intents import MASTODON_COOKIE, clean_instance, compose_url, remember_instance

from . import domain
from .content import install_toolkit
from .forms import BannerForm, ChecklistForm, HandleCheckForm, LibraryFilter, LibraryImageForm, PageForm, PostFormatForm
from .models import Banner, LibraryImage, Page, PostFormat
from .renditions import AS_STORED, AS_STORED_CHANNELS, BANNER_SIZES, POST_SIZE_CODES, rendition, sizes_for

LIBRARY_PAGE_SIZE = 24


# Reading the toolkit
@requires()
def home(request):
    pages = list(domain.visible_pages(request.user))
    return render(
        request,
        "toolkit/home.html",
        {
            "pages": [p for p in pages if p.kind == Page.PAGE],
            "guides": [p for p in pages if p.kind == Page.GUIDE],
            # Questions of colleagues that communications put in the toolkit, with their answers (community).
            "faq": [(entry, render_markdown(entry.answer)) for entry in promoted_answers()],
            "empty": not pages and can_manage_toolkit(request.user) and not PostFormat.objects.exists(),
        },
    )


def page_context(page):
    """What a page shows besides its text: the word list for the tone guide, the post check's limits and the
    training module for a network's guide."""
    context = {"page": page, "body": render_markdown(page.body)}
    if page.kind == Page.TONE:
        context.update(tone=True, words=domain.word_guide(page.organisation))
    if page.kind == Page.GUIDE:
        context["limits"] = domain.network_limits(page.network)
        context["privacy_module"] = domain.privacy_module()
        context["out_of_date"] = domain.out_of_date(page)
    return context


@requires()
def page_view(request, pk):
    page = get_object_or_404(domain.visible_pages(request.user).prefetch_related("attachments"), pk=pk)
    if page.kind == Page.TONE:
        return redirect("toolkit_tone")
    return render(request, "toolkit/page.html", page_context(page))


@requires()
def tone(request):
    """The tone-of-voice guide: communications' text, then the post check's word list. Without a text the list
    stands alone, so the guide is never missing."""
    page = domain.visible_pages(request.user).filter(kind=Page.TONE).prefetch_related("attachments").first()
    context = page_context(page) if page else {"tone": True, "words": domain.word_guide(request.user.organisation)}
    return render(request, "toolkit/page.html", context)


@require_safe
@requires_or_404()
def attachment(request, pk, file_pk):
    """A file of a page, for whoever may see the page; anyone else gets 404."""
    page = get_object_or_404(domain.visible_pages(request.user), pk=pk)
    stored = get_object_or_404(page.attachments, pk=file_pk)
    response = file_response(stored.file, stored.content_type)
    response["Content-Disposition"] = f'attachment; filename="{_ascii_name(stored.name)}"'
    return response


def _ascii_name(name):
    stem, dot, extension = name.rpartition(".")
    return f"{slugify(stem) or 'bestand'}{dot}{slugify(extension)}" if dot else slugify(name) or "bestand"


# The image library
@requires(can_use_image_library)
def library(request):
    channel = LibraryFilter(request.GET).values["kanaal"]
    images = domain.library_images(request.user.organisation, channel or None)
    page = Paginator(images, LIBRARY_PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = [(entry, sizes_for([channel] if channel else entry.channel_list)) for entry in page]
    return render(
        request,
        "toolkit/library.html",
        {"page": page, "rows": rows, "channel": channel, "networks": SHARE_NETWORK_LABELS.items()},
    )


@require_safe
@requires_or_404(can_use_image_library)
def library_image(request, pk, size):
    """A library photo: "klein" to look at, or cut to a network's size to download. Only what the library
    offers today (library_images), and a network size only where the image may be used; else 404."""
    if size == "klein":
        entry = _library_entry(request, pk, None)
        return image_response(entry.image, "klein")
    if size == AS_STORED.code:
        entry = _library_entry(request, pk, None, stored_channels=True)
        response = image_response(entry.image, "groot")
        response["Content-Disposition"] = f'attachment; filename="{slugify(entry.title) or "beeld"}.jpg"'
        return response
    wanted = POST_SIZE_CODES.get(size)
    if wanted is None:
        raise Http404
    entry = _library_entry(request, pk, wanted.channel)
    content = rendition(entry.image.large, wanted.width, wanted.height)
    return _download(content, f"{slugify(entry.title) or 'beeld'}-{wanted.code}-{wanted.width}x{wanted.height}.jpg")


def _library_entry(request, pk, channel, stored_channels=False):
    """The library image for this request, or 404: what the library offers today (on the channel), or, for
    communications looking at it, any image, also one that left the library."""
    if channel is None and not stored_channels and can_manage_toolkit(request.user):
        return get_object_or_404(LibraryImage.objects.select_related("image"), pk=pk)
    channels = AS_STORED_CHANNELS if stored_channels else (channel,)
    found = [e for c in channels for e in domain.library_images(request.user.organisation, c) if e.pk == pk]
    if not found:
        raise Http404
    return found[0]


def _download(content, filename):
    response = HttpResponse(content, content_type="image/jpeg")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PRIVATE_CACHE
    return response


# The profile kit
@requires(can_use_profile_kit)
def profile_kit(request):
    person = request.user
    handle_form = HandleCheckForm(request.GET if "handle" in request.GET else None)
    result = None
    if handle_form.is_bound and handle_form.is_valid():
        follows, expected, close = domain.check_handle(person, handle_form.cleaned_data["handle"])
        result = {"follows": follows, "expected": expected, "close": close}
    checklist = domain.checklist_of(person)
    guidance = domain.visible_pages(person).filter(kind=Page.PROFILE).first()
    return render(
        request,
        "toolkit/profile.html",
        {
            "banners": domain.banners(),
            "banner_sizes": BANNER_SIZES.values(),
            "guidance": guidance,
            "guidance_body": render_markdown(guidance.body) if guidance else "",
            "convention": convention_sentence(person.organisation),
            "own_handle": conventional_handle(person),
            "handle_form": handle_form,
            "result": result,
            "checklist_form": ChecklistForm(
                initial={"ticked": checklist.ticked, "in_directory": checklist.in_directory}
            ),
            "complete": domain.complete(checklist),
            "listed": CLIENT not in person.roles,
        },
    )


@require_POST
@requires(can_use_profile_kit)
def checklist(request):
    form = ChecklistForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick only the points of the list."))
        return redirect("toolkit_profile")
    saved = domain.save_checklist(request.user, form.cleaned_data["ticked"], form.cleaned_data["in_directory"])
    if domain.complete(saved) and saved.in_directory:
        messages.success(request, _("Saved. The directory shows “profiel op orde” with your name."))
    else:
        messages.success(request, _("Saved. Only you see this list."))
    return redirect("toolkit_profile")


@require_safe
@requires_or_404(can_use_profile_kit)
def banner_image(request, pk, size):
    """A banner: "klein" to look at, "banner" in its network's size to download."""
    banner = get_object_or_404(Banner.objects.select_related("image"), pk=pk)
    if size == "klein":
        return image_response(banner.image, "klein")
    if size != "banner":
        raise Http404
    wanted = BANNER_SIZES[banner.network]
    content = rendition(banner.image.large, wanted.width, wanted.height)
    return _download(content, f"banner-{wanted.code}-{wanted.width}x{wanted.height}.jpg")


# Post formats
@requires()
def formats(request):
    return render(request, "toolkit/formats.html", {"formats": domain.visible_formats(request.user)})


@requires()
def format_use(request, pk):
    """A format in the share editor: choose a network, fill in the [parts], and the post check reads along.
    Nothing is recorded: it is a post of one's own, without an item or a tracked link."""
    post_format = get_object_or_404(domain.visible_formats(request.user), pk=pk)
    if not may_share(request.user):
        return render(request, "sharing/gate.html", {"modules": basic_modules(request.user.organisation)})
    network = request.POST.get("network") or request.GET.get("netwerk")
    if network not in SHARE_NETWORK_LABELS:
        return render(
            request, "toolkit/format_choose.html", {"format": post_format, "networks": SHARE_NETWORK_LABELS.items()}
        )
    text = request.POST.get("text", post_format.text)
    instance = clean_instance(request.POST.get("mastodon_instance") or request.COOKIES.get(MASTODON_COOKIE, ""))
    report, error, ready = None, "", None
    if request.method == "POST":
        if request.POST.get("action") == "share" and network == "mastodon" and not instance:
            error = _("Fill in your Mastodon server, for example mastodon.nl.")
        elif request.POST.get("action") == "share":
            try:
                report = domain.ready_to_post(
                    request.user, network, text, bool(request.POST.get("confirmed")), request.LANGUAGE_CODE
                )
            except ValidationError as refused:
                error = refused.messages[0]
            else:
                ready = compose_url(network, text, instance)
        if report is None:
            report = sharing.check_text(request.user, text, network, request.LANGUAGE_CODE)
    context = sharing.editor_context(request.user, request.LANGUAGE_CODE, network, text, post_format.text, report)
    response = render(
        request,
        "toolkit/format_editor.html",
        {
            **context,
            "format": post_format,
            "error": error,
            "instance": instance,
            "ready": ready is not None,
            "compose_url": ready,
            "editor_help": _(
                "Fill in the parts between [square brackets] and make it your own. The post check reads along."
            ),
        },
    )
    return remember_instance(response, instance) if ready is not None else response


# Keeping the toolkit (communications)
@requires(can_manage_toolkit)
def manage(request):
    pages = Page.objects.annotate(file_count=Count("attachments"))
    return render(
        request,
        "toolkit/manage.html",
        {
            "special": [p for p in pages if p.kind in Page.SINGLE_KINDS],
            "pages": [p for p in pages if p.kind == Page.PAGE],
            "guides": [(p, domain.out_of_date(p)) for p in pages if p.kind == Page.GUIDE],
            "formats": PostFormat.objects.all(),
            "images": LibraryImage.objects.select_related("image"),
            "offered": {entry.pk for entry in domain.library_images(request.user.organisation)},
            "banners": domain.banners(),
            "empty": not pages and not PostFormat.objects.exists(),
        },
    )


@require_POST
@requires(can_manage_toolkit)
def install(request):
    added = install_toolkit(request.user.organisation)
    if added:
        messages.success(request, _("The starting set is loaded: %(n)s pages, guides and formats.") % {"n": added})
    else:
        messages.error(request, _("The toolkit already has pages and formats, so nothing was added."))
    return redirect("toolkit_manage")


@requires(can_manage_toolkit)
def page_edit(request, pk=None):
    page = get_object_or_404(Page.objects.prefetch_related("attachments"), pk=pk) if pk else None
    instance = page or Page(organisation=request.user.organisation)
    form = PageForm(request.POST or None, request.FILES or None, instance=instance, person=request.user)
    preview = None
    if request.method == "POST":
        valid = form.is_valid()
        if valid and request.POST.get("action") != "preview":
            saved = domain.save_page(request.user, form)
            messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
            return redirect("toolkit_page_edit", pk=saved.pk)
        form.keep_uploads()
        if request.POST.get("action") == "preview":
            # What the page would look like, nothing saved; the form's own fields, valid or not.
            preview = page_context(form.instance)
    return render(request, "toolkit/page_edit.html", {"form": form, "page": page, "preview": preview})


@require_POST
@requires(can_manage_toolkit)
def page_checked(request, pk):
    guide = get_object_or_404(Page, pk=pk, kind=Page.GUIDE)
    domain.mark_checked(request.user, guide)
    messages.success(request, _("“%(title)s” is marked as checked today.") % {"title": guide.title})
    return redirect("toolkit_manage")


@require_POST
@requires(can_manage_toolkit)
def attachment_delete(request, pk, file_pk):
    page = get_object_or_404(Page, pk=pk)
    stored = page.attachments.filter(pk=file_pk).first()
    if stored is not None:
        stored.delete()
        messages.success(request, _("The file %(name)s is removed.") % {"name": stored.name})
    return redirect("toolkit_page_edit", pk=page.pk)


MOVABLE = {"pagina": Page, "format": PostFormat}
DELETABLE = {"pagina": Page, "format": PostFormat, "beeld": LibraryImage, "banner": Banner}


@require_POST
@requires(can_manage_toolkit)
def move(request, kind, pk, direction):
    if kind not in MOVABLE or direction not in ("omhoog", "omlaag"):
        raise Http404
    item = get_object_or_404(MOVABLE[kind], pk=pk)
    domain.move(item, -1 if direction == "omhoog" else 1)
    return redirect("toolkit_manage")


@require_POST
@requires(can_manage_toolkit)
def delete(request, kind, pk):
    if kind not in DELETABLE:
        raise Http404
    item = DELETABLE[kind].objects.filter(pk=pk).first()
    # Deleted already (a second click, a colleague) or never ours: nothing to do, back to the list.
    if item is not None:
        item.delete()
        messages.success(request, _("“%(title)s” is deleted.") % {"title": item})
    return redirect("toolkit_manage")


# What the form of a library image or a banner needs: the form, the name of its kind in the delete address, the
# heading of a new one and the address of its thumbnail.
WITH_PHOTO = {
    LibraryImage: (LibraryImageForm, "beeld", gettext_lazy("Add an image"), "toolkit_library_image"),
    Banner: (BannerForm, "banner", gettext_lazy("Add a banner"), "toolkit_banner"),
}


def _edit_with_photo(request, model, pk):
    """A library image or a banner: saved and back to the list, or shown again with its errors and the chosen
    file kept."""
    instance = get_object_or_404(model.objects.select_related("image"), pk=pk) if pk else None
    form_class, kind, heading, thumbnail = WITH_PHOTO[model]
    form = form_class(request.POST or None, request.FILES or None, instance=instance, person=request.user)
    if request.method == "POST":
        if form.is_valid():
            if model is LibraryImage:
                saved = domain.save_library_image(request.user, form)
            else:
                saved = domain.save_with_photo(request.user, form)
            messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
            if model is LibraryImage and not _offered(saved):
                messages.warning(
                    request,
                    _(
                        "The library does not offer it yet: link the consent of the people in the photo below, "
                        "or say that nobody recognisable is in it."
                    ),
                )
                return redirect("toolkit_library_edit", pk=saved.pk)
            return redirect("toolkit_manage")
        form.keep_uploads()
    context = {
        "form": form,
        "object": instance,
        "multipart": True,
        "kind": kind,
        "heading": instance.title if instance else heading,
        "thumbnail": reverse(thumbnail, args=[instance.pk, "klein"]) if instance else "",
        "consent_image": instance.image if model is LibraryImage and instance else None,
        "offered": model is LibraryImage and instance and _offered(instance),
    }
    return render(request, "toolkit/edit.html", context)


def _offered(entry):
    return any(e.pk == entry.pk for e in domain.library_images(entry.organisation))


@requires(can_manage_toolkit)
def library_edit(request, pk=None):
    return _edit_with_photo(request, LibraryImage, pk)


@requires(can_manage_toolkit)
def banner_edit(request, pk=None):
    return _edit_with_photo(request, Banner, pk)


@requires(can_manage_toolkit)
def format_edit(request, pk=None):
    post_format = get_object_or_404(PostFormat, pk=pk) if pk else None
    form = PostFormatForm(request.POST or None, instance=post_format)
    if request.method == "POST" and form.is_valid():
        saved = domain.save_format(request.user, form)
        messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
        return redirect("toolkit_manage")
    heading = post_format.title if post_format else _("New format")
    return render(
        request, "toolkit/edit.html", {"form": form, "object": post_format, "heading": heading, "kind": "format"}
    )
