"""The `gradschool` command and `python -m gradschool …`: `cli.main`, once the packages it
needs have imported. An import that fails (another package called `autograd` found before
gradschool's, a missing dependency) is one line on stderr, not a traceback."""

import sys


def main() -> int:
    try:
        from gradschool.cli import main as cli_main
    except ImportError as error:
        print(f"gradschool: error: {error}", file=sys.stderr)
        return 1
    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
