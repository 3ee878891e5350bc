"""The `deelwijs` console script."""

import sys


def main():
    # Imported here so `deelwijs check` starts without loading anything else (cold start under 2 s).
    from deelwijs.guard.cli import main as guard_main

    sys.exit(guard_main(sys.argv[1:]))


if __name__ == "__main__":
    main()
