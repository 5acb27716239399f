"""Warta: the newsroom's command line around a Pelican site (`warta new`, `check`, `serve`)."""
