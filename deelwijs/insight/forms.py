from django import forms
from django.utils import timezone

from deelwijs.orgs.forms import FilterForm

from . import figures


class LeaderboardFilter(FilterForm):
    """One of the periods on offer; anything else (a year 0, a quarter 5) is the current one."""

    period = forms.ChoiceField(required=False)

    def __init__(self, data):
        super().__init__(data)
        self.fields["period"].choices = figures.period_choices(timezone.localdate())
        self.fields["period"].initial = self.fields["period"].choices[0][0]
