from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CHOICE, DILEMMA, GRADE, NAMES, QUESTION, TEXT, WORKSHEET


class StepForm(forms.Form):
    """The answer fields a step asks for; a lesson asks for none."""

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        answer = step.data.get("answer", TEXT)
        if step.kind == QUESTION:
            self.fields["choice"] = forms.ChoiceField(
                label=_("Your answer"), widget=forms.RadioSelect,
                choices=[(str(i), c["text"]) for i, c in enumerate(step.choices)],
                error_messages={"required": _("Choose an answer.")})
        elif step.kind == DILEMMA:
            self.fields["text"] = forms.CharField(label=_("What would you do?"), widget=forms.Textarea(attrs={"rows": 4}),
                                                  error_messages={"required": _("Write down what you would do first.")})
        elif step.kind == WORKSHEET and answer == CHOICE:
            pick = step.data.get("pick", 1)
            self.fields["choices"] = forms.MultipleChoiceField(
                label=_("Choose %(n)s") % {"n": pick}, required=False, widget=forms.CheckboxSelectMultiple,
                choices=[(o, o) for o in step.data.get("options", [])])
            if step.data.get("own"):
                self.fields["own"] = forms.CharField(label=_("Or your own answer"), required=False, max_length=300)
        elif step.kind == WORKSHEET and answer == NAMES:
            self.fields["names"] = forms.CharField(label=_("One name or handle per line"),
                                                   widget=forms.Textarea(attrs={"rows": 5}))
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
