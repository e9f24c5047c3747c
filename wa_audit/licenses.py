"""Third-party licences: which software wa-audit ships, under which licence, with its full text.

Collected, never hand-kept: each component's licence comes from the installed package's own
metadata and licence files (``importlib.metadata``: the ``License-Expression``/``License`` fields,
the ``License-File`` entries and the licence, copying and NOTICE files listed in its RECORD).

- At build time, ``build_installer.spec`` hands ``collect_bundle()`` every file PyInstaller puts
  into the bundle; each file is traced to the distribution that installed it (its RECORD), to the
  Python installation, to the project itself or (Linux) to the Debian package that owns it
  (``dpkg -S`` and that package's ``/usr/share/doc/<package>/copyright``). The build fails when a
  file cannot be traced or a component has no licence text (``LicenceError``).
- ``write()`` puts them into the bundle: ``licenses/<component>/...``, one
  ``THIRD-PARTY-NOTICES.txt`` with every text, and ``licenses/components.json`` for the checks.
- ``wa-audit --licenses`` prints the shipped notices; run from source (no bundle) it collects them
  from the installed environment: wa-audit's dependencies, recursively, and Python.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from wa_audit import __version__

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
SUPPLEMENTS_DIR = PACKAGE_DIR / "data" / "licenses"
NOTICES_NAME = "THIRD-PARTY-NOTICES.txt"
LICENSES_DIR = "licenses"
MANIFEST_NAME = "components.json"
LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT|AUTHORS)([._-].*)?$", re.I)
SHARED_LIBRARY = re.compile(r"\.(so(\.\d+)*|dll|dylib|pyd)$", re.I)
QT_DISTRIBUTIONS = ("pyside6-essentials", "shiboken6")
QT_OWN = ("libqt", "libpyside", "libshiboken")
QT_SOURCE = "https://download.qt.io/official_releases/QtForPython/ and https://code.qt.io/"


class LicenceError(Exception):
    """A bundled component cannot be traced to its licence text."""


@dataclass
class Component:
    name: str
    version: str
    licence: str
    kind: str  # "python package", "Python", "wa-audit", "system library"
    texts: dict[str, str] = field(default_factory=dict)  # file name -> text
    homepage: str = ""
    note: str = ""
    libraries: list[str] = field(default_factory=list)  # shared libraries in the bundle

    @property
    def folder(self) -> str:
        return re.sub(r"[^A-Za-z0-9._+-]", "_", f"{self.name}-{self.version}")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _supplements() -> dict[str, dict]:
    with (SUPPLEMENTS_DIR / "supplements.toml").open("rb") as f:
        return {_norm(k): v for k, v in tomllib.load(f).items()}


def _read(path: Path) -> str:
    return path.read_text("utf-8", errors="replace")


def _declared(meta: metadata.PackageMetadata) -> str:
    expression = meta.get("License-Expression") or ""
    if expression:
        return expression
    licence = (meta.get("License") or "").strip()
    if licence and "\n" not in licence and len(licence) < 120:
        return licence
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if classifiers:
        return " / ".join(classifiers)
    return licence.splitlines()[0] if licence else "not declared"


def _homepage(meta: metadata.PackageMetadata) -> str:
    for url in meta.get_all("Project-URL") or []:
        label, _, link = url.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "source code"):
            return link.strip()
    return meta.get("Home-page") or ""


def distribution_texts(dist: metadata.Distribution) -> dict[str, str]:
    """The licence, copying and NOTICE files a distribution installed, by relative name."""
    texts: dict[str, str] = {}
    for entry in dist.metadata.get_all("License-File") or []:
        for candidate in (f"licenses/{entry}", entry):  # PEP 639 folder, then older wheels
            text = dist.read_text(candidate)
            if text is not None:
                texts[entry] = text
                break
    for file in dist.files or []:
        name = file.name
        if LICENCE_FILE.match(name) and not name.endswith((".py", ".pyc", ".pyi")):
            key = file.as_posix().split(".dist-info/", 1)[-1].removeprefix("licenses/")
            if key not in texts:
                path = Path(str(file.locate()))
                if path.is_file():
                    texts[key] = _read(path)
    return {k: v for k, v in texts.items() if v.strip()}


def python_component() -> Component:
    """The Python interpreter and standard library (libpython, lib-dynload, base_library.zip)."""
    version = ".".join(map(str, sys.version_info[:3]))
    base = Path(sys.base_prefix)
    short = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = [
        base / "LICENSE.txt",  # Windows (with the third-party licences of its DLLs appended)
        base / "lib" / short / "LICENSE.txt",  # python.org macOS, pyenv, setup-python on Linux
        Path(sys.prefix) / "lib" / short / "LICENSE.txt",
        Path("/usr/share/doc") / short / "copyright",  # Debian's python3.x
    ]
    found = next((p for p in candidates if p.is_file()), None)
    texts = {found.name: _read(found)} if found else {}
    return Component("Python", version, "PSF-2.0", "Python", texts, "https://www.python.org/")


def _python_prefixes() -> tuple[str, ...]:
    """Where the interpreter's own files live (a system Python shares /usr with everything)."""
    base = _key(sys.base_prefix)
    if base in (_key("/usr"), _key("/usr/local")):
        short = f"python{sys.version_info[0]}.{sys.version_info[1]}"
        lib = os.path.join(base, "lib")
        return (os.path.join(lib, short) + os.sep, os.path.join(lib, "lib" + short))
    return (base + os.sep,)


