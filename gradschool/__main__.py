"""`python -m gradschool …`, the same as the `gradschool` command."""

import sys

from gradschool.cli import main

sys.exit(main())
