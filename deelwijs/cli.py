"""The `deelwijs` console script: `deelwijs check` (the post check) and `deelwijs check-image` (photos)."""

import sys


def main():
    argv = sys.argv[1:]
    if argv and argv[0] == "check-image":
        # Imported here: OpenCV and Tesseract load only for photos, so `deelwijs check` keeps its cold start.
        from deelwijs.photocheck.cli import main as photo_main

        sys.exit(photo_main(argv[1:]))
    # Imported here so `deelwijs check` starts without loading anything else (cold start under 2 s).
    from deelwijs.guard.cli import main as guard_main

    sys.exit(guard_main(argv))


if __name__ == "__main__":
    main()
