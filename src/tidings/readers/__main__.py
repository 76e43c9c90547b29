"""`python -m tidings.readers [PATTERN_FILE...] [--agencies AGENCY_FILE...]`: check data files
(the bundled ones when none is given); prints each problem as file:line, exits 1 if any."""

import sys

from .boilerplate import main

sys.exit(main(sys.argv[1:]))