def project_component() -> Component:
    """wa-audit itself (MIT): the LICENSE file at the repository root or next to the bundle."""
    texts = {}
    for path in (
        PROJECT_ROOT / "LICENSE",
        Path(getattr(sys, "_MEIPASS", PROJECT_ROOT)) / "LICENSE",
    ):
        if path.is_file():
            texts = {"LICENSE": _read(path)}
            break
    return Component("wa-audit", __version__, "MIT", "wa-audit", texts)


def python_package(dist: metadata.Distribution) -> Component:
    meta = dist.metadata
    name = meta["Name"]
    comp = Component(
        name,
        dist.version,
        _declared(meta),
        "python package",
        distribution_texts(dist),
        _homepage(meta),
    )
    extra = _supplements().get(_norm(name))
    if not comp.texts and extra:
        if extra["declared"] not in (meta.get("License-Expression") or meta.get("License") or ""):
            raise LicenceError(
                f"{name} {dist.version} no longer declares {extra['declared']}: "
                "check its licence and wa_audit/data/licenses/supplements.toml"
            )
        comp.texts = {f: _read(SUPPLEMENTS_DIR / f) for f in extra["files"]}
        comp.licence = extra["declared"]
        comp.note = extra["why"]
    return comp


# --- what is in the bundle, traced to where it came from ----------------------------------------


def _key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def file_index() -> dict[str, metadata.Distribution]:
    """Every file that an installed distribution's RECORD lists, by absolute path."""
    index: dict[str, metadata.Distribution] = {}
    for dist in metadata.distributions():
        base = str(dist.locate_file(""))
        for file in dist.files or []:
            index.setdefault(_key(os.path.join(base, file)), dist)
    return index


def _debian_package(path: str) -> str | None:
    if not shutil.which("dpkg"):
        return None
    for candidate in dict.fromkeys((path, os.path.realpath(path))):
        out = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if out.returncode == 0:
            return out.stdout.split(":", 1)[0].strip()
    # merged /usr: dpkg knows /lib/x86_64-linux-gnu/libz.so.1, the loader reports /usr/lib/...
    if path.startswith("/usr/lib/"):
        return _debian_package(path.removeprefix("/usr"))
    return None


def _debian_component(package: str) -> Component:
    version = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=False
    ).stdout.strip()
    copyright_file = Path("/usr/share/doc") / package.split(":")[0] / "copyright"
    texts = {"copyright": _read(copyright_file)} if copyright_file.is_file() else {}
    text = texts.get("copyright", "")
    # Machine-readable (DEP-5) copyright files name each licence in "License:" lines.
    dep5 = text.startswith("Format:")
    licences = sorted(set(re.findall(r"^License:\s*(\S+)\s*$", text, re.M))) if dep5 else []
    return Component(
        package.split(":")[0],
        version,
        " AND ".join(licences) or "see its copyright file",
        "system library",
        texts,
        note="Taken from the build machine's Debian/Ubuntu package of the same name.",
    )


