"""wa-audit: offline audit of WhatsApp Business app chat exports."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("wa-audit")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"
