from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from deelwijs.accounts.domain import listed_people, visible_handles
from deelwijs.accounts.models import CorporateAccount
from deelwijs.common.markdown import render_markdown
from deelwijs.common.spreadsheet import SpreadsheetWriter
from deelwijs.orgs.models import Team, User
from deelwijs.orgs.permissions import (
    can_edit_training,
    can_see_all_teams,
    can_see_colleagues,
    can_see_teams,
    requires,
)

from . import domain
from .forms import ModuleForm, StepEditForm, StepForm
from .models import Answer, Module, Step


def _module(request, number):
    """The published module, as this person reads it; a module meant for others is not found."""
    module = get_object_or_404(Module.objects.all().filter(published=True), number=number)
    if not module.is_for(request.user.audience):
        raise Http404
    return module.for_audience(request.user.audience)


@requires()
def module_list(request):
    modules = domain.modules_for(request.user)
    rows = domain.progress(request.user, modules)
    return render(request, "learning/modules.html", {"modules": [(m, rows[m.pk]) for m in modules]})


@requires()
def module_start(request, number):
    """Resume where the person left off, or show the certificate when done."""
    module = _module(request, number)
    step = domain.first_open_step(request.user, module)
    if step is None:
        return redirect("certificate", number=number)
    return redirect("step", number=number, order=step.order)


@requires()
def step_view(request, number, order):
    module = _module(request, number)
    step = get_object_or_404(module.steps, order=order).for_audience(request.user.audience)
    answer = Answer.objects.filter(person=request.user, step=step).first()
    form = StepForm(request.POST if request.method == "POST" else None, step=step)
    if request.method == "POST" and form.is_valid():
        answer = domain.save_answer(request.user, step, form.cleaned_data)
        if step.kind in ("lesson", "worksheet"):
            following = domain.next_step(step)
            return (
                redirect("step", number=number, order=following.order)
                if following
                else redirect("certificate", number=number)
            )
        form = StepForm(step=step)
    chosen = answer.value.get("choice") if answer and step.kind == "question" else None
    return render(
        request,
        "learning/step.html",
        {
            "module": module,
            "step": step,
            "form": form,
            "answer": answer,
            "body": render_markdown(step.body),
            "chosen": chosen,
            "feedback": step.choices[chosen]["feedback"] if chosen is not None else "",
            "considerations": render_markdown(step.data.get("considerations", "")) if answer else "",
            "policy_html": render_markdown(request.user.organisation.policy_text)
            if step.data.get("show_policy")
            else "",
            "next": domain.next_step(step),
            "previous": domain.previous_step(step),
            "position": step.order,
            "count": module.steps.count(),
            "accounts": _accounts(request) if step.data.get("show_accounts") else None,
            "teammates": _teammates(request) if step.data.get("show_team") else None,
        },
    )


def _accounts(request):
    return CorporateAccount.objects.all()


def _teammates(request):
    """Teammates and the handles this person may see, by the directory's rules (none for clients and volunteers)."""
    if not can_see_colleagues(request.user):
        return None
    people = (
        listed_people(User.members.filter(teams__in=request.user.teams.all()))
        .exclude(pk=request.user.pk)
        .distinct()
        .prefetch_related("role_assignments", "handles")
    )
    return [(p, visible_handles(request.user, p, p.handles.all())) for p in people]


@requires()
def team_plans(request):
    """The team plan: the answers of each team's members to module 5, question by question."""
    steps = list(
        Step.objects.filter(module__organisation=request.user.organisation, module__published=True)
        .exclude(data__plan=None)
        .exclude(data__plan="")
        .order_by("module__number", "order")
    )
    teams = request.user.teams.all()
    if can_see_all_teams(request.user):
        teams = Team.objects.all()
    plans = []
    for team in teams.prefetch_related("members"):
        members = list(team.members.all())
        answers = Answer.objects.filter(step__in=steps, person__in=members).select_related("person")
        by_step = {}
        for answer in answers:
            by_step.setdefault(answer.step_id, []).append(answer)
        plans.append(
            {"team": team, "questions": [(s, by_step.get(s.pk, [])) for s in steps], "answered": bool(by_step)}
        )
    return render(request, "learning/team_plans.html", {"plans": plans})


@requires()
def certificate(request, number):
    module = _module(request, number)
    row = domain.progress(request.user, [module])[module.pk]
    if not row["complete"]:
        raise Http404
    return render(
        request,
        "learning/certificate.html",
        {"module": module, "row": row, "next_module": domain.next_module(request.user, module)},
    )


def _people_in_view(request):
    """Managers see their own teams; communications and administrators see everyone."""
    people = User.members.filter(is_active=True).prefetch_related("teams__location", "role_assignments")
    if not can_see_all_teams(request.user):
        people = people.filter(teams__managers=request.user).distinct()
    return list(people)


def _progress_rows(request):
    """The published modules, and per person a cell per module: (steps done, steps), or None for a module that
    is not meant for them (a client does not make the team plan), so nobody is shown behind on it."""
    modules = list(Module.objects.all().filter(published=True).annotate(step_count=Count("steps")))
    answers = {
        (row["person_id"], row["step__module_id"]): row["n"]
        for row in Answer.objects.filter(step__module__in=modules)
        .values("person_id", "step__module_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = []
    for person in _people_in_view(request):
        audience = person.audience
        cells = [(answers.get((person.pk, m.pk), 0), m.step_count) if m.is_for(audience) else None for m in modules]
        teams = ", ".join(t.name for t in person.teams.all())
        locations = ", ".join(sorted({t.location.name for t in person.teams.all() if t.location}))
        rows.append({"person": person, "teams": teams, "locations": locations, "cells": cells})
    return modules, rows


def _summaries(modules, rows, key, none_label):
    """Per team (or location): of the people each module is meant for, how many finished it."""
    groups = {}
    for row in rows:
        for name in [n for n in row[key].split(", ") if n] or [None]:
            group = groups.setdefault(
                name, {"name": name, "people": 0, "done": [0] * len(modules), "expected": [0] * len(modules)}
            )
            group["people"] += 1
            for i, cell in enumerate(row["cells"]):
                if cell is None:
                    continue
                done, total = cell
                group["expected"][i] += 1
                group["done"][i] += bool(total) and done >= total
    for group in groups.values():
        group["cells"] = list(zip(group["done"], group["expected"], strict=True))
    # The people in no team (or at no location) last, named as such rather than by a dash.
    named = sorted((g for g in groups.values() if g["name"]), key=lambda g: g["name"])
    if None in groups:
        named.append({**groups[None], "name": none_label})
    return named


@requires(can_see_teams)
def progress_overview(request):
    modules, rows = _progress_rows(request)
    return render(
        request,
        "learning/progress.html",
        {
            "modules": modules,
            "rows": rows,
            "summaries": [
                (_("Per team"), _summaries(modules, rows, "teams", _("In no team"))),
                (_("Per location"), _summaries(modules, rows, "locations", _("At no location"))),
            ],
        },
    )


@requires(can_see_teams)
def progress_csv(request):
    modules, rows = _progress_rows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="voortgang-training.csv"'
    writer = SpreadsheetWriter(response)
    # Steps done as "3 van 5": a spreadsheet reads "3/5" as the 3rd of May.
    writer.writerow(["naam", "teams", "locaties"] + [f"module {m.number}: {m.title}" for m in modules])
    for row in rows:
        cells = ["n.v.t." if cell is None else f"{cell[0]} van {cell[1]}" for cell in row["cells"]]
        writer.writerow([row["person"].full_name, row["teams"], row["locations"]] + cells)
    return response


@requires(can_edit_training)
def manage_modules(request):
    modules = Module.objects.all().annotate(step_count=Count("steps"))
    return render(request, "learning/manage.html", {"modules": modules})


@requires(can_edit_training)
def module_edit(request, number=None):
    module = _any_module(request, number) if number else None
    form = ModuleForm(request.POST or None, instance=module, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.organisation = request.user.organisation
        saved.save()
        messages.success(request, _("The module is saved."))
        return redirect("module_edit", number=saved.number)
    return render(
        request,
        "learning/module_edit.html",
        {"form": form, "module": module, "steps": module.steps.all() if module else []},
    )


@requires(can_edit_training)
def step_edit(request, number, order=None):
    module = _any_module(request, number)
    step = (
        get_object_or_404(module.steps, order=order) if order else Step(module=module, order=module.steps.count() + 1)
    )
    form = StepEditForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The step is saved."))
        return redirect("step_edit", number=number, order=saved.order)
    preview = step if step.pk else None
    return render(
        request,
        "learning/step_edit.html",
        {
            "form": form,
            "module": module,
            "step": preview,
            "preview_body": render_markdown(step.body) if preview else "",
            "preview_form": StepForm(step=step) if preview else None,
            "preview_considerations": render_markdown(step.data.get("considerations", "")) if preview else "",
        },
    )


def _any_module(request, number):
    return get_object_or_404(Module.objects.all(), number=number)
