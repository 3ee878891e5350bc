from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijs.common.forms import InputLimits
from deelwijs.orgs.roles import AUDIENCES, CLIENTS, VOLUNTEERS

from .models import CHOICE, DILEMMA, GRADE, NAMES, QUESTION, TEXT, WORKSHEET, Module


class StepForm(InputLimits, forms.Form):
    """The answer fields a step asks for; a lesson asks for none."""

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        answer = step.data.get("answer", TEXT)
        if step.kind == QUESTION:
            self.fields["choice"] = forms.ChoiceField(
                label=_("Your answer"),
                widget=forms.RadioSelect,
                choices=[(str(i), c["text"]) for i, c in enumerate(step.choices)],
                error_messages={"required": _("Choose an answer.")},
            )
        elif step.kind == DILEMMA:
            self.fields["text"] = forms.CharField(
                label=_("What would you do?"),
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"required": _("Write down what you would do first.")},
            )
        elif step.kind == WORKSHEET and answer == CHOICE:
            pick = step.data.get("pick", 1)
            self.fields["choices"] = forms.MultipleChoiceField(
                label=_("Choose %(n)s") % {"n": pick},
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(o, o) for o in step.data.get("options", [])],
            )
            if step.data.get("own"):
                self.fields["own"] = forms.CharField(label=_("Or your own answer"), required=False, max_length=300)
        elif step.kind == WORKSHEET and answer == NAMES:
            self.fields["names"] = forms.CharField(
                label=_("One name or handle per line"), widget=forms.Textarea(attrs={"rows": 5})
            )
        elif step.kind == WORKSHEET and answer == GRADE:
            self.fields["grade"] = forms.IntegerField(label=_("Grade (1–10)"), min_value=1, max_value=10)
            self.fields["because"] = forms.CharField(label=_("Because"), widget=forms.Textarea(attrs={"rows": 3}))
        elif step.kind == WORKSHEET:
            self.fields["text"] = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}))

    def clean(self):
        data = super().clean()
        if self.step.kind == WORKSHEET and self.step.data.get("answer") == CHOICE:
            pick = self.step.data.get("pick", 1)
            count = len(data.get("choices", [])) + (1 if data.get("own", "").strip() else 0)
            if count != pick:
                raise forms.ValidationError(_("Choose exactly %(n)s (your own answer counts as one).") % {"n": pick})
        return data


# The fields of a text as volunteers and as clients read it (Module.variants, Step.variants).
VARIANT_LABELS = {
    (VOLUNTEERS, "title"): _("Title for volunteers"),
    (VOLUNTEERS, "summary"): _("Summary for volunteers"),
    (VOLUNTEERS, "body"): _("Text for volunteers"),
    (CLIENTS, "title"): _("Title for clients"),
    (CLIENTS, "summary"): _("Summary for clients"),
    (CLIENTS, "body"): _("Text for clients"),
}


class AudienceTexts:
    """Optional fields for the texts volunteers and clients read instead: ``variant_fields`` names them, and
    each gets a volunteer_<name> and a client_<name> field."""

    variant_fields = ()

    def add_variant_fields(self):
        for audience in (VOLUNTEERS, CLIENTS):
            for name in self.variant_fields:
                model_field = self.instance._meta.get_field(name)
                self.fields[f"{audience}_{name}"] = forms.CharField(
                    label=VARIANT_LABELS[audience, name],
                    required=False,
                    max_length=model_field.max_length,
                    widget=forms.TextInput() if name == "title" else forms.Textarea(attrs={"rows": 3}),
                    initial=self.instance.variants.get(audience, {}).get(name, ""),
                    help_text=_("Leave empty to show them the same text as staff."),
                )

    def variants_from(self, data):
        variants = {audience: dict(texts) for audience, texts in (self.instance.variants or {}).items()}
        for audience in (VOLUNTEERS, CLIENTS):
            texts = variants.setdefault(audience, {})
            for name in self.variant_fields:
                value = (data.get(f"{audience}_{name}") or "").strip()
                if value:
                    texts[name] = value
                else:
                    texts.pop(name, None)
        return {audience: texts for audience, texts in variants.items() if texts}


