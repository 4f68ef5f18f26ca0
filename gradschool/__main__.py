"""`python -m gradschool …` and the `gradschool` command (`entry`)."""

import sys

from gradschool import interrupts


def entry() -> None:
    """Run the command and exit with its status. Ctrl-C is handled from the first line on
    (also while Python loads numpy and the packages, which takes a moment): one line,
    exit status 130, never a traceback."""
    interrupts.install()  # for the whole process: nothing runs after the command
    try:
        from gradschool.cli import main

        status = main()
    except Exception:
        if not interrupts.happened():
            raise
        print("gradschool: interrupted", file=sys.stderr)  # a Ctrl-C that C code turned
        status = 130  # into an ImportError while gradschool.cli was loading
    except KeyboardInterrupt:
        print("gradschool: interrupted", file=sys.stderr)
        status = 130
    sys.exit(status)


if __name__ == "__main__":
    entry()
