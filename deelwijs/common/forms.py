"""Form helpers shared by the apps."""

from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from deelwijs.guard import MAX_TEXT


class PostLengthValidator(MaxLengthValidator):
    message = _(
        "This text has %(show_value)s characters; the post check reads at most %(limit_value)s. "
        "No post is this long: keep only the text of the post."
    )


def cap_post_text(field):
    """Cap a form field whose text goes through the post check at the check's maximum.

    A longer text gets a form error, so it is never saved and the check is never run on it.
    """
    field.max_length = MAX_TEXT
    field.validators.append(PostLengthValidator(MAX_TEXT))
    field.widget.attrs["maxlength"] = str(MAX_TEXT)
    return field
