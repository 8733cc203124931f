"""`python -m cdthub …`: the same as the `cdthub` command."""

import sys

from cdthub.cli import main

sys.exit(main())
