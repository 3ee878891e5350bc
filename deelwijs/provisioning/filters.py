"""SCIM filters (RFC 7644 §3.4.2.2) and sortBy to Django queries, with scim2-filter-parser.

The library's transpiler leaves out a comparison on an attribute it has no column for, which would turn
``title eq "x"`` into "everyone". Here such a filter is refused (invalidFilter), as is any filter the parser
cannot read. String comparisons ignore case, except on the attributes SCIM calls caseExact (id,
externalId), which compare exactly.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from scim2_filter_parser.lexer import SCIMLexer
from scim2_filter_parser.parser import SCIMParser
from scim2_filter_parser.transpilers.django_q_object import Transpiler
from scim2_models import InvalidFilterException, InvalidValueException

from .resources import GROUP_SCHEMA, USER_SCHEMA


def _columns(schema, columns):
    """The parser's attribute map: (attribute, sub-attribute, schema URN) -> column, with and without the URN."""
    mapped = {}
    for (attribute, sub_attribute), column in columns.items():
        mapped[(attribute, sub_attribute, None)] = column
        mapped[(attribute, sub_attribute, schema)] = column
    return mapped


USER_COLUMNS = _columns(
    USER_SCHEMA,
    {
        ("id", None): "scim_id",
        ("externalId", None): "external_id",
        ("userName", None): "user_name",
        ("displayName", None): "display_name",
        ("name", "givenName"): "given_name",
        ("name", "familyName"): "family_name",
        ("active", None): "person__is_active",
        ("meta", "created"): "created",
        ("meta", "lastModified"): "modified",
    },
)
GROUP_COLUMNS = _columns(
    GROUP_SCHEMA,
    {
        ("id", None): "scim_id",
        ("externalId", None): "external_id",
        ("displayName", None): "team__name",
        ("members", "value"): "team__members__provisioned__scim_id",
        ("members", None): "team__members__provisioned__scim_id",
        ("meta", "created"): "created",
        ("meta", "lastModified"): "modified",
    },
)
CASE_EXACT = {"scim_id", "external_id", "team__members__provisioned__scim_id"}
TEXT = {"scim_id", "external_id", "user_name", "display_name", "given_name", "family_name", "team__name"}


class _StrictTranspiler(Transpiler):
    def visit_AttrPath(self, node):
        column = super().visit_AttrPath(node)
        if column is None:
            raise InvalidFilterException(detail=f"Deelwijs cannot filter on {node.attr_name}")
        return column

    def visit_AttrExpr(self, node):
        query = super().visit_AttrExpr(node)
        if query is None or not isinstance(query, Q) or len(query.children) != 1:
            return query
        # One comparison: make it exact on caseExact attributes, and "present" mean "has a value".
        (key, value), negated = query.children[0], query.negated
        column, _separator, lookup = key.rpartition("__")
        if column in CASE_EXACT and lookup in ("iexact", "icontains", "istartswith", "iendswith"):
            lookup = lookup[1:]
        query = Q(**{f"{column}__{lookup}": value})
        if lookup == "isnull" and column in TEXT:
            query &= ~Q(**{column: ""})
        return ~query if negated else query


def query(text, columns):
    """The Q of a SCIM filter; InvalidFilterException when it cannot be read or names an unknown attribute."""
    try:
        tree = SCIMParser().parse(SCIMLexer().tokenize(text))
        found = _StrictTranspiler(columns).transpile(tree)
    except InvalidFilterException:
        raise
    except Exception as e:
        # The parser and its lexer raise several kinds of error on bad input (and return None for some).
        raise InvalidFilterException(detail="The filter cannot be read.") from e
    if not isinstance(found, Q):
        raise InvalidFilterException(detail="The filter cannot be read.")
    return found


def apply(queryset, text, columns):
    """The queryset with the SCIM filter applied; a value that does not fit its column (a date, a boolean) is
    refused (Django converts the values when the query is built)."""
    try:
        found = queryset.filter(query(text, columns))
    except (ValidationError, ValueError, TypeError) as e:
        raise InvalidFilterException(detail="A value in the filter does not fit its attribute.") from e
    return found.distinct() if any("__" in column for column in columns.values()) else found


def page(queryset, start_index, count):
    """(total, rows) of one page, counted from 1 as SCIM does."""
    total = queryset.count()
    return total, list(queryset[start_index - 1 : start_index - 1 + count]) if count else []


def order(queryset, sort_by, sort_order, columns):
    """The queryset in the order sortBy and sortOrder ask (RFC 7644 §3.4.2.3), creation order without sortBy."""
    if not sort_by:
        return queryset
    by_name = {
        ".".join(part for part in (attribute, sub_attribute) if part).lower(): column
        for (attribute, sub_attribute, schema), column in columns.items()
        if schema is None and "__" not in column
    }
    column = by_name.get(sort_by.rpartition(":")[2].lower() if sort_by.lower().startswith("urn:") else sort_by.lower())
    if column is None:
        raise InvalidValueException(detail=f"Deelwijs cannot sort on {sort_by}")
    descending = (sort_order or "ascending").lower() == "descending"
    return queryset.order_by(f"-{column}" if descending else column, "pk")
