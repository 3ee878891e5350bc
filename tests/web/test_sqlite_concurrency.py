"""The default SQLite database holds up when the web process and the worker write at the same time.

The test database is in memory and has one connection, so this runs tests/web/sqlite_writers.py in a
subprocess on the real settings with a file database in a temporary folder.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.database import in_the_sqlite_run_only

SCRIPT = Path(__file__).with_name("sqlite_writers.py")


@in_the_sqlite_run_only
def test_requests_and_the_worker_write_one_sqlite_file_without_locking(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "TASKS_BACKEND")}
    env.update(
        DJANGO_SETTINGS_MODULE="deelwijs.config.settings",
        DEELWIJS_VAR=str(tmp_path),
        DEBUG="true",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="ERROR",
    )
    script = subprocess.Popen(
        [sys.executable, str(SCRIPT)],
        env=env,
        cwd=SCRIPT.parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = script.communicate(timeout=240)
    finally:
        # The worker the script started is in its process group: never leave it running, even after a crash.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(script.pid, signal.SIGTERM)
    assert script.returncode == 0, err[-3000:]
    result = json.loads(out.strip().splitlines()[-1])
    assert result["journal_mode"] == "wal"
    assert result["errors"] == []
    assert result["accepted"] == result["people"] == result["invitations"]
    assert result["shares"] == result["shares_expected"]
    # Every task the enqueuer wrote is there and ran; some of them ran while the requests were writing.
    assert result["tasks"] == result["enqueued"] == result["tasks_successful"]
    assert result["tasks_failed"] == 0
    assert result["tasks_done_during_requests"] > 0
