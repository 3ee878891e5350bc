from django import template
from django.forms import BaseForm, BaseFormSet
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from deelwijs.common import dates

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def web_address(url):
    """The address when it is http(s), else nothing: a stored link is never rendered as javascript: or data:."""
    url = str(url or "")
    return url if url.lower().startswith(("http://", "https://")) else ""


def _has_errors(form):
    """Whether a form (or formset) was validated and came back with errors; never validates it here."""
    if not form.is_bound or form._errors is None:
        return False
    if isinstance(form, BaseFormSet):
        return form.total_error_count() > 0
    return bool(form._errors)


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """ "Fout: " before the title of a page whose form came back with errors, so the first thing a screen reader
    reads out (and the tab's name) says the form was not sent. The title is rendered before the form, so the page's
    context is searched for such a form rather than told by the form's template. Only after a POST: the bound forms
    of a GET are filters, which drop what does not parse and show the rest.
    """
    request = context.get("request")
    if request is None or request.method != "POST":
        return ""
    if any(isinstance(v, (BaseForm, BaseFormSet)) and _has_errors(v) for v in context.flatten().values()):
        return _("Error: ")
    return ""


@register.filter
def error_target(field):
    """The id an error summary links to: the field, or the first option of a group of radio buttons or boxes
    (the group itself cannot take focus; its first option does, and the legend is read out with it)."""
    if field.use_fieldset:
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.filter
def short_date(value, format="j M"):
    """{{ day|short_date }} gives "1 dec.", {{ moment|short_date:"j M Y H:i" }} "1 dec. 2026 17:29"."""
    return dates.short_date(value, format)


@register.simple_tag(takes_context=True)
def findings_by_rule(context, report):
    """{% findings_by_rule report as groups %}: a report's findings grouped by the policy line they come from,
    most severe first, so the line (and its lesson, from ``lessons`` in the context) shows once per group
    instead of under every finding. The learned layer's findings share the line of their category's rule and
    fall in the same group."""
    lessons = context.get("lessons") or {}
    groups = {}
    for finding in report.sorted_findings():
        group = groups.setdefault(
            finding.policy or finding.rule,
            {"policy": finding.policy, "severity": finding.severity, "findings": [], "lesson": ""},
        )
        group["findings"].append(finding)
        group["lesson"] = group["lesson"] or lessons.get(finding.rule, "")
    return list(groups.values())


@register.filter(is_safe=True)
def words(value, count):
    """The first words of a text and "…", joined by a no-break space: Django's truncatewords puts a plain space
    there, so in a narrow card the "…" wrapped onto a line of its own."""
    try:
        count = int(count)
    except (TypeError, ValueError):
        return value
    return Truncator(value).words(count, truncate="\u00a0…")
