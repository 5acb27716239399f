"""Warta: the newsroom's command line around a Pelican site (`warta check`, `warta new`)."""
