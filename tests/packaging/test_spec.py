"""build_installer.spec: runs with PyInstaller's build objects replaced by recorders, so the
data list, the filters and the version are checked without a 30-second build."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build_installer.spec"


class Recorder:
    made: list[Recorder] = []

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.kind = type(self).__name__
        Recorder.made.append(self)
        # what later objects read from an Analysis
        self.scripts, self.pure = [], []
        self.binaries = list(kwargs.get("binaries", []))
        self.datas = list(kwargs.get("datas", []))


def _kinds():
    return {name: type(name, (Recorder,), {}) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}


def _run_spec(monkeypatch, tmp_path, kinds=None):
    """Execute the spec; returns its namespace. Side effects (icons, .mo) are stubbed."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda pkg: [f"{pkg}.cli"]
    hooks.copy_metadata = lambda dist: [("meta", f"{dist}.dist-info")]
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    runs = []
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: runs.append(cmd))
    import wa_audit.i18n_build

    monkeypatch.setattr(wa_audit.i18n_build, "compile_all", lambda: [])
    Recorder.made = []
    ns = {"SPECPATH": str(ROOT), "DISTPATH": str(tmp_path), "__name__": "__main__"}
    ns.update(kinds or _kinds())
    exec(compile(SPEC.read_text("utf-8"), str(SPEC), "exec"), ns)
    ns["_icon_runs"] = runs
    return ns


@pytest.fixture
def spec(monkeypatch, tmp_path):
    return _run_spec(monkeypatch, tmp_path)


def test_version_comes_from_pyproject(spec):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert spec["VERSION"] == pyproject["project"]["version"]


def test_one_folder_windowed_build_named_wa_audit(spec):
    exes = [r for r in Recorder.made if r.kind == "EXE"]
    assert exes, "no EXE"
    main = exes[0]
    assert main.kwargs["name"] == "wa-audit"
    assert main.kwargs["console"] is False
    assert main.kwargs["exclude_binaries"] is True  # one-folder: binaries go to COLLECT
    assert main.kwargs["icon"] == (
        {
            "win32": str(ROOT / "build" / "icons" / "wa-audit.ico"),
            "darwin": str(ROOT / "build" / "icons" / "wa-audit.icns"),
        }.get(sys.platform)
    )
    (coll,) = [r for r in Recorder.made if r.kind == "COLLECT"]
    assert coll.kwargs["name"] == "wa-audit"
    # the icon is rendered from the SVG at build time
    assert any("make_icons.py" in str(part) for cmd in spec["_icon_runs"] for part in cmd)


def test_entry_point_and_hidden_imports(spec):
    (analysis,) = [r for r in Recorder.made if r.kind == "Analysis"]
    (script,) = analysis.args[0]
    assert Path(script).exists()
    assert "wa_audit.cli" in analysis.kwargs["hiddenimports"]
    assert "tkinter" in analysis.kwargs["excludes"]


def test_required_data_is_listed_with_bundle_destinations(spec):
    required = dict(spec["REQUIRED_DATA"])
    assert required == {
        "resources/prices.json": "resources",
        "resources/icons": "resources/icons",
        "wa_audit/data": "wa_audit/data",
    }
    assert dict(spec["OPTIONAL_DATA"]) == {"resources/demo": "resources/demo"}
    qt = {dest for src, dest in spec["datas"] if Path(src).name.startswith("qtbase_")}
    assert qt == {"PySide6/Qt/translations"}
    assert {Path(src).name for src, _d in spec["datas"] if "qtbase_" in src} == {
        "qtbase_de.qm",
        "qtbase_nl.qm",
        "qtbase_en.qm",
    }
    listed = {
        Path(src).relative_to(ROOT).as_posix()
        for src, _dest in spec["datas"]
        if src != "meta" and "qtbase_" not in src
    }
    present = {src for src in [*required, "resources/demo"] if (ROOT / src).exists()}
    assert present <= listed
    assert spec["missing"] == []  # everything the bundle needs is in the tree


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtbase_nl.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6/Qt/translations/qt_help_de.qm", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("libcairo.so.2", False),
        ("libpng16.so.16", True),
        ("babel/locale-data/de_DE.dat", True),
        ("babel/locale-data/nl.dat", True),
        ("babel/locale-data/en_GB.dat", True),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/fr.dat", False),
        ("babel/global.dat", True),
        ("wa_audit/locale/de/LC_MESSAGES/wa_audit.mo", True),
    ],
)
def test_filters(spec, name, kept):
    assert spec["keep"](name) is kept


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux-only filters")
@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("libssl.so.3", False),
        ("libcrypto.so.3", False),
        ("libgssapi_krb5.so.2", False),
        ("libsystemd.so.0", True),  # libdbus needs it
        ("libzstd.so.1", True),  # libQt6Core needs it
        ("PySide6/Qt/lib/libQt6DBus.so.6", True),  # libQt6Gui needs it
    ],
)
def test_linux_filters(spec, name, kept):
    assert spec["keep"](name) is kept


def test_licences_and_notices_are_collected_and_shipped(spec):
    (analysis,) = [r for r in Recorder.made if r.kind == "Analysis"]
    shipped = {entry[0]: entry[1] for entry in analysis.datas if len(entry) == 3}
    assert Path(shipped["LICENSE"]) == ROOT / "LICENSE"
    notices = Path(shipped["THIRD-PARTY-NOTICES.txt"]).read_text("utf-8")
    assert "pyinstaller" in notices  # the bootloader is the program file itself
    assert "licenses/components.json" in shipped
    assert Path(shipped["licenses/components.json"]).is_relative_to(spec["DISTPATH"])


def test_the_build_stops_on_a_bundled_package_without_licence_text(monkeypatch, tmp_path):
    site = tmp_path / "site"
    (site / "unlicensed").mkdir(parents=True)
    lib = site / "unlicensed" / "libunlicensed.so"
    lib.write_bytes(b"\x7fELF")
    info = site / "unlicensed-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: unlicensed\nVersion: 1.0\n")
    (info / "RECORD").write_text(
        "unlicensed/libunlicensed.so,,\nunlicensed-1.0.dist-info/METADATA,,\n"
    )
    monkeypatch.syspath_prepend(str(site))
    kinds = _kinds()

    class Analysis(kinds["Analysis"]):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.binaries.append(("unlicensed/libunlicensed.so", str(lib), "BINARY"))

    kinds["Analysis"] = Analysis
    with pytest.raises(SystemExit, match=r"no licence text found for: unlicensed 1\.0"):
        _run_spec(monkeypatch, tmp_path / "dist", kinds)
