"""The post check runs in threaded servers (runserver, gunicorn --threads): checks at once must not crash."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# In a fresh child process, so the dictionaries are opened by the racing threads themselves, and if enchant
# is ever used from two threads at once again, the crash kills the child, not pytest.
CHECKS_IN_THREADS = """
import threading
from deelwijs.guard import Policy, check

texts = [
    "Mooi nieuws van ons team! Ik werk er met plezier bij de wijkverpleging.",
    "Vandaag met meneer Pietersen gewandeld in het park, wat een mooie dag",
    "Collega Marit de Groot is 25 jaar in dienst! Gefeliciteerd namens de afdeling.",
    "De code van de sleutelkluis is 4711, bel me op 06-12345678 als het niet lukt.",
    "Wat een vadnaag was het, de collegaas waren top.",
]
THREADS, ROUNDS = 16, 5
start = threading.Barrier(THREADS)
results, wrong = [], []

def summary(report):
    return sorted((f.category, f.start, f.end) for f in report.findings)

def run(n):
    for r in range(ROUNDS):
        start.wait()  # every thread checks at the same moment, each round
        text = texts[(n + r) % len(texts)]
        results.append((text, summary(check(text, "linkedin", Policy()))))

threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
# The same answers as one thread alone gives.
expected = {text: summary(check(text, "linkedin", Policy())) for text in texts}
wrong = [text for text, found in results if found != expected[text]]
print(len(results), len(wrong))
"""


def test_sixteen_checks_at_the_same_moment_in_a_fresh_process_neither_crash_nor_differ():
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", CHECKS_IN_THREADS], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.strip() == "80 0"
