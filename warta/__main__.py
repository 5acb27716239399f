"""`python -m warta` runs the same command as `warta`."""

from warta.cli import main

main()
