"""Build the sample site and score its home, article and desk pages: `python -m audit`."""

from __future__ import annotations

import sys

from audit.lighthouse import main

if __name__ == "__main__":
    sys.exit(main())
