import pytest

from deelwijs.guard import Policy, check


def findings(text, platform="linkedin", policy=None, category=None, learned=True):
    report = check(text, platform, policy, learned=learned)
    return [f for f in report.findings if category is None or f.category == category]


def spans(text, category, platform="linkedin", policy=None, learned=True):
    return [text[f.start : f.end] for f in findings(text, platform, policy, category, learned)]


def flags(text, category, platform="linkedin", policy=None, learned=True):
    """learned=False: the rules alone, for tests of a rule the model might cover for."""
    return bool(findings(text, platform, policy, category, learned))


@pytest.fixture
def lindehof():
    return Policy.from_dict(
        {
            "organisation_names": ["Zorggroep Lindehof", "Lindehof"],
            "locations": ["De Linde", "Het Anker", "Klaverhof"],
            "public_contacts": [
                "088 450 12 00",
                "info@lindehof.nl",
                "www.lindehof.nl",
                "Stationsweg 12, 7311 AB Apeldoorn",
            ],
            "staff_names": ["Marit de Groot", "Sandra Visser"],
        }
    )
