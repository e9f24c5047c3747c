"""Check a built bundle: its size, and (Linux) that every shared library it needs is inside it
or is one that PyInstaller deliberately takes from the system (libc, GL, xcb: PyInstaller's
exclude list; those come from packages.apt where the bundle runs).

    python packaging/check_bundle.py dist/wa-audit [--max-mb N]

Prints the size in MB (10^6 bytes, apparent size) and the file count; exit 1 on a library that
is neither shipped nor allowed, or when the bundle is larger than --max-mb.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

SYSTEM_LIBS = re.compile(
    r"^(ld-linux.*|libc|libm|libdl|libpthread|librt|libresolv|libutil|libGL|libEGL|libOpenGL|"
    r"libGLX|libGLdispatch|libxcb(-[a-z0-9-]+)?|libX11-xcb)\.so(\.\d+)*$"
)


def bundle_size(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def unresolved_libraries(root: Path) -> dict[str, list[str]]:
    """NEEDED sonames that are neither shipped in the bundle nor allowed system libraries."""
    if not shutil.which("readelf"):
        raise SystemExit("readelf not found (Debian package binutils)")
    shipped = {p.name for p in root.rglob("*.so*")}
    needed: dict[str, list[str]] = {}
    for path in root.rglob("*"):
        if not path.is_file() or path.is_symlink() or not _is_elf(path):
            continue
        out = subprocess.run(
            ["readelf", "-d", str(path)], capture_output=True, text=True, check=False
        ).stdout
        for soname in re.findall(r"Shared library: \[([^\]]+)\]", out):
            if soname not in shipped and not SYSTEM_LIBS.match(soname):
                needed.setdefault(soname, []).append(str(path.relative_to(root)))
    return needed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--max-mb", type=float, default=0, help="fail above this size")
    args = parser.parse_args(argv)
    size, count = bundle_size(args.bundle)
    mb = size / 1e6
    print(f"bundle size: {mb:.0f} MB ({count} files) in {args.bundle}")
    rc = 0
    if args.max_mb and mb > args.max_mb:
        print(f"ERROR: bundle is larger than {args.max_mb:.0f} MB")
        rc = 1
    if sys.platform.startswith("linux"):
        missing = unresolved_libraries(args.bundle)
        for soname, users in sorted(missing.items()):
            print(f"ERROR: {soname} needed by {users[0]} is not in the bundle")
            rc = 1
        if not missing:
            print("shared libraries: all shipped, except libc/GL/xcb taken from the system")
    return rc


if __name__ == "__main__":
    sys.exit(main())
