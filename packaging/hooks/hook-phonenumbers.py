"""Replaces the contrib hook: the region metadata only. The offline geocoder, carrier and
time-zone tables (~40 MB) are not used (build_installer.spec also excludes them)."""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = (
    "phonenumbers.geo",
    "phonenumbers.carrier",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
)

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(UNUSED))
