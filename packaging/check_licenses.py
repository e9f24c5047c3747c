"""Check the licences and notices in a built bundle (run by scripts/build_bundle.sh).

    python packaging/check_licenses.py dist/wa-audit          (Linux, Windows)
    python packaging/check_licenses.py dist/wa-audit.app      (macOS)

Independent of how they were collected, it reads what the bundle holds and checks that:
- THIRD-PARTY-NOTICES.txt, LICENSE (wa-audit's own, MIT) and licenses/components.json are there;
- every component in components.json has its licence files, none empty, and is in the notices;
- every shared library file in the bundle belongs to a listed component, and every
  *.dist-info folder in the bundle is a listed component;
- Qt: the LGPL-3.0 and GPL-3.0 texts are there, the notice says that wa-audit uses Qt, where its
  source is and that the Qt libraries may be replaced, and those libraries are separate files.
Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

NOTICES = "THIRD-PARTY-NOTICES.txt"
SHARED_LIBRARY = re.compile(r"\.(so(\.\d+)*|dll|dylib|pyd)$", re.I)
QT_NAMES = {"pyside6-essentials", "shiboken6"}
QT_CORE = re.compile(r"^(libQt6Core\.so\.6|Qt6Core\.dll|QtCore)$")
QT_NOTICE_PHRASES = (
    "wa-audit uses the Qt",
    "GNU Lesser General Public License",
    "source code is available at",
    "You may replace them",
    "separate file",
)


def data_root(bundle: Path) -> Path:
    """Where PyInstaller put the data files: _internal (one-folder) or Contents/Resources (.app)."""
    for candidate in (bundle / "_internal", bundle / "Contents" / "Resources", bundle):
        if (candidate / NOTICES).is_file():
            return candidate
    return bundle / "_internal"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def check(bundle: Path) -> list[str]:
    root = data_root(bundle)
    notices_path = root / NOTICES
    manifest_path = root / "licenses" / "components.json"
    problems = [
        f"missing {p}" for p in (notices_path, root / "LICENSE", manifest_path) if not p.is_file()
    ]
    if problems:
        return problems
    notices = notices_path.read_text("utf-8")
    if "MIT License" not in (root / "LICENSE").read_text("utf-8"):
        problems.append("LICENSE is not wa-audit's MIT licence")
    components = json.loads(manifest_path.read_text("utf-8"))
    listed_libraries: set[str] = set()
    names = set()
    for comp in components:
        names.add(_norm(comp["name"]))
        listed_libraries.update(Path(lib).name for lib in comp["libraries"])
        if not comp["files"]:
            problems.append(f"{comp['name']} {comp['version']}: no licence file")
        for name in comp["files"]:
            path = root / comp["folder"] / name
            if not path.is_file() or not path.read_text("utf-8", errors="replace").strip():
                problems.append(f"{comp['name']}: licence file {path.relative_to(root)} missing")
        if f"{comp['name']} {comp['version']}" not in notices:
            problems.append(f"{comp['name']} {comp['version']} is not in {NOTICES}")
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if SHARED_LIBRARY.search(path.name) and path.name not in listed_libraries:
            problems.append(f"shared library {path.relative_to(bundle)} has no listed licence")
    for info in sorted(bundle.rglob("*.dist-info")):
        dist = _norm(info.name.removesuffix(".dist-info").rsplit("-", 1)[0])
        if dist not in names and dist != "wa-audit":
            problems.append(f"{info.name} is in the bundle but not in the licences")
    problems += _check_qt(bundle, components, notices)
    return problems


def _check_qt(bundle: Path, components: list[dict], notices: str) -> list[str]:
    qt = [c for c in components if _norm(c["name"]) in QT_NAMES]
    if not qt:
        return ["no Qt/PySide6 component in the licences"]
    problems = []
    for comp in qt:
        if not {"LGPL-3.0.txt", "GPL-3.0.txt"} <= set(comp["files"]) and not any(
            "LESSER GENERAL PUBLIC LICENSE" in name.upper() for name in comp["files"]
        ):
            problems.append(f"{comp['name']}: the LGPL-3.0 and GPL-3.0 texts are not there")
    if (
        "GNU LESSER GENERAL PUBLIC LICENSE" not in notices
        or "Version 3, 29 June 2007" not in notices
    ):
        problems.append(f"{NOTICES} lacks the text of the LGPL-3.0")
    problems += [f"the Qt notice lacks '{p}'" for p in QT_NOTICE_PHRASES if p not in notices]
    real = (p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    if not any(QT_CORE.match(p.name) for p in real):
        problems.append("the Qt core library is not a separate file in the bundle")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle", type=Path)
    args = parser.parse_args(argv)
    problems = check(args.bundle)
    for problem in problems:
        print(f"ERROR: licences: {problem}")
    if not problems:
        root = data_root(args.bundle)
        count = len(json.loads((root / "licenses" / "components.json").read_text("utf-8")))
        size = (root / NOTICES).stat().st_size // 1000
        print(
            f"licences: {count} components, each with its licence text; Qt LGPL notice present;"
            f" {NOTICES} {size} KB"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
