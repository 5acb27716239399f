"""The commands a newsroom runs (`warta` and its subcommands), above the plugins they drive.

The rest of `warta` is the core every plugin may import; nothing in it imports this package or a
plugin, and no plugin imports this package (`tests/test_floors.py` holds both).
"""
