import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from deelwijs.orgs.models import Organisation
from deelwijs.orgs.permissions import (
    can_answer_questions,
    can_appear_online,
    can_ask_to_join_ambassadors,
    can_be_asked_for_help,
    can_lead_ambassadors,
    can_manage_people_page,
    can_promote_answers,
    can_see_what_is_talked_about,
    requires,
)
from deelwijs.orgs.roles import CLIENT
from deelwijs.orgs.tenancy import across_organisations, organisation_scope

from . import domain
from .forms import (
    AnswerForm,
    AskMoreForm,
    DecisionForm,
    HelpForm,
    HelpMessageForm,
    HelpStatusForm,
    JoinForm,
    OnlineListingForm,
    PairForm,
    PeoplePageForm,
    PromoteForm,
    QuestionForm,
)
from .models import BuddyPairing, HelpRequest, JoinRequest, OnlineListing, PeoplePage, PromotedAnswer

PAGE_SIZE = 20


@requires()
def hub(request):
    """Samen: the parts of the community this person uses, with what waits for them."""
    person = request.user
    context = {
        "buddy": domain.buddy_of(person),
        "newcomers": list(domain.newcomers_of(person)),
        "may_join": domain.may_ask_to_join(person),
        "help_waiting": HelpRequest.objects.filter(asked=person).exclude(status=HelpRequest.CLOSED).count(),
    }
    if can_lead_ambassadors(person):
        context["open_join_requests"] = JoinRequest.objects.filter(status=JoinRequest.OPEN).count()
    return render(request, "community/hub.html", context)


@requires(can_see_what_is_talked_about)
def talk(request):
    return render(request, "community/talk.html", domain.talk_of_the_week(request.user))


# Questions
@requires()
def questions(request):
    page = Paginator(domain.questions_for(request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "community/questions.html",
        {
            "page": page,
            "answerer": can_answer_questions(request.user) and domain.may_answer_some(request.user),
            "has_newcomers": domain.newcomers_of(request.user).exists(),
        },
    )


@requires()
def question_new(request):
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = domain.ask_question(request.user, form.cleaned_data["title"], form.cleaned_data["text"])
        messages.success(request, _("Your question is asked. You get a notification when someone answers."))
        return redirect("question", pk=question.pk)
    return render(request, "community/question_new.html", {"form": form})


@requires()
def question(request, pk):
    """A question with its answers; who may answer it, answers below. Someone who may not see it gets 404."""
    question = get_object_or_404(domain.visible_questions(request.user).select_related("asker"), pk=pk)
    may_answer = domain.may_answer(request.user, question)
    form = AnswerForm(request.POST or None) if may_answer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            answer = domain.answer_question(request.user, question, form.cleaned_data["text"])
            messages.success(request, _("Your answer is added."))
            return redirect(reverse("question", args=[question.pk]) + f"#antwoord-{answer.pk}")
    promoted = PromotedAnswer.objects.filter(source=OuterRef("pk"))
    answers = question.answers.select_related("author").annotate(promoted=Exists(promoted))
    return render(request, "community/question.html", {"question": question, "answers": answers, "form": form})


@requires(can_promote_answers)
def answer_promote(request, pk, answer_pk):
    question = get_object_or_404(domain.visible_questions(request.user), pk=pk)
    answer = get_object_or_404(question.answers.select_related("question__asker", "author"), pk=answer_pk)
    form = PromoteForm(request.POST or None, initial={"question": question.title, "answer": answer.text})
    if request.method == "POST" and form.is_valid():
        domain.promote(request.user, answer, form.cleaned_data["question"], form.cleaned_data["answer"])
        messages.success(request, _("The question and its answer are in the toolkit."))
        return redirect("question", pk=question.pk)
    return render(request, "community/promote.html", {"form": form, "question": question, "answer": answer})


@requires(can_promote_answers)
def promoted_answer_edit(request, pk):
    promoted = get_object_or_404(PromotedAnswer, pk=pk)
    form = PromoteForm(request.POST or None, instance=promoted)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The question in the toolkit is saved."))
        return redirect(reverse("toolkit") + "#vragen")
    return render(request, "community/promote.html", {"form": form, "promoted": promoted})


@require_POST
@requires(can_promote_answers)
def promoted_answer_delete(request, pk):
    promoted = PromotedAnswer.objects.filter(pk=pk).first()
    # Gone already (a second click, a colleague) or never ours: nothing to do, back to the toolkit.
    if promoted is not None:
        promoted.delete()
        messages.success(request, _("“%(question)s” is taken out of the toolkit.") % {"question": promoted.question})
    return redirect(reverse("toolkit") + "#vragen")


# Buddies
@requires(can_lead_ambassadors)
def buddies(request):
    form = PairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.pair(request.user, form.cleaned_data["newcomer"], form.cleaned_data["buddy"])
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("They are paired; both got a notification."))
            return redirect("buddies")
    pairings = domain.active_pairings()
    return render(request, "community/buddies.html", {"form": form, "pairings": pairings})


