"""An ``in`` lookup on integer columns that ignores values the column cannot hold.

Django drops an out-of-range integer in ``exact``, ``gt`` and ``lt`` (ticket #27397) but not in ``in``: a
20-digit id posted to a multiple choice (an account's owners, a team's members) raised OverflowError on SQLite,
a 500, and on PostgreSQL it turned into a cast of the whole column. No row has such an id, so it matches nothing.
Registered for every integer field (ids included) by deelwijs.orgs.apps.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerFieldIn)
