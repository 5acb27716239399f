"""Warta's own signals, beside Pelican's: the seams where plugins add to a build's plan.

`site_listed(run)` is sent as soon as every file is read and the site's listings are made: work
that needs nothing more starts there, beside the rest of the planning (the search index).
`plan_site(run)` is sent once per build, after every file is read and checked and the site's
listings are made (newsroom_model), and before anything is written. Each plugin's receiver adds
its part to the run: related stories, photos, feeds and search, the pages' views. Receivers run
in the order of PLUGINS, so a plugin reads what the ones listed before it added.
`site_written(run)` is sent when a build has written everything.
`input_files(settings)` asks each plugin for the files and folders it reads besides the
settings, the content, the theme and Python code (the editor's bundle in node_modules): the
check that nothing changed since the last build looks at them too.
"""

from __future__ import annotations

from blinker import signal

site_listed = signal("warta_site_listed")
plan_site = signal("warta_plan_site")
site_written = signal("warta_site_written")
input_files = signal("warta_input_files")
