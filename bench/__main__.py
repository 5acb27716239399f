"""Run every benchmark, or those named, each printing its figures beside a baseline.

    python -m bench [related] [images] [check] [listings] [build] [rebuild] [--option ...]

The names come first; everything from the first option on is handed to each benchmark run, so
an option's value (`--sizes 1000,10000`) is never taken for a benchmark's name.
"""

from __future__ import annotations

import importlib
import sys

# Each module has `main(argv: list[str]) -> None` and prints its figures.
BENCHES = {
    "related": "bench.related",
    "images": "bench.images",
    "check": "bench.check",
    "listings": "bench.listings",
    "build": "bench.build",
    "rebuild": "bench.rebuild",
}
# Options a benchmark gets when it runs as one of all (`make bench`), before any given ones:
# full builds of 100,000 stories and their baseline take an hour or more, so they are left to
# `make bench build`.
WHEN_ALL = {"build": ["--sizes", "1000,10000"]}


def main(argv: list[str]) -> int:
    first_option = next((i for i, arg in enumerate(argv) if arg.startswith("-")), len(argv))
    names, options = argv[:first_option], argv[first_option:]
    unknown = [name for name in names if name not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHES)}")
        return 2
    for name in names or list(BENCHES):
        print(f"\n== {name} ==", flush=True)
        defaults = [] if names else WHEN_ALL.get(name, [])
        importlib.import_module(BENCHES[name]).main([*defaults, *options])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
