import copy as copy_module

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.orgs.models import Organisation
from deelwijs.orgs.tenancy import OrganisationManager

LESSON, QUESTION, DILEMMA, WORKSHEET = "lesson", "question", "dilemma", "worksheet"
KINDS = [(LESSON, _("Lesson")), (QUESTION, _("Question")), (DILEMMA, _("Dilemma")), (WORKSHEET, _("Worksheet"))]
# Worksheet answers: free text, a choice from a list (plus an own answer), a list of names/handles, a grade.
TEXT, CHOICE, NAMES, GRADE = "text", "choice", "names", "grade"


def _with_variant(obj, variant):
    """A copy of a module or step with a variant's fields over its own (never saved: the copy is for reading)."""
    if not variant:
        return obj
    copy = copy_module.copy(obj)
    for field in ("title", "summary", "body"):
        if variant.get(field):
            setattr(copy, field, variant[field])
    if variant.get("data"):
        copy.data = {**obj.data, **variant["data"]}
        if "choices" in variant["data"]:
            # Which answer is right is the step's own: a variant words the answers and their feedback only.
            copy.data["choices"] = [
                {**own, **{k: v for k, v in worded.items() if k in ("text", "feedback")}}
                for own, worded in zip(obj.data.get("choices", []), variant["data"]["choices"], strict=False)
            ]
    return copy


class Module(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="modules")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    basic = models.BooleanField(
        _("part of the basic training"),
        default=False,
        help_text=_("The organisation can require the basic modules before someone's first share."),
    )
    published = models.BooleanField(_("published"), default=True)
    # For whom (roles.AUDIENCES); empty is everyone. A client does not make the team plan.
    audiences = models.JSONField(_("for"), default=list, blank=True)
    # The title and summary as a volunteer or a client reads them: {"volunteer": {"title": ..., "summary": ...}}.
    variants = models.JSONField(default=dict, blank=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="unique_module_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def is_for(self, audience):
        return not self.audiences or audience in self.audiences

    def for_audience(self, audience):
        """The module as this audience reads it: a copy with their title and summary, if written."""
        return _with_variant(self, self.variants.get(audience))


class Step(models.Model):
    """One step of a module. What a step holds depends on its kind (see `data`).

    lesson:    body (Markdown)
    question:  body = the statement or question; data = {"choices": [{"text", "correct", "feedback"}]}
    dilemma:   body = the situation; data = {"considerations": Markdown, "policy": the policy line}
    worksheet: body = the question; data = {"answer": text|choice|names|grade, "options": [...],
               "pick": how many to choose, "own": allow an own answer}
    """

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind of step"), max_length=20, choices=KINDS)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    # The post check rule this step explains; a finding of that rule links here.
    rule = models.CharField(_("post check rule"), max_length=50, blank=True)
    # The step as a volunteer or a client reads it: {"client": {"title", "body", "data": {"choices": ...}}};
    # what a variant leaves out is the same for everyone. Answers stay the same (a choice by its position).
    variants = models.JSONField(default=dict, blank=True)

    objects = OrganisationManager("module__organisation")

    class Meta:
        ordering = ["module", "order"]
        constraints = [models.UniqueConstraint(fields=["module", "order"], name="unique_step_order")]

    def __str__(self):
        return self.title

    @property
    def choices(self):
        return self.data.get("choices", [])

    def for_audience(self, audience):
        """The step as this audience reads it: a copy with their title, text and data, if written."""
        return _with_variant(self, self.variants.get(audience))

    @property
    def scored(self):
        return self.kind == QUESTION


class Answer(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answers")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(default=dict)
    correct = models.BooleanField(null=True)
    updated = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("person__organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "step"], name="one_answer_per_step")]

    def __str__(self):
        return f"answer {self.pk} to step {self.step_id}"
