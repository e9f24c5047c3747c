#!/usr/bin/env bash
# Wrap the PyInstaller .app (build_installer.spec on macOS) into a compressed .dmg with the
# usual "drag to Applications" layout, and the licences beside the app: wa-audit's LICENSE (MIT),
# THIRD-PARTY-NOTICES.txt and the licences folder (the same files are inside the app, in
# Contents/Resources, where About > Third-party licences reads them).
#
#   bash packaging/macos/make_dmg.sh dist/wa-audit.app dist/wa-audit-0.1.0-macos-arm64.dmg 0.1.0
#
# Signing: without a Developer ID the app is signed ad hoc (PyInstaller already does so on Apple
# silicon; re-signing the whole bundle keeps the signature valid after any change). Users then
# open it the first time with right-click > Open. With a Developer ID, set MACOS_SIGN_IDENTITY
# (and notarize the .dmg with `xcrun notarytool submit --wait` + `xcrun stapler staple`); the
# credentials come from the CI's secret store, never from this repository.
set -euo pipefail
app=$1
out=$2
version=$3
[ -d "$app/Contents/MacOS" ] || { echo "not an app bundle: $app"; exit 1; }

identity=${MACOS_SIGN_IDENTITY:--}
if [ "$identity" = "-" ]; then
  codesign --force --deep --sign - "$app"
else
  codesign --force --deep --options runtime --timestamp --sign "$identity" "$app"
fi
codesign --verify --deep --strict "$app"

# The bundle must report the version it is shipped as.
plist_version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")
[ "$plist_version" = "$version" ] || { echo "Info.plist says $plist_version, expected $version"; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
resources="$app/Contents/Resources"
for f in THIRD-PARTY-NOTICES.txt LICENSE licenses/components.json; do
  [ -f "$resources/$f" ] || { echo "the app has no $f: rebuild it with build_installer.spec"; exit 1; }
done
cp "$resources/THIRD-PARTY-NOTICES.txt" "$stage/"
cp "$resources/LICENSE" "$stage/LICENSE.txt"
cp -R "$resources/licenses" "$stage/licenses"
rm -f "$out"
hdiutil create -volname "wa-audit $version" -srcfolder "$stage" -fs HFS+ -format UDZO \
  -imagekey zlib-level=9 -ov "$out"
hdiutil verify "$out"
if [ "$identity" != "-" ]; then
  codesign --force --sign "$identity" --timestamp "$out"
fi
echo "dmg: $out"
