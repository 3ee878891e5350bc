"""Progress and answers in the training modules."""

import operator
from functools import reduce

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from deelwijs.orgs.models import RoleAssignment
from deelwijs.orgs.roles import AUDIENCES, STAFF, STAFF_ROLES, VOLUNTEER, VOLUNTEERS

from .models import DILEMMA, GRADE, LESSON, NAMES, QUESTION, TEXT, Answer, Module, Step


def progress(person, modules):
    """Per module id: steps, steps done, questions, correct answers, complete. Two queries in all."""
    counts = {
        m["pk"]: m
        for m in Module.objects.filter(pk__in=[m.pk for m in modules])
        .annotate(total=Count("steps"), questions=Count("steps", filter=Q(steps__kind=QUESTION)))
        .values("pk", "total", "questions")
    }
    result = {
        m.pk: {"total": counts[m.pk]["total"], "questions": counts[m.pk]["questions"], "done": 0, "correct": 0}
        for m in modules
    }
    for module_id, correct in Answer.objects.filter(person=person, step__module__in=modules).values_list(
        "step__module_id", "correct"
    ):
        result[module_id]["done"] += 1
        result[module_id]["correct"] += bool(correct)
    for row in result.values():
        row["complete"] = row["total"] > 0 and row["done"] >= row["total"]
        row["percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 0
    return result


def basic_modules(organisation):
    return Module.objects.filter(basic=True, published=True)


def modules_for(person):
    """The published modules meant for this person, as they read them: a volunteer or a client gets the
    texts written for them (Module.variants), and no module meant for others (a client makes no team plan)."""
    audience = person.audience
    return [m.for_audience(audience) for m in Module.objects.filter(published=True) if m.is_for(audience)]


def _audience_filter(audience):
    """The condition on a person for this audience, as ``roles.audience_of`` reads their roles: staff (a staff
    role, or no role at all), volunteers, clients."""
    roles = RoleAssignment.objects.filter(user=OuterRef("pk"))
    staff, volunteer = Exists(roles.filter(role__in=STAFF_ROLES)), Exists(roles.filter(role=VOLUNTEER))
    if audience == STAFF:
        return staff | ~Exists(roles)
    if audience == VOLUNTEERS:
        return ~staff & volunteer
    return ~staff & ~volunteer & Exists(roles)  # CLIENTS


def of_audience(people, *audiences):
    """Those among ``people`` (a queryset of people) whose training is that of one of these audiences."""
    return people.filter(reduce(operator.or_, [_audience_filter(audience) for audience in audiences]))


def finished_basic(organisation, people):
    """The ids of those among ``people`` (a queryset of the organisation's people) who answered every step of
    the published basic modules meant for them (Module.audiences): a volunteer is not held to a module for staff.

    Someone whose audience has no basic module has nothing to finish and counts as finished, as the share gate
    (``completed_basic``) lets them share; when the organisation has no basic step at all, nobody is counted.
    At most four queries, however many people: the modules, then one for each different set of basic modules
    the audiences are held to (the starting set has two: staff and volunteers do modules 1-3, clients 1-2).
    """
    modules = list(
        Module.objects.filter(organisation=organisation, basic=True, published=True).annotate(step_count=Count("steps"))
    )
    if not any(m.step_count for m in modules):
        return set()
    held_to = {}
    for audience, _label in AUDIENCES:
        held_to.setdefault(tuple(m for m in modules if m.is_for(audience)), []).append(audience)
    finished = set()
    for meant, audiences in held_to.items():
        total = sum(m.step_count for m in meant)
        people_here = of_audience(people, *audiences)
        if not total:
            finished.update(people_here.values_list("pk", flat=True))
            continue
        finished.update(
            Answer.objects.filter(step__module__in=meant, person__in=people_here.values("pk"))
            .values("person_id")
            .annotate(n=Count("step_id", distinct=True))
            .filter(n=total)
            .values_list("person_id", flat=True)
        )
    return finished


def completed_basic(person):
    modules = [m for m in basic_modules(person.organisation) if m.is_for(person.audience)]
    return all(row["complete"] for row in progress(person, modules).values())


def first_open_step(person, module):
    answered = Answer.objects.filter(person=person, step__module=module).values("step_id")
    return module.steps.exclude(pk__in=answered).order_by("order").first()


def save_answer(person, step, cleaned):
    """Store (or replace) this person's answer; a question is scored."""
    correct = None
    if step.kind == LESSON:
        value = {"read": True}
    elif step.kind == QUESTION:
        index = int(cleaned["choice"])
        value, correct = {"choice": index}, bool(step.choices[index].get("correct"))
    elif step.kind == DILEMMA or step.data.get("answer", TEXT) == TEXT:
        value = {"text": cleaned["text"]}
    elif step.data["answer"] == NAMES:
        value = {"names": [line.strip() for line in cleaned["names"].splitlines() if line.strip()]}
    elif step.data["answer"] == GRADE:
        value = {"grade": cleaned["grade"], "because": cleaned["because"]}
    else:
        value = {"choices": cleaned["choices"], "own": cleaned.get("own", "")}
    answer, _ = Answer.objects.update_or_create(
        person=person, step=step, defaults={"value": value, "correct": correct, "updated": timezone.now()}
    )
    return answer


def next_step(step):
    return Step.objects.filter(module=step.module, order__gt=step.order).order_by("order").first()


def previous_step(step):
    return Step.objects.filter(module=step.module, order__lt=step.order).order_by("-order").first()


def next_module(person, module):
    """The published module after this one that the person has not finished yet, or None."""
    later = [m for m in modules_for(person) if m.number > module.number]
    rows = progress(person, later)
    return next((m for m in later if not rows[m.pk]["complete"]), None)


def lesson_links(organisation):
    """{post check rule: url of the first published step that explains it}."""
    links = {}
    for rule, number, order in (
        Step.objects.filter(module__organisation=organisation, module__published=True)
        .exclude(rule="")
        .order_by("module__number", "order")
        .values_list("rule", "module__number", "order")
    ):
        links.setdefault(rule, reverse("step", kwargs={"number": number, "order": order}))
    return links


def may_share(person):
    """False when the organisation requires the basic training and this person has not finished it."""
    return not person.organisation.training_required or completed_basic(person)
