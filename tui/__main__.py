"""`python -m tui` runs the storydiff command."""

import sys

from tui.cli import main

sys.exit(main())
