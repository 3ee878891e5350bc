"""The post check runs in threaded servers (runserver, gunicorn --threads): checks at once must not crash."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# In a child process: if enchant is ever used from two threads at once again, the crash kills the child, not pytest.
CHECKS_IN_THREADS = """
import threading
from deelwijs.guard import Policy, check

texts = [
    "Mooi nieuws van ons team! Ik werk er met plezier bij de wijkverpleging.",
    "Vandaag met meneer Pietersen gewandeld in het park, wat een mooie dag",
    "Collega Marit de Groot is 25 jaar in dienst! Gefeliciteerd namens de afdeling.",
]
reports = []

def run(n):
    for i in range(40):
        reports.append(check(texts[(n + i) % 3] + f" {i}", "linkedin", Policy()))

threads = [threading.Thread(target=run, args=(n,)) for n in range(6)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(reports))
"""


def test_checks_in_several_threads_at_once_do_not_crash():
    done = subprocess.run(
        [sys.executable, "-c", CHECKS_IN_THREADS], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "240"
