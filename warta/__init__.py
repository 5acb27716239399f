"""Warta's core, shared by every plugin; the `warta` command stands above it in `warta.commands`."""
