import pytest

from deelwijs.guard import Policy, check


def findings(text, platform="linkedin", policy=None, category=None):
    report = check(text, platform, policy)
    return [f for f in report.findings if category is None or f.category == category]


def spans(text, category, platform="linkedin", policy=None):
    return [text[f.start : f.end] for f in findings(text, platform, policy, category)]


def flags(text, category, platform="linkedin", policy=None):
    return bool(findings(text, platform, policy, category))


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