@require_POST
@requires(can_lead_ambassadors)
def buddy_end(request, pk):
    pairing = get_object_or_404(BuddyPairing.objects.select_related("newcomer", "buddy"), pk=pk)
    if domain.end_pairing(request.user, pairing):
        messages.success(request, _("The pairing has ended."))
    return redirect("buddies")


# Our people online
@requires(can_appear_online)
def online(request):
    """Someone's own choice to appear on the public page, with which of their handles."""
    person = request.user
    page = domain.people_page(person.organisation)
    context = {"page": page, "public_url": reverse("people_online", args=[person.organisation.slug])}
    if CLIENT in person.roles:
        return render(request, "community/online.html", {**context, "client": True})
    listing = OnlineListing.objects.filter(person=person).prefetch_related("handles").first()
    initial = {}
    if listing:
        initial = {"handles": [h.pk for h in listing.handles.all()], "job_title": listing.job_title, "agree": True}
    form = OnlineListingForm(request.POST or None, person=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        domain.opt_in(person, form.cleaned_data["handles"], form.cleaned_data["job_title"])
        messages.success(request, _("You are on the public page with the handles you chose."))
        return redirect("online")
    return render(
        request, "community/online.html", {**context, "form": form, "listing": listing, "has_handles": bool(form.own)}
    )


@require_POST
@requires(can_appear_online)
def online_withdraw(request):
    if domain.withdraw(request.user):
        messages.success(request, _("You are no longer on the public page."))
    return redirect("online")


@requires(can_manage_people_page)
def people_page_manage(request):
    organisation = request.user.organisation
    page = domain.people_page(organisation)
    form = PeoplePageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        domain.save_people_page(request.user, form)
        messages.success(request, _("The public page is saved."))
        return redirect("people_page_manage")
    slug = organisation.slug
    return render(
        request,
        "community/people_page_manage.html",
        {
            "form": form,
            "page": page,
            "listings": domain.listed_people(),
            "site": settings.SITE_URL,
            "urls": {
                "page": reverse("people_online", args=[slug]),
                "embed": reverse("people_online_embed", args=[slug]),
                "json": reverse("people_online_json", args=[slug]),
                "snippet": reverse("people_online_snippet", args=[slug]),
                "exports": [(name, reverse("people_online_export", args=[slug, name])) for name in domain.EXPORTS],
            },
        },
    )


# The public page: no sign-in. Found by the organisation's slug, read inside its scope, never cached, so a
# withdrawal shows at the next request.
def _published(slug):
    # Anyone may open an organisation's public page: the slug is found across organisations, the rest is read in
    # the organisation's own scope.
    with across_organisations():
        organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    with organisation_scope(organisation):
        page = PeoplePage.objects.filter(published=True).first()
        if page is None:
            raise Http404
        return organisation, page, domain.public_entries()


def _public_context(slug):
    organisation, page, entries = _published(slug)
    # Only the lists that hold someone; the addresses of the others still answer, with an empty list.
    exports = [(name, reverse("people_online_export", args=[slug, name])) for name in domain.filled_exports(entries)]
    return {"organisation_name": organisation.name, "page": page, "entries": entries, "exports": exports, "slug": slug}


@require_safe
@never_cache
def people_online(request, slug):
    return render(request, "community/public_page.html", _public_context(slug))


@require_safe
@never_cache
def people_online_embed(request, slug):
    """The page for a frame on the organisation's website: only the websites set by communications may frame it
    (frame-ancestors for this view alone); without any, nobody may."""
    context = _public_context(slug)
    response = render(request, "community/public_embed.html", context)
    origins = context["page"].origins
    if origins:
        response._csp_replace = {"frame-ancestors": origins}
        response.xframe_options_exempt = True
    return response


@require_safe
@never_cache
def people_online_snippet(request, slug):
    """Plain HTML (a list, no page around it) for a website to include as it is."""
    response = render(request, "community/public_snippet.html", _public_context(slug))
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@never_cache
def people_online_json(request, slug):
    context = _public_context(slug)
    body = {"organisation": context["organisation_name"], "people": context["entries"]}
    response = HttpResponse(json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json")
    # Public data without credentials: any website may read it with a script.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@never_cache
def people_online_export(request, slug, name):
    if name not in domain.EXPORTS:
        raise Http404
    context = _public_context(slug)
    lines = domain.export_lines(context["entries"], domain.EXPORTS[name])
    kind = "text/csv" if name.endswith(".csv") else "text/plain"
    response = HttpResponse("\n".join(lines) + "\n", content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{name}"'
    return response


# Joining the ambassador team
@requires(can_ask_to_join_ambassadors)
def join(request):
    person = request.user
    requests = list(JoinRequest.objects.filter(person=person).select_related("buddy")[:5])
    waiting = next((r for r in requests if r.is_open), None)
    # While a request waits the page shows it instead of the form; a form sent meanwhile (another tab) comes back
    # with its text and the reason.
    may = domain.may_ask_to_join(person) and (waiting is None or request.method == "POST")
    form = JoinForm(request.POST or None) if may else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            domain.ask_to_join(person, form.cleaned_data["motivation"])
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Your request is sent to communications. You hear from them."))
            return redirect("join")
    return render(
        request,
        "community/join.html",
        {"form": form, "requests": requests, "waiting": waiting, "ambassador": not domain.may_ask_to_join(person)},
    )


@requires(can_lead_ambassadors)
def join_requests(request):
    requests = JoinRequest.objects.select_related("person", "decided_by").order_by("-status", "-created")[:100]
    return render(request, "community/join_requests.html", {"requests": requests})


@requires(can_lead_ambassadors)
def join_request(request, pk):
    join_request = get_object_or_404(JoinRequest.objects.select_related("person", "decided_by", "buddy"), pk=pk)
    form = DecisionForm(request.POST or None) if join_request.is_open else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            domain.decide_join(
                request.user, join_request, data["decision"] == DecisionForm.ACCEPT, data["reason"], data["buddy"]
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Decided; %(name)s is told.") % {"name": join_request.person.full_name})
            return redirect("join_requests")
    return render(request, "community/join_request.html", {"join_request": join_request, "form": form})


# Help when something goes wrong online
@requires()
def help_requests(request):
    person = request.user
    mine = HelpRequest.objects.filter(person=person)
    asked = HelpRequest.objects.filter(asked=person).select_related("person")
    return render(
        request,
        "community/help_list.html",
        {"mine": mine, "asked": asked, "helper": can_be_asked_for_help(person)},
    )


@requires()
def help_new(request):
    person = request.user
    form = HelpForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            help_request = domain.ask_for_help(person, data["kind"], data["what_happened"], data["link"], data["asked"])
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Your request is sent. Only you and the people you asked can read it."))
            return redirect("help_request", pk=help_request.pk)
    return render(request, "community/help_new.html", {"form": form, "nobody": not form.helpers})


@requires()
def help_request(request, pk):
    """One help request, for the person who asked and the people they asked; for anyone else it does not exist.
    Messages from both sides; the people asked set the status and the outcome; the person can ask more."""
    person = request.user
    help_request = get_object_or_404(
        domain.visible_help_requests(person).select_related("person").prefetch_related("asked"), pk=pk
    )
    is_requester = help_request.person_id == person.pk
    asked = list(help_request.asked.all())
    action = request.POST.get("action") if request.method == "POST" else None
    message_form = HelpMessageForm(request.POST if action == "message" else None, prefix="bericht")
    status_form = None
    if not is_requester:
        initial = {"status": help_request.status, "outcome": help_request.outcome}
        status_form = HelpStatusForm(request.POST if action == "status" else None, initial=initial, prefix="status")
    more_form = None
    if is_requester:
        more_form = AskMoreForm(
            request.POST if action == "ask" else None, person=person, already={p.pk for p in asked}, prefix="meer"
        )
    done = None
    if action == "message" and message_form.is_valid():
        domain.add_help_message(person, help_request, message_form.cleaned_data["text"])
        done = _("Your message is added.")
    elif action == "status" and status_form is not None and status_form.is_valid():
        domain.update_help(
            person, help_request, status_form.cleaned_data["status"], status_form.cleaned_data["outcome"]
        )
        done = _("The request is updated.")
    elif action == "ask" and more_form is not None and more_form.is_valid():
        try:
            domain.ask_more(person, help_request, more_form.cleaned_data["more"])
        except ValidationError as refused:  # asked by then in another tab
            more_form.add_error(None, refused)
        else:
            done = _("They are asked too.")
    if done:
        messages.success(request, done)
        return redirect("help_request", pk=help_request.pk)
    return render(
        request,
        "community/help_request.html",
        {
            "help_request": help_request,
            "asked": asked,
            "help_messages": help_request.messages.select_related("author"),
            "message_form": message_form,
            "status_form": status_form,
            "more_form": more_form if more_form is not None and more_form.fields["more"].choices else None,
            "is_requester": is_requester,
        },
    )