def collect_bundle(
    entries: list[tuple[str, str]], extra_distributions: tuple[str, ...] = ("pyinstaller",)
) -> list[Component]:
    """Components of a bundle from PyInstaller's (name in the bundle, source path) entries."""
    index: dict[str, metadata.Distribution] = {}
    if any(src and os.path.isfile(src) for _dest, src in entries):
        index = file_index()  # a few seconds: every installed file
    python_prefixes = _python_prefixes()
    root = _key(str(PROJECT_ROOT)) + os.sep
    by_dist: dict[str, Component] = {}
    python, project = python_component(), project_component()
    system: dict[str, Component] = {}
    untraced: list[str] = []
    for dest, src in entries:
        if not src or not os.path.isfile(src):
            continue  # symlinks PyInstaller recreates, generated archives
        key = _key(src)
        dist = index.get(key) or index.get(_key(os.path.realpath(src)))
        if dist is not None and _norm(dist.metadata["Name"]) == "wa-audit":
            comp = project  # installed from this source tree (pip install .)
        elif dist is not None:
            name = dist.metadata["Name"]
            comp = by_dist.get(name) or by_dist.setdefault(name, python_package(dist))
        elif key.startswith(root) and "site-packages" not in key:
            comp = project
        elif key.startswith(python_prefixes) or _key(os.path.realpath(src)).startswith(
            python_prefixes
        ):
            comp = python
        else:
            package = _debian_package(src) if sys.platform.startswith("linux") else None
            if package is None:
                untraced.append(f"{dest} (from {src})")
                continue
            comp = system.get(package) or system.setdefault(package, _debian_component(package))
        if SHARED_LIBRARY.search(dest):
            comp.libraries.append(dest.replace("\\", "/"))
    for name in extra_distributions:  # e.g. PyInstaller's bootloader: the program file itself
        dist = metadata.distribution(name)
        by_dist.setdefault(dist.metadata["Name"], python_package(dist))
    if untraced:
        raise LicenceError(
            "cannot trace these bundled files to a package and its licence:\n  "
            + "\n  ".join(sorted(untraced))
        )
    comps = [project, python, *sorted(by_dist.values(), key=lambda c: c.name.lower())]
    comps += sorted(system.values(), key=lambda c: c.name)
    _require_texts(comps)
    return comps


def unmentioned_libraries(comp: Component) -> list[str]:
    """C libraries a wheel vendors (lib*.so/.dll/.dylib among its files) whose name its licence
    files never mention: their licence may be missing from the wheel. The build prints them.
    (A system package owns its libraries by definition; Qt's plugins are Qt.)"""
    if comp.kind != "python package":
        return []
    text = "\n".join([*comp.texts.values(), comp.name]).lower()
    qt = _norm(comp.name) in QT_DISTRIBUTIONS
    missing = []
    for lib in comp.libraries:
        name = Path(lib).name.lower()
        stem = re.match(r"lib([a-z]+)", name)
        if not stem or (qt and ("/plugins/" in lib or name.startswith(QT_OWN))):
            continue
        if not re.search(rf"(\b|lib){stem.group(1)}", text):
            missing.append(Path(lib).name)
    return sorted(missing)


def collect_environment() -> list[Component]:
    """From source (no bundle): wa-audit's runtime dependencies, recursively, and Python."""
    seen: dict[str, Component] = {}
    todo = ["wa-audit"]
    while todo:
        name = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if _norm(dist.metadata["Name"]) in seen:
            continue
        seen[_norm(dist.metadata["Name"])] = python_package(dist)
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            todo.append(re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0])
    seen.pop("wa-audit", None)
    comps = [project_component(), python_component()]
    return comps + sorted(seen.values(), key=lambda c: c.name.lower())


def _require_texts(comps: list[Component]) -> None:
    missing = [f"{c.name} {c.version} ({c.kind})" for c in comps if not c.texts]
    if missing:
        raise LicenceError("no licence text found for: " + ", ".join(missing))


# --- the notices ------------------------------------------------------------------------------


