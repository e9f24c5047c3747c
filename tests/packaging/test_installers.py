"""What can be checked here of the Linux, Windows and macOS packaging (the builds themselves run
in the release workflow): the .desktop file, install.sh for real, the icon containers and the
settings a reviewer looks for in the Inno Setup script and the dmg recipe."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "packaging"


def test_desktop_entry():
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str  # keys are case-sensitive
    cp.read(PKG / "linux" / "wa-audit.desktop", encoding="utf-8")
    entry = cp["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "wa-audit"  # install.sh rewrites it to the full path
    # no %F / MimeType: the program takes no file arguments, files are dropped on the window
    assert "MimeType" not in entry
    assert entry["Icon"] == "wa-audit"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    for lang in ("nl", "de"):
        assert entry[f"Comment[{lang}]"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell script")
def test_install_sh_installs_and_uninstalls_per_user(tmp_path):
    stage = tmp_path / "wa-audit-1.0-linux-x86_64"
    (stage / "wa-audit").mkdir(parents=True)
    exe = stage / "wa-audit" / "wa-audit"
    exe.write_text("#!/bin/sh\necho wa-audit 1.0\n")
    exe.chmod(0o755)
    for name in ("install.sh", "wa-audit.desktop"):
        shutil.copy(PKG / "linux" / name, stage / name)
    (stage / "wa-audit.png").write_bytes(b"\x89PNG")
    home = tmp_path / "home with space"
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    subprocess.run(["sh", str(stage / "install.sh")], env=env, check=True, capture_output=True)

    data = home / ".local" / "share"
    desktop = (data / "applications" / "wa-audit.desktop").read_text()
    installed = home / ".local" / "opt" / "wa-audit" / "wa-audit"
    assert f'Exec="{installed}"\n' in desktop
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "wa-audit.png").exists()
    out = subprocess.run(
        [str(home / ".local" / "bin" / "wa-audit")], capture_output=True, text=True
    )
    assert out.stdout.strip() == "wa-audit 1.0"

    subprocess.run(
        ["sh", str(stage / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True
    )
    assert not installed.exists()
    assert not (home / ".local" / "bin" / "wa-audit").exists()
    assert not (data / "applications" / "wa-audit.desktop").exists()


def test_icon_containers(qapp, tmp_path):
    sys.path.insert(0, str(PKG))
    try:
        import make_icons
    finally:
        sys.path.remove(str(PKG))
    paths = make_icons.make_icons(tmp_path)
    png = paths["png"].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)

    ico = paths["ico"].read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    for i in range(count):
        _w, _h, _c, _r, _p, _bpp, size, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i]
        )
        assert ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + size <= len(ico)

    icns = paths["icns"].read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    pos, kinds = 8, []
    while pos < len(icns):
        kinds.append(icns[pos : pos + 4])
        length = struct.unpack(">I", icns[pos + 4 : pos + 8])[0]
        assert icns[pos + 8 : pos + 16] == b"\x89PNG\r\n\x1a\n"
        pos += length
    assert pos == len(icns)
    assert b"ic10" in kinds and b"icp4" in kinds


def _iss() -> dict[str, dict[str, str]]:
    sections: dict[str, dict[str, str]] = {}
    current = ""
    for line in (PKG / "windows" / "wa-audit.iss").read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, {})
        elif current == "Setup" and "=" in line:
            key, value = line.split("=", 1)
            sections[current][key.strip()] = value.strip()
        else:
            sections[current][line] = ""
    return sections


def test_inno_setup_per_user_start_menu_uninstaller():
    iss = _iss()
    setup = iss["Setup"]
    assert setup["PrivilegesRequired"] == "lowest"  # no admin rights, no UAC prompt
    assert setup["DefaultDirName"].startswith("{autopf}")  # = %LOCALAPPDATA%\Programs per user
    # "{{" escapes the brace: a fixed GUID, so updates and the uninstaller find this install
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["Uninstallable"] == "yes"
    assert setup["UninstallDisplayIcon"] == r"{app}\{#AppExe}"
    assert setup["OutputBaseFilename"] == "wa-audit-{#AppVersion}-windows-setup"
    icons = " ".join(iss["Icons"])
    assert r'Name: "{autoprograms}\{#AppName}"' in icons  # Start-menu entry
    assert "recursesubdirs" in " ".join(iss["Files"])
    languages = " ".join(iss["Languages"])
    assert "Dutch.isl" in languages and "German.isl" in languages
    # the workflow's silent-install step relies on these names
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text()
    assert r"Programs\wa-audit" in text and "unins000.exe" in text


def test_installer_shows_and_installs_the_licences():
    iss = _iss()
    raw = (PKG / "windows" / "wa-audit.iss").read_text("utf-8")
    assert iss["Setup"]["LicenseFile"] == "{#LicenseFile}"  # wa-audit's MIT licence page
    assert iss["Setup"]["InfoAfterFile"] == "{#Notices}"  # the third-party notices page
    assert '"..\\..\\LICENSE"' in raw and (ROOT / "LICENSE").is_file()
    assert r'SourceDir + "\_internal\THIRD-PARTY-NOTICES.txt"' in raw
    assert "#if !FileExists(Notices)" in raw and "components.json" in raw  # compile stops without
    files = " ".join(iss["Files"])
    assert 'Source: "{#Notices}"; DestDir: "{app}"' in files
    assert 'DestName: "LICENSE.txt"' in files


def test_dmg_and_linux_package_carry_the_licences():
    dmg = (PKG / "macos" / "make_dmg.sh").read_text("utf-8")
    assert 'cp "$resources/THIRD-PARTY-NOTICES.txt" "$stage/"' in dmg
    assert 'cp -R "$resources/licenses" "$stage/licenses"' in dmg
    assert "for f in THIRD-PARTY-NOTICES.txt LICENSE licenses/components.json" in dmg
    build = (ROOT / "scripts" / "build_bundle.sh").read_text("utf-8")
    assert (
        'cp "$bundle/_internal/THIRD-PARTY-NOTICES.txt" "$bundle/_internal/LICENSE" "$stage/"'
        in build
    )
    assert 'packaging/check_licenses.py "$bundle"' in build  # the built bundle is checked
    assert "run_bundled --licenses" in build
    assert "> SHA256SUMS" in build and "-c SHA256SUMS" in build


def test_macos_recipe_and_plist():
    script = (PKG / "macos" / "make_dmg.sh").read_text()
    assert "hdiutil create" in script and "UDZO" in script
    assert 'ln -s /Applications "$stage/Applications"' in script
    assert "codesign --verify" in script
    spec = (ROOT / "build_installer.spec").read_text()
    assert "CFBundleShortVersionString" in spec and "NSHighResolutionCapable" in spec


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash")
@pytest.mark.parametrize(
    "script",
    ["scripts/build_bundle.sh", "packaging/macos/make_dmg.sh", "packaging/linux/install.sh"],
)
def test_shell_scripts_parse(script):
    shell = "sh" if script.endswith("install.sh") else "bash"
    subprocess.run([shell, "-n", str(ROOT / script)], check=True)


@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf (binutils)")
def test_check_bundle_finds_libraries_that_are_not_shipped(tmp_path):
    sys.path.insert(0, str(PKG))
    try:
        import check_bundle
    finally:
        sys.path.remove(str(PKG))
    exe = Path(sys.executable).resolve()
    shutil.copy(exe, tmp_path / "prog")
    needed = re.findall(
        r"Shared library: \[([^\]]+)\]",
        subprocess.run(["readelf", "-d", str(exe)], capture_output=True, text=True).stdout,
    )
    foreign = [n for n in needed if not check_bundle.SYSTEM_LIBS.match(n)]
    if not foreign:
        pytest.skip("this Python links only system libraries")
    assert set(check_bundle.unresolved_libraries(tmp_path)) == set(foreign)
    for name in foreign:  # shipped next to it: resolved
        (tmp_path / name).write_bytes(b"")
    assert check_bundle.unresolved_libraries(tmp_path) == {}


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_entry_validates():
    out = subprocess.run(
        ["desktop-file-validate", str(PKG / "linux" / "wa-audit.desktop")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout
