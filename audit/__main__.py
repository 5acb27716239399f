"""Build the sample site and audit it as readers see it: `python -m audit` (`make audit`)."""

from __future__ import annotations

import sys

from audit.lighthouse import main

if __name__ == "__main__":
    sys.exit(main())