def qt_notice(comps: list[Component]) -> str:
    qt = [c for c in comps if _norm(c.name) in QT_DISTRIBUTIONS]
    if not qt:
        return ""
    version = qt[0].version
    return f"""\
QT AND QT FOR PYTHON
wa-audit uses the Qt libraries and Qt for Python (PySide6 and shiboken6) {version},
(c) The Qt Company Ltd and other contributors, under the GNU Lesser General Public License
version 3 (LGPL-3.0). The texts of the LGPL-3.0 and of the GNU GPL-3.0 it builds on follow
below. wa-audit does not modify Qt or PySide6. Their complete source code is available at
{QT_SOURCE}
(Qt for Python {version} and the Qt version it was built with), licensing information at
https://www.qt.io/licensing/. The Qt and PySide6 libraries are not linked into the wa-audit
program: the one-folder bundle keeps each of them as a separate file (Linux: the folder
_internal/PySide6/Qt/lib next to the program; Windows: _internal\\PySide6; macOS:
wa-audit.app/Contents/Frameworks/PySide6). You may replace them with your own or modified
builds of a compatible Qt and PySide6 version, and you may reverse-engineer wa-audit as far as
needed to debug such changes.
"""


def render_notices(comps: list[Component], bundled: bool = True) -> str:
    how = (
        "as separate files in the folder 'licenses'. Collected from the packages' own metadata\n"
        "when this copy was built."
        if bundled
        else "in this file. Collected now from the Python environment wa-audit runs in (not a\n"
        "built copy): the packages wa-audit depends on."
    )
    lines = [
        f"THIRD-PARTY NOTICES FOR WA-AUDIT {__version__}",
        "",
        "wa-audit is published under the MIT licence (the first text below). It uses the",
        "following software by others; each keeps its own licence, reproduced in full below and",
        *how.splitlines(),
        "",
    ]
    width = max(len(c.name) for c in comps)
    lines += [f"  {c.name:<{width}}  {c.version:<12} {c.licence}" for c in comps]
    notice = qt_notice(comps)
    if notice:
        lines += ["", "=" * 78, notice.rstrip()]
    if bundled and not any(c.name.startswith("fonts-") for c in comps):
        lines += [
            "",
            "Fonts: wa-audit ships no font files. It uses the fonts of the computer it runs on;",
            "reports ask for DejaVu Sans where it is installed.",
        ]
    for c in comps:
        lines += ["", "=" * 78, f"{c.name} {c.version}", f"Licence: {c.licence}"]
        if c.homepage:
            lines.append(f"Home: {c.homepage}")
        if c.note:
            lines.append(f"Note: {c.note}")
        if c.libraries:
            lines.append("Shared libraries in this bundle: " + ", ".join(sorted(c.libraries)))
        for name, text in c.texts.items():
            lines += ["", f"--- {name} ---", text.rstrip()]
    return "\n".join(lines) + "\n"


def write(comps: list[Component], out: Path) -> None:
    """THIRD-PARTY-NOTICES.txt and licenses/<component>/... under out (a bundle's data root)."""
    _require_texts(comps)
    folder = out / LICENSES_DIR
    if folder.exists():
        shutil.rmtree(folder)
    manifest = []
    for c in comps:
        for name, text in c.texts.items():
            target = folder / c.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
        manifest.append(
            {
                "name": c.name,
                "version": c.version,
                "licence": c.licence,
                "kind": c.kind,
                "folder": f"{LICENSES_DIR}/{c.folder}",
                "files": sorted(c.texts),
                "libraries": sorted(set(c.libraries)),
            }
        )
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1), "utf-8")
    (out / NOTICES_NAME).write_text(render_notices(comps), "utf-8")


# --- reading them back in the app -------------------------------------------------------------


def bundled_notices() -> Path | None:
    """The notices file shipped in this bundle, or None when running from source."""
    if not getattr(sys, "frozen", False):
        return None
    path = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / NOTICES_NAME
    return path if path.is_file() else None


def notices_text() -> str:
    shipped = bundled_notices()
    if shipped is not None:
        return _read(shipped)
    if getattr(sys, "frozen", False):  # a bundle must carry its own notices
        raise LicenceError(f"{NOTICES_NAME} is missing from this installation")
    return render_notices(collect_environment(), bundled=False)


def own_licence_text() -> str:
    return next(iter(project_component().texts.values()), "MIT License")


def print_notices() -> int:
    text = notices_text()
    out = sys.stdout
    try:
        out.write(text)
        out.flush()
    except UnicodeEncodeError:  # a Windows console code page without these characters
        out.buffer.write(text.encode("utf-8", errors="replace"))
    return 0
