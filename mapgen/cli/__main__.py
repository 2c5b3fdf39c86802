"""`python -m mapgen.cli`, as the benchmarks run it."""

import sys

from . import main

sys.exit(main())
