from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from deelwijs.content.files import image_response
from deelwijs.guard import check
from deelwijs.orgs.permissions import can_review_stories, requires, requires_or_404

from . import domain
from .forms import ReviewForm, StoryForm
from .models import Story


def check_story(text, organisation, networks):
    """A story is checked as a post for the first network the author suggested (LinkedIn if none)."""
    first = next((n for n in networks if n and n != "email"), "linkedin")
    return check(text, first, organisation.guard_policy())


@requires()
def story_new(request):
    form = StoryForm(request.POST or None, request.FILES or None, person=request.user)
    report = None
    if request.method == "POST":
        valid = form.is_valid()
        data = form.cleaned_data
        # The check runs whenever the text itself is fine, also when another field has an error (the consent):
        # the author sees everything to fix at once, not one thing per try.
        if "text" in data:
            report = check_story(data["text"], request.user.organisation, data.get("networks") or [])
            if report.blocked:
                form.add_error("text", _("The post check blocks this story; see the points below."))
            elif report.needs_confirmation and not data.get("confirmed"):
                form.add_error("confirmed", _("Read the warnings and confirm that you still want to send this."))
        if valid and not form.errors:
            story = domain.submit(
                request.user, data["text"], data["networks"], data["consent"], form.processed, form.descriptions
            )
            form.release_uploads()
            if story.status == Story.DRAFT:
                # Photos go through the photo check first: the author sees what it found, then sends.
                return redirect("story_send", pk=story.pk)
            messages.success(request, _("Thank you! Communications will look at your story and let you know."))
            return redirect("my_stories")
        form.keep_uploads()
    return render(request, "stories/new.html", {"form": form, "report": report})


@requires()
def story_send(request, pk):
    """A story with photos, not sent yet: its author sees the photo check beside each photo (and may blur), then
    sends it. Someone else's story, or one already sent, is not found."""
    story = get_object_or_404(
        Story.objects.filter(author=request.user, status=Story.DRAFT).prefetch_related("photos__image"), pk=pk
    )
    if request.method == "POST":
        if domain.send(request.user, story):
            messages.success(request, _("Thank you! Communications will look at your story and let you know."))
        return redirect("my_stories")
    return render(request, "stories/send.html", {"story": story, "blocked": domain.blocked_photos(story)})


@requires()
def my_stories(request):
    stories = Story.objects.filter(author=request.user).select_related("item").prefetch_related("photos__image")
    return render(request, "stories/mine.html", {"stories": stories})


@requires(can_review_stories)
def story_queue(request):
    stories = Story.objects.exclude(status=Story.DRAFT).select_related("author").prefetch_related("photos__image")
    waiting = [s for s in stories if s.status == Story.SUBMITTED]
    handled = [s for s in stories if s.status != Story.SUBMITTED][:50]
    return render(request, "stories/queue.html", {"waiting": waiting, "handled": handled})


def _story_to_review(pk):
    return get_object_or_404(Story.objects.exclude(status=Story.DRAFT).select_related("author"), pk=pk)


@requires(can_review_stories)
def story_review(request, pk):
    story = _story_to_review(pk)
    form = ReviewForm(initial={"text": story.text, "feedback": story.feedback})
    report = check_story(story.text, request.user.organisation, story.networks.split(","))
    return render(
        request,
        "stories/review.html",
        {"story": story, "form": form, "report": report, "blocked": domain.blocked_photos(story)},
    )


@require_POST
@requires(can_review_stories)
def story_decide(request, pk, action):
    story = _story_to_review(pk)
    if action not in ReviewForm.ACTIONS:
        raise Http404
    form = ReviewForm(request.POST, action=action)
    photo_verdict = domain.photo_verdict(story, action) if form.is_valid() else None
    if photo_verdict is not None and photo_verdict.blocks and action == "plan":
        form.add_error(None, photo_verdict.message)
    blocked = domain.blocked_photos(story)
    if action == "plan" and 1 in blocked and form.is_valid():
        # The planned post gets the first photo: it may not go out as it is, as a blocking text may not.
        form.add_error(
            None,
            _(
                "The photo check found something in photo 1 that may not be posted. Blur it, or keep it with a "
                "reason beside the photo, then plan the story."
            ),
        )
    if form.is_valid():
        try:
            result = domain.decide(request.user, story, action, form.cleaned_data)
        except ValidationError:
            # Someone else decided first: nothing was changed.
            messages.error(request, _("This story has already been handled."))
            return redirect("story_queue")
        if photo_verdict is not None and not photo_verdict.ok:
            messages.warning(request, photo_verdict.message)
        if action == "plan":
            messages.success(request, _("The story is planned."))
            return redirect("calendar")
        if action == "feed":
            messages.success(request, _("The story is a draft item now; check it and publish it."))
            return redirect("item_edit", pk=result.pk)
        messages.success(request, _("The author has been told."))
        return redirect("story_queue")
    report = check_story(story.text, request.user.organisation, story.networks.split(","))
    context = {"story": story, "form": form, "report": report, "blocked": blocked}
    return render(request, "stories/review.html", context, status=400)


@require_safe
@requires_or_404()
def story_photo(request, pk, photo, size):
    """A photo sent with a story: for its author and for communications."""
    story = get_object_or_404(domain.visible_stories(request.user), pk=pk)
    photo = get_object_or_404(story.photos.select_related("image"), pk=photo)
    return image_response(photo.image, size)
