"""Client data in a text that is not a post: a record that promises to hold none (the register of conversations).

Such a text describes a post that went wrong, so most of the post check does not apply to it: the tone, the
spelling, "op Facebook", and "a photo of a resident" (which asks for consent before posting, and is what the
record is about). What does apply is what makes a client recognisable: a name, a room number, a date of birth,
a BSN. Those block findings of the post check are the ones a record refuses; the check endpoint hands the same
ones to the live check of such a form (``purpose: "record"``).
"""

from deelwijs.guard import BLOCK, check

# The post check's rules that find a person who can be recognised (client_privacy, personal_data).
CLIENT_DATA_RULES = frozenset({"privacy.client", "privacy.known_person", "personal.identifier"})


def is_client_data(finding):
    return finding.severity == BLOCK and finding.rule in CLIENT_DATA_RULES


def client_data(text, policy, lang="nl"):
    """The findings that make a client recognisable in ``text``, in order; [] when there are none."""
    if not text.strip():
        return []
    return [f for f in check(text, "linkedin", policy, lang=lang).sorted_findings() if is_client_data(f)]
