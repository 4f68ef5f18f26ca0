"""`python -m gradschool …` and the `gradschool` command (`entry`)."""

import sys


def entry() -> None:
    """Run the command and exit with its status. The import of the command line is inside
    the `try`, so a Ctrl-C while Python loads it is one line too, as it is later (where
    `main` handles it)."""
    try:
        from gradschool.cli import main

        status = main()
    except KeyboardInterrupt:
        print("gradschool: interrupted", file=sys.stderr)
        status = 130
    sys.exit(status)


if __name__ == "__main__":
    entry()
