"""`python -m warta` runs the same command as `warta`."""

from warta.commands.cli import main

main()
