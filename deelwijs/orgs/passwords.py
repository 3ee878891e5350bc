"""Django's password validators with every message in Dutch.

Django 5.2 reworded the message of its minimum length ("%d" where it had "%(min_length)d") and its Dutch
catalogue still translates the old wording, so people saw "This password is too short" in English. This
one says it with a message from our own catalogue.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
