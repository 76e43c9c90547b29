"""`python -m tidings.readers [FILE...]`: check boilerplate pattern files (the bundled one
when no file is given); prints each problem as file:line and exits 1 if there is any."""
import sys

from .boilerplate import main

sys.exit(main(sys.argv[1:]))
