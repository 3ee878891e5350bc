"""What the PostgreSQL run leaves out, because its outcome cannot depend on the database.

CI runs tests/web and tests/security twice, on SQLite and on PostgreSQL. A test that writes
its own SQLite file in a subprocess, or checks a protocol whose database side other tests
cover, would only repeat itself on the second run.
"""

import pytest
from django.db import connection

ON_SQLITE = connection.vendor == "sqlite"

in_the_sqlite_run_only = pytest.mark.skipif(
    not ON_SQLITE, reason="does not depend on the test database: the SQLite run has it"
)

# The GET matrix repeats, for every URL and persona, what tests/web/test_access.py and test_tenancy.py
# already load on PostgreSQL: the statuses and the tenancy filter come from the same Python and ORM code.
loaded_on_postgres_by_the_access_tables = pytest.mark.skipif(
    not ON_SQLITE,
    reason="on PostgreSQL, tests/web/test_access.py and test_tenancy.py open the same pages for every role",
)
