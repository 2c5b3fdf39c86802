"""`python -m mapgen`, the same as the `mapgen` command."""

import sys

from .cli import main

sys.exit(main())
