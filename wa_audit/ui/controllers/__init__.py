"""The window's flows, one small controller each; the window builds widgets and delegates.

workspace (open, create, rename, demo) · imports (files, owner) · audit (stored run, re-audit,
stop, settings, notes) · evidence (findings, paging, search, sort, CSV) · output (lists,
report export). Each keeps its state on the window (tests and the pages read it there) and
starts background work only through ui.background.op.
"""
