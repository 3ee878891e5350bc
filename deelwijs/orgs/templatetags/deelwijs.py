from django import template

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
