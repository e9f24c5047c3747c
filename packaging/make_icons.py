"""Render the app icon SVG to the formats each platform's packager wants.

    python packaging/make_icons.py OUT_DIR

renders resources/icons/app.svg (the window icon) and writes OUT_DIR/wa-audit.png (256 px, for
the Linux .desktop file), wa-audit.ico (Windows, PNG entries 16-256 px) and wa-audit.icns
(macOS, PNG entries 16-1024 px). Qt renders the SVG and the two containers are written by hand,
so no Pillow or iconutil is needed on any build host.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The window icon the UI uses; packaging's own copy only if that one is missing.
APP_SVG = ROOT / "resources" / "icons" / "app.svg"
FALLBACK_SVG = Path(__file__).resolve().parent / "icons" / "wa-audit.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types that take PNG data, by pixel size (retina types reuse the larger sizes).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot render {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """ICO with PNG-compressed entries (valid since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        png = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(out_dir: Path, svg: Path | None = None) -> dict[str, Path]:
    if svg is None:
        svg = APP_SVG if APP_SVG.exists() else FALLBACK_SVG
        if svg == FALLBACK_SVG:
            print(f"WARNING: {APP_SVG} missing, using {FALLBACK_SVG}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(ICO_SIZES) | {s for _, s in ICNS_TYPES})
    pngs = {size: render_png(svg, size) for size in sizes}
    paths = {
        "png": out_dir / "wa-audit.png",
        "ico": out_dir / "wa-audit.ico",
        "icns": out_dir / "wa-audit.icns",
    }
    paths["png"].write_bytes(pngs[256])
    paths["ico"].write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    paths["icns"].write_bytes(icns_bytes(pngs))
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_icons.py OUT_DIR")
    for path in make_icons(Path(sys.argv[1])).values():
        print(path)
