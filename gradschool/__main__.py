"""`python -m gradschool …` and the `gradschool` command (`entry`)."""

import sys

from gradschool import interrupts


def entry() -> None:
    """Run the command and exit with its status. Ctrl-C is handled from the first line on
    (also while Python loads numpy and the packages, which takes a moment): one line,
    exit status 130, never a traceback. An import that fails (another package called
    `autograd` found before gradschool's, a missing dependency) is one line too."""
    interrupts.install()  # for the whole process: nothing runs after the command
    try:
        from gradschool.cli import main

        status = main()
    except KeyboardInterrupt:
        print("gradschool: interrupted", file=sys.stderr)
        status = 130
    except ImportError as error:
        if interrupts.happened():  # a Ctrl-C that C code turned into an ImportError
            print("gradschool: interrupted", file=sys.stderr)
            status = 130
        else:
            print(f"gradschool: error: {error}", file=sys.stderr)
            status = 1
    sys.exit(status)


if __name__ == "__main__":
    entry()