class ModuleForm(AudienceTexts, InputLimits, forms.ModelForm):
    variant_fields = ("title", "summary")

    audiences = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=AUDIENCES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick nothing for everyone. A module for staff only is not shown to volunteers and clients."),
    )

    class Meta:
        from .models import Module

        model = Module
        fields = ["number", "title", "summary", "basic", "published", "audiences"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.add_variant_fields()

    def clean(self):
        data = super().clean()
        self.instance.variants = self.variants_from(data)
        return data

    def clean_number(self):
        number = self.cleaned_data["number"]
        if Module.objects.filter(number=number).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another module already has this number."))
        return number


ANSWER_TYPES = [
    (TEXT, _("Free text")),
    (CHOICE, _("Choice from a list")),
    (NAMES, _("List of names or handles")),
    (GRADE, _("Grade 1–10 with ‘because’")),
]


class StepEditForm(AudienceTexts, InputLimits, forms.ModelForm):
    """A step with its kind-specific content as plain fields instead of JSON."""

    variant_fields = ("title", "body")

    text_limits = {"body": 20_000, "considerations": 10_000}  # a lesson is a page of Markdown

    answers = forms.CharField(
        label=_("Answers (questions)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One answer per line: the answer, then | and the feedback. Start the right answer with *. "
            "For example: *Waar | Klopt, want ..."
        ),
    )
    considerations = forms.CharField(
        label=_("Considerations (dilemmas)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown."),
    )
    policy_line = forms.CharField(label=_("Policy line (dilemmas)"), required=False, max_length=300)
    answer_type = forms.ChoiceField(label=_("Kind of answer (worksheets)"), choices=ANSWER_TYPES, required=False)
    options = forms.CharField(
        label=_("Options (worksheets with a choice)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One option per line."),
    )
    pick = forms.IntegerField(label=_("How many to choose"), min_value=1, max_value=10, required=False)
    own = forms.BooleanField(label=_("Allow an own answer"), required=False)

    class Meta:
        from .models import Step

        model = Step
        fields = ["order", "kind", "title", "body", "rule"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"rule": _("Optional: the post check rule this step explains, e.g. privacy.client.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.instance.data or {}
        self.fields["answers"].initial = "\n".join(
            ("*" if c.get("correct") else "") + c["text"] + (f" | {c['feedback']}" if c.get("feedback") else "")
            for c in data.get("choices", [])
        )
        self.fields["considerations"].initial = data.get("considerations", "")
        self.fields["policy_line"].initial = data.get("policy", "")
        self.fields["answer_type"].initial = data.get("answer", TEXT)
        self.fields["options"].initial = "\n".join(data.get("options", []))
        self.fields["pick"].initial = data.get("pick", 1)
        self.fields["own"].initial = data.get("own", False)
        self.add_variant_fields()

    def clean_order(self):
        order = self.cleaned_data["order"]
        module = self.instance.module
        if module.steps.filter(order=order).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another step already has this position."))
        return order

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        keep = {
            k: v
            for k, v in (self.instance.data or {}).items()
            if k in ("show_policy", "show_accounts", "show_team", "plan")
        }
        if kind == QUESTION:
            choices = []
            for line in (data.get("answers") or "").splitlines():
                if not line.strip():
                    continue
                text, _sep, feedback = line.partition("|")
                correct = text.strip().startswith("*")
                choices.append(
                    {"text": text.strip().lstrip("*").strip(), "correct": correct, "feedback": feedback.strip()}
                )
            if len(choices) < 2 or sum(c["correct"] for c in choices) != 1:
                self.add_error("answers", _("Give at least two answers, exactly one of them marked with *."))
            keep["choices"] = choices
        elif kind == DILEMMA:
            if not (data.get("considerations") or "").strip():
                self.add_error("considerations", _("A dilemma needs the considerations shown after the answer."))
            keep.update(considerations=data.get("considerations", ""), policy=data.get("policy_line", ""))
        elif kind == WORKSHEET:
            keep["answer"] = data.get("answer_type") or TEXT
            if keep["answer"] == CHOICE:
                options = [o.strip() for o in (data.get("options") or "").splitlines() if o.strip()]
                if len(options) < 2:
                    self.add_error("options", _("Give at least two options."))
                keep.update(options=options, pick=data.get("pick") or 1, own=data.get("own", False))
        self.instance.data = keep
        # The starting set's worded answers for volunteers and clients stay; the titles and texts are edited here.
        self.instance.variants = self.variants_from(data)
        return data
