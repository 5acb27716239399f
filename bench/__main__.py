"""Run every benchmark, or those named: `python -m bench [related] [images] [check] [listings]`."""

from __future__ import annotations

import importlib
import sys

# Each module has `main(argv: list[str]) -> None` and prints its figures.
BENCHES = {
    "related": "bench.related",
    "images": "bench.images",
    "check": "bench.check",
    "listings": "bench.listings",
}


def main(argv: list[str]) -> int:
    names = [name for name in argv if not name.startswith("-")] or list(BENCHES)
    options = [arg for arg in argv if arg.startswith("-")]
    unknown = [name for name in names if name not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHES)}")
        return 2
    for name in names:
        print(f"\n== {name} ==", flush=True)
        importlib.import_module(BENCHES[name]).main(options)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
