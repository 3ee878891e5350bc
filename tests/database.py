"""Marks for tests whose outcome cannot depend on the test database.

CI runs tests/web and tests/security twice, on SQLite and on PostgreSQL. A test that writes
its own SQLite file in a subprocess, or checks a protocol whose database side other tests
cover, would only repeat itself on the second run.
"""

import pytest
from django.db import connection

in_the_sqlite_run_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="does not depend on the test database: the SQLite run has it"
)
