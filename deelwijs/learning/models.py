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

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="unique_module_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"


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

    objects = OrganisationManager("module__organisation")

    class Meta:
        ordering = ["module", "order"]
        constraints = [models.UniqueConstraint(fields=["module", "order"], name="unique_step_order")]

    def __str__(self):
        return self.title

    @property
    def choices(self):
        return self.data.get("choices", [])

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
