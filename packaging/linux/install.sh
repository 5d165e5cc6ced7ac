#!/bin/sh
# Installs ANTQ Ledger for the current user, or upgrades it: the program goes into
# ~/.local/share/antq-ledger (replaced whole), a menu entry into ~/.local/share/applications and
# the `antq` command into ~/.local/bin. The data (~/.local/share/ANTQLedger) is never touched:
# the program backs the database up and upgrades it when it next opens it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
share="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$share/antq-ledger"
bin="$HOME/.local/bin"

rm -rf "$target.new"
mkdir -p "$target.new" "$share/applications" "$bin"
cp -R "$here/antq/." "$target.new/"
cp "$here/antq.png" "$here/uninstall.sh" "$target.new/"
rm -rf "$target"
mv "$target.new" "$target"
sed -e "s|@EXEC@|\"$target/antq\"|" -e "s|@ICON@|$target/antq.png|" \
    "$here/antq-ledger.desktop" > "$share/applications/antq-ledger.desktop"
ln -sf "$target/antq" "$bin/antq"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true

echo "Đã cài ANTQ Ledger vào $target (mở từ menu ứng dụng, hoặc lệnh: antq)."
echo "ANTQ Ledger installed in $target (open it from the applications menu, or run: antq)."
