"""The licence collector (wa_audit/licenses.py) on this very environment, and the bundle check
(packaging/check_licenses.py) on folders laid out like a bundle. Nothing heavy is built here:
scripts/build_bundle.sh runs the same check on the real bundle after each build."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

from wa_audit import licenses as lic
from wa_audit.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = [
    re.split(r"[=<>~ ]", line, maxsplit=1)[0]
    for line in (ROOT / "requirements.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def _check_module():
    spec = importlib.util.spec_from_file_location(
        "check_licenses", ROOT / "packaging/check_licenses.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_licenses = _check_module()


@pytest.fixture(scope="module")
def environment():
    return {lic._norm(c.name): c for c in lic.collect_environment()}


def test_every_runtime_requirement_has_its_own_licence_text(environment):
    assert len(RUNTIME) >= 6
    for name in RUNTIME:
        comp = environment[lic._norm(name)]
        assert comp.texts, name
        assert all(text.strip() for text in comp.texts.values()), name
        assert comp.licence and comp.licence != "not declared", name
    # wa-audit's dependencies' dependencies too (pandas -> numpy, sqlite-utils -> click)
    assert {"numpy", "click", "python-dateutil"} <= set(environment)


def test_texts_come_from_the_packages_themselves(environment):
    assert "Apache License" in environment["sqlite-utils"].texts["LICENSE"]
    # numpy's wheel carries the licences of the OpenBLAS, LAPACK and GCC runtime it bundles
    numpy_text = "\n".join(environment["numpy"].texts.values())
    assert "OpenBLAS" in numpy_text and "GCC RUNTIME LIBRARY EXCEPTION" in numpy_text.upper()
    assert (
        "PYTHON SOFTWARE FOUNDATION LICENSE"
        in "\n".join(environment["python"].texts.values()).upper()
    )
    assert "MIT License" in environment["wa-audit"].texts["LICENSE"]


def test_qt_gets_the_lgpl_and_gpl_texts_because_its_wheel_has_none(environment):
    for name in ("pyside6-essentials", "shiboken6"):
        comp = environment[name]
        dist = metadata.distribution(name)
        assert lic.distribution_texts(dist) == {}, (
            "the wheel ships a licence now: drop the supplement"
        )
        assert comp.licence == "LGPL-3.0-only"
        assert "GNU LESSER GENERAL PUBLIC LICENSE" in comp.texts["LGPL-3.0.txt"]
        assert "GNU GENERAL PUBLIC LICENSE" in comp.texts["GPL-3.0.txt"]


@pytest.mark.parametrize("name", ["LGPL-3.0", "GPL-3.0"])
def test_shipped_gnu_texts_are_the_fsf_originals(name):
    debian = Path("/usr/share/common-licenses") / name.removesuffix(".0")
    if not debian.is_file():
        pytest.skip("no /usr/share/common-licenses on this system to compare with")
    assert (lic.SUPPLEMENTS_DIR / f"{name}.txt").read_bytes() == debian.read_bytes()


def test_notices_name_qt_its_source_and_that_its_libraries_can_be_replaced(environment):
    text = lic.render_notices(list(environment.values()), bundled=False)
    for phrase in check_licenses.QT_NOTICE_PHRASES:
        assert phrase in text
    assert "code.qt.io" in text and "Version 3, 29 June 2007" in text


def test_cli_prints_the_notices_from_the_environment(capsys):
    assert cli_main(["--licenses"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"THIRD-PARTY NOTICES FOR WA-AUDIT {lic.__version__}")
    assert "Collected now from the Python environment" in out
    assert "wa-audit uses the Qt" in out and "MIT License" in out


# --- tracing bundled files ------------------------------------------------------------------


def _record_file(dist_name: str, pattern: str) -> Path:
    dist = metadata.distribution(dist_name)
    for file in dist.files:
        if re.search(pattern, file.as_posix()):
            return Path(str(file.locate()))
    raise AssertionError(f"{pattern} not in {dist_name}")


def test_bundled_files_are_traced_to_their_packages():
    openblas = _record_file("numpy", r"numpy\.libs/.*openblas")
    qtcore = _record_file("PySide6-Essentials", r"Qt6Core|QtCore\.abi3")
    entries = [
        (f"numpy.libs/{openblas.name}", str(openblas)),
        (f"PySide6/{qtcore.name}", str(qtcore)),
        ("os", os.__file__),
        ("wa_audit/cli.py", str(ROOT / "wa_audit" / "cli.py")),
        ("pandas", _record_file("pandas", r"^pandas/__init__\.py$").as_posix()),
    ]
    comps = {lic._norm(c.name): c for c in lic.collect_bundle(entries)}
    assert comps["numpy"].libraries == [f"numpy.libs/{openblas.name}"]
    assert "OpenBLAS" in "\n".join(comps["numpy"].texts.values())
    assert comps["pyside6-essentials"].libraries == [f"PySide6/{qtcore.name}"]
    assert {"wa-audit", "python", "pandas", "pyinstaller"} <= set(comps)
    assert "sqlite-utils" not in comps  # only what is bundled


def test_a_file_from_nowhere_stops_the_build(tmp_path):
    stray = tmp_path / "libmystery.so.1"
    stray.write_bytes(b"\x7fELF")
    with pytest.raises(lic.LicenceError, match="libmystery"):
        lic.collect_bundle([("libmystery.so.1", str(stray))])


def _fake_dist(root: Path, name: str, licence: str, files: dict[str, str]) -> Path:
    pkg = root / name.replace("-", "_")
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", "utf-8")
    info = root / f"{name.replace('-', '_')}-9.9.dist-info"
    info.mkdir()
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: 9.9\nLicense: {licence}\n"
    meta += "".join(f"License-File: {f}\n" for f in files)
    (info / "METADATA").write_text(meta, "utf-8")
    record = [f"{pkg.name}/__init__.py,,", f"{info.name}/METADATA,,", f"{info.name}/RECORD,,"]
    for fname, text in files.items():
        (info / fname).write_text(text, "utf-8")
        record.append(f"{info.name}/{fname},,")
    (info / "RECORD").write_text("\n".join(record) + "\n", "utf-8")
    return pkg / "__init__.py"


def test_a_package_without_licence_text_stops_the_build(tmp_path, monkeypatch):
    module = _fake_dist(tmp_path, "nolicence-pkg", "MIT", {})
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(lic.LicenceError, match=r"nolicence-pkg 9\.9"):
        lic.collect_bundle([("nolicence_pkg/__init__.py", str(module))])


def test_a_package_with_its_licence_and_notice_files_passes(tmp_path, monkeypatch):
    module = _fake_dist(tmp_path, "licensed-pkg", "Apache-2.0", {"LICENSE": "Apache License"})
    # an Apache-2.0 NOTICE shipped inside the package (listed in RECORD, not as License-File)
    (module.parent / "NOTICE").write_text("licensed-pkg\nCopyright 2026 someone", "utf-8")
    record = next(tmp_path.glob("*.dist-info")) / "RECORD"
    record.write_text(record.read_text("utf-8") + "licensed_pkg/NOTICE,,\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    comps = {c.name: c for c in lic.collect_bundle([("licensed_pkg/__init__.py", str(module))])}
    assert comps["licensed-pkg"].texts == {
        "LICENSE": "Apache License",
        "licensed_pkg/NOTICE": "licensed-pkg\nCopyright 2026 someone",
    }
    assert comps["licensed-pkg"].licence == "Apache-2.0"


def test_a_bundled_system_font_would_bring_its_package_licence():
    """No font file is bundled today (reports use the computer's fonts); a DejaVu font that
    slipped in would be traced to its Debian package and ship that package's licence."""
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.is_file() or not sys.platform.startswith("linux"):
        pytest.skip("no Debian DejaVu font here")
    comps = {c.name: c for c in lic.collect_bundle([("fonts/DejaVuSans.ttf", str(font))])}
    dejavu = comps["fonts-dejavu-core"]
    assert dejavu.kind == "system library"
    assert "Bitstream" in dejavu.texts["copyright"]


def test_a_supplement_is_refused_when_the_declared_licence_changed(tmp_path, monkeypatch):
    module = _fake_dist(tmp_path, "shiboken6", "MIT", {})  # found before the real shiboken6
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(lic.LicenceError, match=r"no longer declares LGPL-3\.0-only"):
        lic.collect_bundle([("shiboken6/__init__.py", str(module))])


# --- the check of a built bundle --------------------------------------------------------------


@pytest.fixture
def bundle(tmp_path, environment):
    """A folder laid out like dist/wa-audit with the notices of this environment."""
    root = tmp_path / "wa-audit"
    data = root / "_internal"
    comps = [dataclasses.replace(c, libraries=[]) for c in environment.values()]
    comps[[lic._norm(c.name) for c in comps].index("pyside6-essentials")].libraries = [
        "PySide6/Qt/lib/libQt6Core.so.6"
    ]
    lic.write(comps, data)
    (data / "LICENSE").write_text((ROOT / "LICENSE").read_text("utf-8"), "utf-8")
    qt = data / "PySide6" / "Qt" / "lib"
    qt.mkdir(parents=True)
    (qt / "libQt6Core.so.6").write_bytes(b"\x7fELF")
    (data / "libQt6Core.so.6").symlink_to("PySide6/Qt/lib/libQt6Core.so.6")
    return root


def test_the_bundle_check_passes_a_complete_bundle(bundle, capsys):
    assert check_licenses.check(bundle) == []
    assert check_licenses.main([str(bundle)]) == 0
    assert "each with its licence text" in capsys.readouterr().out


def test_the_bundle_check_finds_a_missing_licence_file(bundle):
    manifest = json.loads((bundle / "_internal/licenses/components.json").read_text("utf-8"))
    numpy = next(c for c in manifest if c["name"] == "numpy")
    (bundle / "_internal" / numpy["folder"] / numpy["files"][0]).unlink()
    assert any("numpy: licence file" in p for p in check_licenses.check(bundle))


def test_the_bundle_check_finds_a_library_nobody_accounts_for(bundle):
    (bundle / "_internal" / "libextra.so.2").write_bytes(b"\x7fELF")
    (bundle / "_internal" / "extra-1.0.dist-info").mkdir()
    problems = check_licenses.check(bundle)
    assert any("libextra.so.2 has no listed licence" in p for p in problems)
    assert any("extra-1.0.dist-info" in p for p in problems)


def test_the_bundle_check_insists_on_the_qt_notice_and_lgpl(bundle):
    notices = bundle / "_internal" / lic.NOTICES_NAME
    text = notices.read_text("utf-8").replace("You may replace them", "You may not touch them")
    notices.write_text(text, "utf-8")
    assert any("You may replace them" in p for p in check_licenses.check(bundle))
    (bundle / "_internal" / "PySide6/Qt/lib/libQt6Core.so.6").unlink()
    assert any("Qt core library" in p for p in check_licenses.check(bundle))


def test_the_bundle_check_needs_the_notices_at_all(tmp_path):
    (tmp_path / "wa-audit" / "_internal").mkdir(parents=True)
    problems = check_licenses.check(tmp_path / "wa-audit")
    assert any(lic.NOTICES_NAME in p for p in problems)


def test_the_frozen_app_prints_the_shipped_file_not_the_environment(bundle, monkeypatch, capsys):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle / "_internal"), raising=False)
    shipped = (bundle / "_internal" / lic.NOTICES_NAME).read_text("utf-8")
    assert lic.notices_text() == shipped
    assert lic.print_notices() == 0
    assert capsys.readouterr().out == shipped


def test_vendored_libraries_the_licence_files_do_not_mention_are_pointed_out(environment):
    numpy = dataclasses.replace(environment["numpy"])
    numpy.libraries = [
        "numpy.libs/libscipy_openblas64_-32a4b2a6.so",
        "numpy.libs/libgfortran-0.so.5",
    ]
    assert lic.unmentioned_libraries(numpy) == []  # numpy's LICENSE.txt covers both
    numpy.libraries.append("numpy.libs/libmystery-1.so")
    assert lic.unmentioned_libraries(numpy) == ["libmystery-1.so"]
    qt = dataclasses.replace(environment["pyside6-essentials"])
    qt.libraries = [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/libpyside6.abi3.so.6.12",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
    ]
    assert lic.unmentioned_libraries(qt) == []
    # the PySide6 Linux wheel vendors ICU; the LGPL text does not cover it ("partICUlar" aside)
    qt.libraries.append("PySide6/Qt/lib/libicuuc.so.73")
    assert lic.unmentioned_libraries(qt) == ["libicuuc.so.73"]
