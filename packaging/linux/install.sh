#!/bin/sh
# Install wa-audit for the current user (no root needed): the program goes to
# ~/.local/opt/wa-audit, a menu entry to ~/.local/share/applications, the icon to the hicolor
# theme and a `wa-audit` command to ~/.local/bin.  ./install.sh --uninstall removes all of it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
dest=$HOME/.local/opt/wa-audit
bin=$HOME/.local/bin
apps=$data/applications
icons=$data/icons/hicolor/256x256/apps

refresh_menu() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$apps" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$dest"
  rm -f "$bin/wa-audit" "$apps/wa-audit.desktop" "$icons/wa-audit.png"
  refresh_menu
  echo "wa-audit removed. Your workspaces in $data/wa-audit were kept."
  exit 0
fi

mkdir -p "$(dirname "$dest")" "$bin" "$apps" "$icons"
rm -rf "$dest"
cp -a "$here/wa-audit" "$dest"
ln -sf "$dest/wa-audit" "$bin/wa-audit"
cp "$here/wa-audit.png" "$icons/wa-audit.png"
sed "s|^Exec=wa-audit|Exec=\"$dest/wa-audit\"|" "$here/wa-audit.desktop" > "$apps/wa-audit.desktop"
chmod 644 "$apps/wa-audit.desktop"
refresh_menu
echo "wa-audit installed: find it in your applications menu, or run $bin/wa-audit"
